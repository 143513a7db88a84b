import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Db } from '../store/index.ts';
import { appendOutbox, createRepository, getOutbox, openDb } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { dbDestinationStore, removeDestination, upsertDestination } from './destinations.ts';
import { seedReferral } from './fixtures.ts';
import { fhirFormatter } from './formatters/fhir.ts';
import { createFormatterRegistry } from './formatters/formatter.ts';
import { listAttempts } from './ops.ts';
import type { Receiver } from './test-receiver.ts';
import { startReceiver } from './test-receiver.ts';
import { startDeliveryWorker } from './worker.ts';

const EVENTS = 60;
const CHILD = new URL('./crash-child.ts', import.meta.url).pathname;

/**
 * SIGKILL a worker process in the middle of a burst, restart delivery, and show every event delivered at least
 * once: events the dead worker had claimed come back after their lease. PostgreSQL (shared server) and PGlite
 * with a data directory (the process that owns the directory is the one killed).
 */
for (const name of ['postgres', 'pglite-dir'] as const) {
  const url = process.env['TEST_DATABASE_URL'];
  if (name === 'postgres' && !url) {
    continue;
  }
  describe(`crash safety (${name})`, () => {
    let receiver: Receiver;
    let dir: string;
    const postgres = name === 'postgres' ? testDrivers(url).find((d) => d.name === 'postgres') : undefined;

    beforeAll(async () => {
      receiver = await startReceiver(() => ({ status: 200, delayMs: 15 }));
      dir = await mkdtemp(join(tmpdir(), 'rb-crash-'));
    });
    afterAll(async () => {
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
      await postgres?.dispose();
    });

    test('a worker killed with SIGKILL mid-burst loses no event', async () => {
      const hsa = `SE2321000016-P${uniqueSuffix()}`;
      const dataDir = join(dir, 'db');
      let db: Db = postgres ? await postgres.open() : await openDb({ dataDir });
      await upsertDestination(db, { destination: hsa, kind: 'webhook', url: receiver.url, retry: { maxAttempts: 5, maxAgeMs: 3_600_000, baseDelayMs: 10, maxDelayMs: 100 } });
      const repo = createRepository(db);
      const referrals: string[] = [];
      for (let r = 0; r < EVENTS / 3; r++) {
        referrals.push((await seedReferral(repo, { providerHsa: hsa, referrerHsa: 'SE2321000016-VC01' })).serviceRequest.id ?? '');
      }
      const ids: number[] = [];
      for (let i = 0; i < EVENTS; i++) {
        const sr = referrals[i % referrals.length] ?? '';
        ids.push(await appendOutbox(db, { destination: hsa, eventType: 'referral.updated', aggregateKey: sr, payload: { serviceRequestId: sr } }));
      }
      const schema = postgres ? (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s : undefined;
      if (!postgres) {
        await db.close(); // one process per PGlite data directory: the child owns it now
      }

      const child = spawn(process.execPath, [CHILD, JSON.stringify({ databaseUrl: postgres ? url : undefined, schema, dataDir, workerId: 'doomed' })], { stdio: ['ignore', 'pipe', 'inherit'] });
      const state = { alive: true };
      const exited = new Promise<NodeJS.Signals | null>((resolve) => {
        child.once('exit', (_code, signal) => {
          state.alive = false;
          resolve(signal);
        });
      });
      // Kill once a third of the burst has reached the receiver.
      while (receiver.requests.length < EVENTS / 3) {
        if (!state.alive) {
          throw new Error('the worker process ended before it was killed');
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const beforeRestart = receiver.requests.length;
      expect(beforeRestart).toBeLessThan(EVENTS);

      if (!postgres) {
        db = await openDb({ dataDir });
      }
      try {
        // Restart: a new worker; its clock is past the dead worker's 60 s leases.
        const later = new Date(Date.now() + 61_000);
        const worker = startDeliveryWorker({
          repo: createRepository(db),
          destinations: dbDestinationStore(db),
          formatters: createFormatterRegistry([fhirFormatter]),
          logger: pino({ level: 'silent' }),
          clock: () => later,
          pollIntervalMs: null,
          concurrency: 8,
        });
        for (let round = 0; round < 100 && (await Promise.all(ids.map((id) => getOutbox(db, id)))).some((r) => r?.status !== 'delivered'); round++) {
          await worker.runOnce();
        }
        await worker.stop();
        const rows = await Promise.all(ids.map((id) => getOutbox(db, id)));
        expect(rows.map((r) => r?.status)).toEqual(ids.map(() => 'delivered'));
        const keys = new Set(receiver.requests.map((r) => r.idempotencyKey));
        for (const id of ids) {
          expect(keys.has(`rb-outbox-${String(id)}`)).toBe(true);
        }
        // Some events were sent by the dead worker and are recorded as delivered by it, the rest by the new one.
        const byWorker = await Promise.all(ids.map(async (id) => (await listAttempts(db, id)).at(-1)?.workerId));
        expect(byWorker.some((w) => w === 'doomed')).toBe(true);
        expect(byWorker.some((w) => w !== 'doomed')).toBe(true);
        await removeDestination(db, hsa);
      } finally {
        await db.close();
      }
    }, 180_000); // three PGlite data-directory opens (test, child, restart) are slow on a busy machine
  });
}
