/**
 * Composition root: startServer(config) → config → database (PGlite data dir or DATABASE_URL; migrated) → IG
 * package → validator → directory → clients and keys → express app → listen. stopServer closes the listener,
 * its connections and the database. Nothing here is module state: each call builds its own server.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { DestinationStream } from 'pino';
import type { Authenticator } from '../auth/authenticate.ts';
import { createAuthenticator } from '../auth/authenticate.ts';
import { loadClients } from '../auth/clients.ts';
import type { ServerKeys } from '../auth/keys.ts';
import { serverKeys } from '../auth/keys.ts';
import type { Config } from '../config/schema.ts';
import { createDeliveryAdminRouter } from '../deliver/admin-router.ts';
import { createRegionRouter } from '../http/region-router.ts';
import type { DeliveryRuntime } from '../deliver/runtime.ts';
import { startDeliveryRuntime } from '../deliver/runtime.ts';
import type { Mount } from '../http/app.ts';
import { createHttpApp } from '../http/app.ts';
import { createMapper } from '../map/index.ts';
import type { ConformanceStore } from '../http/conformance.ts';
import { loadConformance } from '../http/conformance.ts';
import type { HttpDeps } from '../http/deps.ts';
import type { Logger } from '../ops/logger.ts';
import { createLogger } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import { createMetrics } from '../ops/metrics.ts';
import type { Db, Repository } from '../store/index.ts';
import { claimAssertion, createRepository, openDb } from '../store/index.ts';
import type { Composition } from './compose.ts';
import { compose } from './compose.ts';

export interface StartOptions {
  /** Replaces parts of the composition (tests pass their own workflow or validator). */
  readonly composition?: Partial<Composition>;
  readonly logDestination?: DestinationStream;
  /** Use this database instead of opening one (tests); it is not closed by stopServer. */
  readonly db?: Db;
  readonly now?: () => Date;
  readonly defaultMetrics?: boolean;
}

export interface RunningServer {
  /** `http://host:port` */
  readonly origin: string;
  readonly port: number;
  readonly app: Express;
  readonly http: Server;
  readonly repo: Repository;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly keys: ServerKeys;
  readonly auth: Authenticator;
  readonly conformance: ConformanceStore;
  /** Outbox worker and scheduled jobs (config DELIVERY / JOBS); undefined when both are off. */
  readonly delivery: DeliveryRuntime | undefined;
  readonly ownsDb: boolean;
}

async function packageVersion(): Promise<string> {
  try {
    const pkg: unknown = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    const v: unknown = typeof pkg === 'object' && pkg !== null ? Reflect.get(pkg, 'version') : undefined;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function openConfiguredDb(config: Config): Promise<Db> {
  if (config.DATABASE_URL) {
    return openDb({ databaseUrl: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE });
  }
  return config.DATA_DIR === ':memory:' ? openDb({}) : openDb({ dataDir: config.DATA_DIR });
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL, options.logDestination);
  if (config.AUTH_MODE === 'dev') {
    logger.warn(
      'AUTH_MODE=dev: DEVELOPMENT MODE, callers state their identity in X-Org-Id / X-User-Id / X-Roles headers. Never use with real patient data; set AUTH_MODE=smart.',
    );
  }
  let delivery: DeliveryRuntime | undefined;
  const db = options.db ?? (await openConfiguredDb(config));
  try {
    const repo = createRepository(db);
    const conformance = await loadConformance(config.IG_DIR);
    if (conformance.size === 0) {
      logger.warn({ igDir: config.IG_DIR }, 'no IG package loaded: conformance resources unavailable, /readyz reports not ready (run npm run ig:build)');
    }
    const composition = await compose(config, options.composition);
    const directory = await composition.loadDirectory(config.DIRECTORY_FILE);
    const clients = await loadClients(config.CLIENTS_FILE);
    const keys = await serverKeys(config.SERVER_KEY_FILE);
    const now = options.now ?? ((): Date => new Date());
    const auth = createAuthenticator(config.AUTH_MODE, keys, now);
    const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? true });
    const validator = composition.validator;
    const mapper = createMapper();
    const deps: HttpDeps = {
      config,
      repo,
      workflow: composition.workflow,
      workflowDeps: { repo, validate: async (r) => validator.validate(r), directory, now },
      validator,
      conformance,
      auth,
      tokens: {
        clients,
        keys,
        ttlSeconds: config.TOKEN_TTL_SECONDS,
        publicUrl: config.PUBLIC_URL,
        now,
        // Shared by every instance on the database: a replayed assertion is refused whichever instance it reaches.
        claimAssertion: (jti, expiresAt) => claimAssertion(db, jti, expiresAt, now()),
      },
      version: await packageVersion(),
      logger,
      metrics,
      mapper,
    };
    delivery =
      config.DELIVERY === 'on' || config.JOBS === 'on'
        ? await startDeliveryRuntime({
            repo,
            logger,
            registry: metrics.registry,
            ...(existsSync(config.DESTINATIONS_FILE) ? { destinationsFile: config.DESTINATIONS_FILE } : {}),
            runJobs: config.JOBS === 'on',
            mapper,
            deliver: config.DELIVERY === 'on',
            clock: now,
            // Its own PGlite data directory: no other process can hold a delivery lease, so leases left at start-up
            // are from a killed run (src/deliver/queue.ts recoverOrphanedLeases).
            recoverLeasesAtStart: options.db === undefined && db.driver === 'pglite',
          })
        : undefined;
    const startDays = delivery?.jobsConfig.startWatch.days ?? 30;
    const app = createHttpApp(deps, [deliveryAdminMount(repo.db, delivery), regionMount(repo.db, now, startDays)]);
    const http = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, (err?: Error) => {
        if (err) {
          reject(err);
        } else {
          resolve(s);
        }
      });
    });
    const { port } = http.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    logger.info({ port, host: config.HOST, database: db.driver, igResources: conformance.size, clients: clients.clients.length }, 'listening');
    return { origin: `http://${host}:${port}`, port, app, http, repo, logger, metrics, keys, auth, conformance, delivery, ownsDb: options.db === undefined };
  } catch (err) {
    // E.g. the port is taken: stop what already runs before the database goes away.
    await delivery?.stop();
    if (options.db === undefined) {
      await db.close();
    }
    throw err;
  }
}

/**
 * `/admin/delivery`: queue depth, dead letters, reprocess, pause/resume (src/deliver/admin-router.ts), for the
 * admin role, with the same authentication as /fhir.
 */
function deliveryAdminMount(db: Db, delivery: DeliveryRuntime | undefined): Mount {
  return { path: '/admin/delivery', router: (actorOf) => createDeliveryAdminRouter({ db, actorOf, onChange: () => delivery?.worker.wake() }) };
}

/** `/region`: statistics for the region role (src/http/region-router.ts), with the same authentication as /fhir. */
function regionMount(db: Db, now: () => Date, startDays: number): Mount {
  return { path: '/region', router: (actorOf) => createRegionRouter({ db, now, startDays, actorOf }) };
}

export async function stopServer(s: RunningServer): Promise<void> {
  await s.delivery?.stop();
  await new Promise<void>((resolve) => {
    s.http.close(() => {
      resolve();
    });
    s.http.closeIdleConnections();
  });
  if (s.ownsDb) {
    await s.repo.db.close();
  }
  s.logger.info('stopped');
}
