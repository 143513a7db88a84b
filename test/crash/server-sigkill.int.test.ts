/**
 * Issue 6, "Done when": the SERVER process is killed with SIGKILL in the middle of a burst of referral
 * submissions and deliveries, restarted on the same data, and then
 * - every acknowledged referral (201/200) is stored exactly once, and submitting it again answers 200;
 * - a submission whose answer was lost (in flight at the kill) can be retried: it is then stored exactly once;
 * - every outbox event of every stored referral reached the receiver at least once (Idempotency-Key);
 * - nothing is half-stored: each ServiceRequest has its Task, each Task its outbox event.
 *
 * Nothing is replaced: `remissbrygga start` as a child process (PGlite data directory; and PostgreSQL in its own
 * schema when TEST_DATABASE_URL is set), AUTH_MODE=dev, DELIVERY on, a destinations file that points the
 * example's provider at a real receiving HTTP server on 127.0.0.1 in this process.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, ServiceRequest } from '@medplum/fhirtypes';
import { nextRetry } from '../../src/deliver/backoff.ts';
import { retryPolicySchema } from '../../src/deliver/config.ts';
import { recoverExpiredLeases } from '../../src/deliver/queue.ts';
import type { Receiver } from '../../src/deliver/test-receiver.ts';
import { startReceiver } from '../../src/deliver/test-receiver.ts';
import type { Db } from '../../src/store/index.ts';
import { openDb } from '../../src/store/index.ts';
import { testDrivers } from '../../src/store/testing.ts';
import type { ServerProcess } from './server-process.ts';
import { ROOT, startServerProcess, stopServerProcess } from './server-process.ts';

const CONCURRENCY = 16;
const MAX_BURST = 2000;
const KILL_AFTER_ACKS = 40;
const KILL_AFTER_DELIVERIES = 10;
const REMISS_ID = 'https://remissbrygga.se/fhir/sid/remiss-id';
// The organisations of the IG's example referral (profiles/package/example) and the demo directory.
const VC = { 'X-Org-Id': 'SE2321000016-E1LM', 'X-User-Id': 'SE2321000016-R100', 'X-Roles': 'referrer' };
const PROVIDER_HSA = 'SE2321000016-P4MA';
const ADMIN = { 'X-Org-Id': 'SE2321000016-REGION', 'X-User-Id': 'SE2321000016-A1', 'X-Roles': 'admin' };
const RETRY = { maxAttempts: 50, maxAgeMs: 3_600_000, baseDelayMs: 20, maxDelayMs: 200 };

/** Polls `check` until it returns a value, at most until `ms` from now; then fails with `what`. */
async function until<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined, everyMs = 25): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what} after ${String(ms)} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

type Outcome = { readonly kind: 'answered'; readonly status: number; readonly body: string } | { readonly kind: 'lost'; readonly error: string };

