/**
 * `remissbrygga start`: read the configuration once (env, overridable by options), start the server, print one
 * line with the URL and a curl to try, and stop gracefully on SIGINT/SIGTERM. Invalid configuration → exit 2.
 */
import type { Command } from 'commander';
import { quickstartText } from '../../app/quickstart.ts';
import { startServer, stopServer } from '../../app/server.ts';
import { configFromEnv } from '../../config/env.ts';
import { ConfigError } from '../../config/schema.ts';

export function register(program: Command): void {
  program
    .command('start')
    .description('start the FHIR server (configuration from the environment, see .env.example)')
    .option('-p, --port <port>', 'TCP port (PORT)')
    .option('--host <host>', 'interface to listen on (HOST)')
    .action(async (opts: { port?: string; host?: string }) => {
      let config;
      try {
        config = configFromEnv({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}), ...(opts.host ? { HOST: opts.host } : {}) });
      } catch (err) {
        if (err instanceof ConfigError) {
          process.stderr.write(`remissbrygga: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
      const server = await startServer(config);
      process.stdout.write(quickstartText(server.origin, config.AUTH_MODE, config.IG_DIR));
      let stopping = false;
      const stop = (signal: string): void => {
        if (stopping) {
          return;
        }
        stopping = true;
        server.logger.info({ signal }, 'shutting down');
        stopServer(server).then(
          () => {
            process.exitCode = 0;
          },
          (err: unknown) => {
            process.stderr.write(`remissbrygga: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exitCode = 1;
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
