/**
 * The composition root and the `start` command: a server on a PGlite data directory that keeps its data across
 * a restart; the real CLI process printing its one line, stopping on SIGTERM; invalid configuration → exit 2.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { configWith } from '../config/schema.ts';
import { devHeaders, FHIR_HEADERS, parties, referralBundle, testValidator } from '../http/testing.ts';
import { startServer, stopServer } from './server.ts';

const NODE = join(process.cwd(), 'node_modules/.bin/node');
const MAIN = join(process.cwd(), 'src/cli/main.ts');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rb-app-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('startServer on a data directory; data survives stopServer and a new start', async () => {
  const config = configWith({ PORT: '0', DATA_DIR: join(dir, 'pglite'), LOG_LEVEL: 'silent', CLIENTS_FILE: join(dir, 'none.json') });
  const p = parties();
  const first = await startServer(config, { composition: { validator: testValidator }, defaultMetrics: false });
  const res = await fetch(`${first.origin}/fhir`, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc) }, body: JSON.stringify(referralBundle(p)) });
  expect(res.status).toBe(201);
  await stopServer(first);
  await expect(fetch(`${first.origin}/healthz`)).rejects.toThrow();
  const second = await startServer(config, { composition: { validator: testValidator }, defaultMetrics: false });
  try {
    const tasks = (await (await fetch(`${second.origin}/fhir/Task?owner=${p.provider.orgHsaId}`, { headers: devHeaders(p.provider) })).json()) as Bundle;
    expect(tasks.total).toBe(1);
  } finally {
    await stopServer(second);
  }
});

test('a port already taken: startServer rejects and stops the delivery worker and jobs it had started', async () => {
  const config = configWith({ PORT: '0', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', CLIENTS_FILE: join(dir, 'none.json'), DELIVERY: 'off', JOBS: 'off' });
  const first = await startServer(config, { composition: { validator: testValidator }, defaultMetrics: false });
  try {
    const taken = configWith({ PORT: String(first.port), HOST: '127.0.0.1', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', CLIENTS_FILE: join(dir, 'none.json'), DELIVERY: 'on', JOBS: 'on' });
    await expect(startServer(taken, { composition: { validator: testValidator }, defaultMetrics: false })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  } finally {
    await stopServer(first);
  }
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(env: Record<string, string>, onLine?: (line: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [MAIN, 'start'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('Remissbrygga:'));
      if (line && onLine) {
        onLine(line, () => child.kill('SIGTERM'));
        onLine = undefined;
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

test('`start` prints the URL and a curl line that works, and stops cleanly on SIGTERM', async () => {
  let metadataStatus = 0;
  let pending: Promise<void> = Promise.resolve();
  const run = await runCli({ PORT: '0', DATA_DIR: join(dir, 'cli'), LOG_LEVEL: 'warn', CLIENTS_FILE: join(dir, 'none.json'), DELIVERY: 'off', JOBS: 'off' }, (line, kill) => {
    const url = /curl -s (\S+)/.exec(line)?.[1] ?? '';
    pending = fetch(url).then(
      (r) => {
        metadataStatus = r.status;
        kill();
      },
      () => {
        kill();
      },
    );
  });
  await pending;
  expect(run.stdout).toMatch(/^Remissbrygga: http:\/\/127\.0\.0\.1:\d+\/fhir \(DEVELOPMENT auth mode\) · try: curl -s http:\/\/127\.0\.0\.1:\d+\/fhir\/metadata$/m);
  expect(metadataStatus).toBe(200);
  expect(run.stdout).toContain('AUTH_MODE=dev: DEVELOPMENT MODE');
  expect(run.code).toBe(0);
});

test('invalid configuration: a message naming the variable, exit code 2', async () => {
  const run = await runCli({ PORT: 'eighty', AUTH_MODE: 'open' });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('PORT');
  expect(run.stderr).toContain('AUTH_MODE');
});