for (const name of ['pglite-dir', 'postgres'] as const) {
  const url = process.env.TEST_DATABASE_URL;
  if (name === 'postgres' && !url) {
    continue;
  }
  describe(`server process SIGKILL mid-burst (${name})`, () => {
    const postgres = name === 'postgres' ? testDrivers(url).find((d) => d.name === 'postgres') : undefined;
    let receiver: Receiver;
    let dir: string;
    let example: string;
    const servers: ServerProcess[] = [];

    beforeAll(async () => {
      receiver = await startReceiver(() => ({ status: 200, delayMs: 30 }));
      dir = await mkdtemp(join(tmpdir(), 'rb-server-crash-'));
      example = await readFile(join(ROOT, 'profiles/package/example/Bundle-ex-valid-f32-1-depression-kbt.json'), 'utf8');
    });
    afterAll(async () => {
      for (const s of servers) {
        await stopServerProcess(s, 'SIGKILL');
      }
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
      await postgres?.dispose();
    });

    /** The example referral with its own remiss-id: every one is a new referral through the real rules. */
    const referral = (remissId: string): string => {
      const bundle = JSON.parse(example) as Bundle;
      const sr = bundle.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as ServiceRequest | undefined;
      const id = sr?.identifier?.[0];
      if (!id) {
        throw new Error('the example referral has no remiss-id');
      }
      id.value = remissId;
      return JSON.stringify(bundle);
    };
    const submit = async (origin: string, remissId: string): Promise<Outcome> => {
      try {
        const res = await fetch(`${origin}/fhir`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/fhir+json', Prefer: 'return=minimal', ...VC },
          body: referral(remissId),
        });
        return { kind: 'answered', status: res.status, body: await res.text() };
      } catch (err) {
        return { kind: 'lost', error: err instanceof Error ? err.message : String(err) };
      }
    };

    test('every acknowledged referral is stored once and every event delivered at least once', async () => {
      const destinationsFile = join(dir, 'destinations.json');
      await writeFile(destinationsFile, JSON.stringify({ destinations: [{ destination: PROVIDER_HSA, kind: 'webhook', format: 'fhir', url: receiver.url, retry: RETRY }] }));
      let databaseUrl = '';
      let schema = '';
      if (postgres && url) {
        const db = await postgres.open(); // creates and migrates this run's schema
        schema = (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s ?? '';
        await db.close();
        databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      }
      const env = {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: join(dir, 'pglite'),
        DATABASE_URL: databaseUrl,
        AUTH_MODE: 'dev',
        DELIVERY: 'on',
        JOBS: 'on',
        DESTINATIONS_FILE: destinationsFile,
        LOG_LEVEL: 'warn',
      };
      const openStore = (): Promise<Db> => (postgres && url ? openDb({ databaseUrl: url, schema, migrate: false }) : openDb({ dataDir: env.DATA_DIR, migrate: false }));

      // 1. The burst, against the first server process.
      const first = await startServerProcess(env);
      servers.push(first);
      const run = `${String(process.pid)}-${String(Date.now())}`;
      // A sustained burst: CONCURRENCY clients, each submitting one referral after another until the kill.
      const remissIds: string[] = [];
      const outcomes = new Map<string, Outcome>();
      const stopped = { now: false };
      const burst = Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (!stopped.now && remissIds.length < MAX_BURST) {
            const id = `SE2321000016-E1LM#CRASH-${run}-${String(remissIds.length)}`;
            remissIds.push(id);
            outcomes.set(id, await submit(first.origin, id));
          }
        }),
      );
      const acked = (): string[] =>
        remissIds.filter((id) => {
          const o = outcomes.get(id);
          return o?.kind === 'answered' && (o.status === 201 || o.status === 200);
        });
      // 2. SIGKILL once enough referrals are acknowledged and deliveries are under way.
      await until('acknowledgements and deliveries before the kill', 45_000, () => {
        if (!first.alive()) {
          throw new Error(`the server ended before it was killed: ${first.stderrTail()}`);
        }
        if (remissIds.length >= MAX_BURST) {
          throw new Error(`all ${String(MAX_BURST)} submissions were sent before the kill (${String(receiver.requests.length)} delivered)`);
        }
        return acked().length >= KILL_AFTER_ACKS && receiver.requests.length >= KILL_AFTER_DELIVERIES ? true : undefined;
      }, 5);
      stopped.now = true;
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      await burst;
      const ackedBeforeKill = acked();
      const lost = remissIds.filter((id) => outcomes.get(id)?.kind === 'lost');
      const deliveredBeforeKill = receiver.requests.length;
      // Answers are acknowledgements or lost connections, nothing else (no 4xx/5xx from a half-written state).
      expect(ackedBeforeKill.length + lost.length).toBe(remissIds.length);
      expect(lost.length).toBeGreaterThan(0);

      if (postgres) {
        // On a shared database the dead server's leases must run out (60 s): instead of waiting, recover them as
        // the delivery sweep would 61 s later. (A server on its own PGlite directory releases them at start-up.)
        const db = await openStore();
        try {
          const later = new Date(Date.now() + 61_000);
          const policy = retryPolicySchema.parse(RETRY);
          await recoverExpiredLeases(db, later, (lease) => Promise.resolve(nextRetry(policy, lease.attempts, lease.created, new Date(), () => 0)));
        } finally {
          await db.close();
        }
      }

      // 3. Restart on the same data.
      const second = await startServerProcess(env);
      servers.push(second);
      // Each acknowledged referral again: 200, the stored one (not a duplicate).
      for (const id of ackedBeforeKill) {
        const again = await submit(second.origin, id);
        expect(again).toMatchObject({ kind: 'answered', status: 200 });
      }
      // The client retries those whose answer was lost: stored by the dead server (200) or not (201).
      for (const id of lost) {
        const retry = await submit(second.origin, id);
        expect([200, 201]).toContain(retry.kind === 'answered' ? retry.status : retry.error);
      }
      // Every remiss-id is stored exactly once.
      for (const id of remissIds) {
        const res = await fetch(`${second.origin}/fhir/ServiceRequest?identifier=${encodeURIComponent(`${REMISS_ID}|${id}`)}`, { headers: VC });
        const bundle = (await res.json()) as Bundle;
        expect([id, res.status, bundle.entry?.filter((e) => e.search?.mode !== 'include').length]).toEqual([id, 200, 1]);
      }

      // 4. The outbox drains (bounded wait): nothing pending, nothing dead.
      const queue = await until('the outbox to drain', 45_000, async () => {
        const res = await fetch(`${second.origin}/admin/delivery/queues`, { headers: ADMIN });
        const { queues } = (await res.json()) as { queues: { destination: string; pending: number; dead: number }[] };
        const q = queues.find((s) => s.destination === PROVIDER_HSA);
        return q && q.pending === 0 ? q : undefined;
      }, 100);
      expect(queue.dead).toBe(0);
      expect(await stopServerProcess(second)).toBe(0);

      // 5. The store, read directly once the server has stopped.
      const db = await openStore();
      try {
        const srs = await db.query<{ id: string; remiss_id: string }>(
          `SELECT r.id, t.value AS remiss_id FROM resources r JOIN resource_tokens t ON t.resource_type = r.resource_type AND t.id = r.id AND t.system = $1
           WHERE r.resource_type = 'ServiceRequest' AND t.value LIKE $2`,
          [REMISS_ID, `SE2321000016-E1LM#CRASH-${run}-%`],
        );
        expect(srs.map((r) => r.remiss_id).sort()).toEqual([...remissIds].sort());
        const srIds = srs.map((r) => r.id);
        const tasks = await db.query<{ id: string; focus: string }>(
          `SELECT id, target AS focus FROM resource_refs WHERE resource_type = 'Task' AND param = 'focus' AND target = ANY($1::text[])`,
          [srIds.map((id) => `ServiceRequest/${id}`)],
        );
        // Each ServiceRequest has exactly one Task.
        expect(tasks.map((t) => t.focus).sort()).toEqual(srIds.map((id) => `ServiceRequest/${id}`).sort());
        const events = await db.query<{ id: unknown; event_type: string; status: string; task_id: string | null }>(
          `SELECT id, event_type, status, payload->>'taskId' AS task_id FROM outbox WHERE aggregate_key = ANY($1::text[])`,
          [srIds],
        );
        // Each Task has its referral.created event, and every event was delivered.
        const created = new Set(events.filter((e) => e.event_type === 'referral.created').map((e) => e.task_id));
        expect(tasks.filter((t) => !created.has(t.id))).toEqual([]);
        expect(events.filter((e) => e.status !== 'delivered')).toEqual([]);
        // ... and reached the receiver at least once, by its idempotency key.
        const keys = new Set(receiver.requests.map((r) => r.idempotencyKey));
        const missing = events.map((e) => `rb-outbox-${String(e.id)}`).filter((k) => !keys.has(k));
        expect(missing).toEqual([]);
        // The kill really happened in the middle of deliveries: some before, the rest after the restart.
        expect(deliveredBeforeKill).toBeGreaterThan(0);
        expect(deliveredBeforeKill).toBeLessThan(events.length);
      } finally {
        await db.close();
      }
    }, 170_000);
  });
}
