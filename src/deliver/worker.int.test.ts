import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { Db, Repository } from '../store/index.ts';
import { appendOutbox, createRepository, getOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import type { DestinationInput } from './config.ts';
import { dbDestinationStore, removeDestination, upsertDestination } from './destinations.ts';
import { seedReferral, TEST_PERSONNUMMER } from './fixtures.ts';
import { fhirFormatter } from './formatters/fhir.ts';
import type { Formatter } from './formatters/formatter.ts';
import { createFormatterRegistry } from './formatters/formatter.ts';
import { createDeliveryMetrics } from './metrics.ts';
import { listAttempts, listDeadLetters, pauseDestination, queueStats, reprocess, resumeDestination } from './ops.ts';
import { claimDue, recoverExpiredLeases } from './queue.ts';
import type { Receiver } from './test-receiver.ts';
import { startReceiver } from './test-receiver.ts';
import type { DeliveryWorker, DeliveryWorkerOptions } from './worker.ts';
import { startDeliveryWorker } from './worker.ts';
import { nextRetry } from './backoff.ts';

const logger = pino({ level: 'silent' });

/** A second format whose receiver answers with an HL7 ACK, to show application acks decide delivery. */
const hl7StubFormatter: Formatter = {
  format: 'hl7',
  render: ({ event }) => ({ body: `MSH|^~\\&|RB||||||REF^I12|${String(event.id)}|P|2.5\r`, contentType: 'x-application/hl7-v2+er7' }),
};

for (const driver of testDrivers(process.env['TEST_DATABASE_URL'])) {
  describe(`delivery worker (${driver.name})`, () => {
    let db: Db;
    let repo: Repository;
    let receiver: Receiver;
    let now: Date;
    const workers: DeliveryWorker[] = [];
    const destinationsMade: string[] = [];

    beforeAll(async () => {
      db = await driver.open();
      repo = createRepository(db);
    });
    afterAll(async () => {
      await db.close();
      await driver.dispose();
    });
    afterEach(async () => {
      for (const w of workers.splice(0)) {
        await w.stop();
      }
      // Leftovers of this test must not be claimable by the next one (PostgreSQL suites share one schema).
      for (const d of destinationsMade.splice(0)) {
        await removeDestination(db, d);
      }
      await receiver.close();
    });

    async function setup(destination: Partial<DestinationInput> = {}): Promise<{ hsa: string; vc: string }> {
      receiver = await startReceiver();
      now = new Date(Date.now() + 1000);
      const hsa = `SE2321000016-P${uniqueSuffix()}`;
      await upsertDestination(db, {
        destination: hsa,
        kind: 'webhook',
        url: receiver.url,
        retry: { maxAttempts: 3, maxAgeMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 60_000 },
        timeoutMs: 2000,
        ...destination,
      });
      destinationsMade.push(hsa);
      return { hsa, vc: `SE2321000016-V${uniqueSuffix()}` };
    }

    function worker(extra: Partial<DeliveryWorkerOptions> = {}): DeliveryWorker {
      const w = startDeliveryWorker({
        repo,
        destinations: dbDestinationStore(db),
        formatters: createFormatterRegistry([fhirFormatter, hl7StubFormatter]),
        clock: () => now,
        logger,
        pollIntervalMs: null,
        random: () => 0.5,
        ...extra,
      });
      workers.push(w);
      return w;
    }

    async function event(hsa: string, vc: string, eventType = 'referral.created'): Promise<{ id: number; srId: string }> {
      const r = await seedReferral(repo, { providerHsa: hsa, referrerHsa: vc });
      const srId = r.serviceRequest.id ?? '';
      const id = await appendOutbox(db, { destination: hsa, eventType, aggregateKey: srId, payload: { serviceRequestId: srId, taskId: r.task.id } });
      return { id, srId };
    }

    test('delivers a FHIR transaction with the idempotency key; the attempt excerpt holds no patient data', async () => {
      const { hsa, vc } = await setup({ kind: 'fhir' });
      // A receiver that echoes what it got, patient included: the excerpt must not keep it.
      receiver.script = (req) => ({ status: 200, contentType: 'text/plain', body: `ok ${req.body}` });
      const { id, srId } = await event(hsa, vc);
      const registry = new Registry();
      const metrics = createDeliveryMetrics({ registry, db, clock: () => now });
      await worker({ metrics }).runOnce();

      expect(receiver.requests).toHaveLength(1);
      const req = receiver.requests[0];
      expect(req?.idempotencyKey).toBe(`rb-outbox-${String(id)}`);
      expect(req?.eventType).toBe('referral.created');
      const bundle = JSON.parse(req?.body ?? '{}') as { type: string; entry: { request: { method: string; url: string } }[] };
      expect(bundle.type).toBe('transaction');
      const urls = bundle.entry.map((e) => `${e.request.method} ${e.request.url}`);
      expect(urls).toContain(`PUT ServiceRequest/${srId}`);
      expect(urls.some((u) => u.startsWith('PUT Patient/'))).toBe(true);
      expect(urls.some((u) => u.startsWith('PUT Task/'))).toBe(true);
      expect(req?.body).toContain(TEST_PERSONNUMMER); // the receiver is entitled to the referral...

      expect((await getOutbox(db, id))?.status).toBe('delivered');
      const attempts = await listAttempts(db, id);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]?.outcome).toBe('delivered');
      expect(attempts[0]?.httpStatus).toBe(200);
      expect(attempts[0]?.responseExcerpt).not.toContain(TEST_PERSONNUMMER); // ...the attempt log is not
      expect(attempts[0]?.responseExcerpt).not.toContain('Tolvan');
      const text = await registry.metrics();
      expect(text).toMatch(new RegExp(`rb_delivery_attempts_total\\{destination="${hsa}",result="delivered"\\} 1`));
      expect(text).toMatch(/rb_delivery_latency_seconds_count\{destination="[^"]+"\} 1/);
    });

    test('retries with exponential backoff and full jitter until the receiver recovers', async () => {
      const { hsa, vc } = await setup();
      receiver.script = (_req, nth) => (nth <= 2 ? { status: 503, body: `{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"patient ${TEST_PERSONNUMMER}"}]}` } : { status: 200 });
      const { id } = await event(hsa, vc);
      const w = worker();
      const t0 = now.getTime();

      await w.runOnce();
      let row = await getOutbox(db, id);
      expect(row?.status).toBe('pending');
      expect(row?.nextAttemptAt.getTime()).toBe(t0 + 500); // random 0.5 × base 1000 × 2^0

      await w.runOnce(); // not due yet: nothing sent
      expect(receiver.requests).toHaveLength(1);

      now = new Date(t0 + 500);
      await w.runOnce();
      row = await getOutbox(db, id);
      expect(row?.nextAttemptAt.getTime()).toBe(t0 + 500 + 1000); // 0.5 × 1000 × 2^1

      now = new Date(t0 + 1500);
      await w.runOnce();
      expect((await getOutbox(db, id))?.status).toBe('delivered');
      expect(receiver.requests).toHaveLength(3);
      expect(new Set(receiver.requests.map((r) => r.idempotencyKey)).size).toBe(1);
      const attempts = await listAttempts(db, id);
      expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
      expect(attempts[0]?.error).toBe('HTTP 503');
      expect(attempts[0]?.responseExcerpt).toContain('transient');
      expect(attempts.map((a) => a.responseExcerpt ?? '').join(' ')).not.toContain(TEST_PERSONNUMMER);
    });

    test('a receiver that does not answer in time is a retryable failure', async () => {
      const { hsa, vc } = await setup({ timeoutMs: 200 });
      receiver.script = () => 'hang';
      const { id } = await event(hsa, vc);
      await worker().runOnce();
      const row = await getOutbox(db, id);
      expect(row?.status).toBe('pending');
      expect(row?.lastError).toBe('timeout after 200 ms');
    });

    test('rotation: a failing event does not block other referrals; one referral stays in order', async () => {
      const { hsa, vc } = await setup();
      const a1 = await event(hsa, vc);
      const a2 = { id: await appendOutbox(db, { destination: hsa, eventType: 'task.status-changed', aggregateKey: a1.srId, payload: { serviceRequestId: a1.srId } }) };
      const b = await event(hsa, vc);
      const poison = `rb-outbox-${String(a1.id)}`;
      receiver.script = (req) => (req.idempotencyKey === poison ? { status: 500 } : { status: 200 });
      const w = worker();
      const t0 = now.getTime();

      await w.runOnce();
      expect((await getOutbox(db, b.id))?.status).toBe('delivered');
      expect((await getOutbox(db, a2.id))?.status).toBe('pending');
      expect(receiver.requests.map((r) => r.idempotencyKey)).not.toContain(`rb-outbox-${String(a2.id)}`);

      // a1 keeps failing until it is a dead letter (3 attempts); only then may a2 go.
      for (let i = 1; i <= 4; i++) {
        now = new Date(t0 + i * 60_000);
        await w.runOnce();
      }
      expect((await getOutbox(db, a1.id))?.status).toBe('dead');
      expect((await getOutbox(db, a2.id))?.status).toBe('delivered');
      const keys = receiver.requests.map((r) => r.idempotencyKey);
      expect(keys.lastIndexOf(poison)).toBeLessThan(keys.indexOf(`rb-outbox-${String(a2.id)}`));
    });

    test('dead letter after max attempts with the reason, then reprocessed from the stored original', async () => {
      const { hsa, vc } = await setup();
      receiver.script = () => ({ status: 500 });
      const { id } = await event(hsa, vc);
      const w = worker();
      const t0 = now.getTime();
      for (let i = 0; i < 3; i++) {
        now = new Date(t0 + i * 60_000);
        await w.runOnce();
      }
      const dead = await getOutbox(db, id);
      expect(dead?.status).toBe('dead');
      expect(dead?.attempts).toBe(3);
      expect(dead?.lastError).toBe('HTTP 500; max attempts (3) reached');
      expect((await listDeadLetters(db, { destination: hsa })).map((r) => r.id)).toEqual([id]);
      expect((await queueStats(db, now)).find((s) => s.destination === hsa)).toMatchObject({ dead: 1, pending: 0, configured: true });

      receiver.script = () => ({ status: 201 });
      expect(await reprocess(db, { ids: [id] }, now)).toEqual([id]);
      expect(await reprocess(db, { ids: [id] }, now)).toEqual([]); // only dead letters are requeued
      await w.runOnce();
      expect((await getOutbox(db, id))?.status).toBe('delivered');
      expect(receiver.requests.at(-1)?.idempotencyKey).toBe(`rb-outbox-${String(id)}`);
      expect(await listDeadLetters(db, { destination: hsa })).toEqual([]);
    });

    test('max age dead-letters an event even with attempts left; a 4xx answer is not retried', async () => {
      const { hsa, vc } = await setup({ retry: { maxAttempts: 50, maxAgeMs: 10_000, baseDelayMs: 1000, maxDelayMs: 60_000 } });
      const old = await event(hsa, vc);
      receiver.script = () => ({ status: 503 });
      const w = worker();
      now = new Date(now.getTime() + 20_000);
      await w.runOnce();
      expect((await getOutbox(db, old.id))?.lastError).toBe('HTTP 503; max age (10000 ms) reached');
      expect((await getOutbox(db, old.id))?.status).toBe('dead');

      const bad = await event(hsa, vc);
      receiver.script = () => ({ status: 400, body: '{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid"}]}' });
      await w.runOnce();
      const row = await getOutbox(db, bad.id);
      expect(row?.status).toBe('dead');
      expect(row?.attempts).toBe(1);
      expect(row?.lastError).toBe('HTTP 400; not retryable');
    });

    test('HL7 destinations are delivered only on an AA acknowledgement', async () => {
      const { hsa, vc } = await setup({ format: 'hl7' });
      receiver.script = (_req, nth) => ({
        status: 200,
        contentType: 'x-application/hl7-v2+er7',
        body: `MSH|^~\\&|PROV||RB||20250101||ACK^I12|1|P|2.5\rMSA|${nth === 1 ? 'AE' : 'AA'}|1\r`,
      });
      const { id } = await event(hsa, vc);
      const w = worker();
      await w.runOnce();
      expect((await getOutbox(db, id))?.lastError).toBe('HL7 ACK MSA-1=AE');
      now = new Date(now.getTime() + 60_000);
      await w.runOnce();
      expect((await getOutbox(db, id))?.status).toBe('delivered');
      expect((await listAttempts(db, id)).map((a) => a.responseExcerpt)).toEqual(['hl7 ACK^I12 MSA-1=AE MSA-2=1', 'hl7 ACK^I12 MSA-1=AA MSA-2=1']);
    });

    test('pause keeps the queue; resume delivers it', async () => {
      const { hsa, vc } = await setup();
      const { id } = await event(hsa, vc);
      await pauseDestination(db, hsa, now, 'ops');
      const w = worker();
      await w.runOnce();
      expect(receiver.requests).toHaveLength(0);
      expect((await queueStats(db, now)).find((s) => s.destination === hsa)).toMatchObject({ paused: true, pending: 1, due: 1 });
      expect(await resumeDestination(db, hsa)).toBe(true);
      await w.runOnce();
      expect((await getOutbox(db, id))?.status).toBe('delivered');
    });

    test('an event claimed by a crashed worker is delivered after its lease runs out', async () => {
      const { hsa, vc } = await setup();
      const { id } = await event(hsa, vc);
      const claimed = await claimDue(db, 'crashed-worker', hsa, 10, now, 30_000);
      expect(claimed.map((r) => r.id)).toEqual([id]);
      const w = worker();
      await w.runOnce();
      expect(receiver.requests).toHaveLength(0); // still leased

      now = new Date(now.getTime() + 30_001);
      const policy = { maxAttempts: 3, maxAgeMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 60_000 };
      const recovered = await recoverExpiredLeases(db, now, (lease) => Promise.resolve(nextRetry(policy, lease.attempts, lease.created, now, () => 0)));
      expect(recovered).toEqual({ released: 1, dead: 0 });
      expect((await listAttempts(db, id))[0]?.error).toBe('lease expired (worker crashed-worker did not report)');
      await w.runOnce();
      expect((await getOutbox(db, id))?.status).toBe('delivered');
      expect((await getOutbox(db, id))?.attempts).toBe(2);
    });

    test('two workers on one database never send the same event concurrently, and keep per-referral order', async () => {
      const { hsa, vc } = await setup();
      receiver.script = () => ({ status: 200, delayMs: 5 });
      const ids: number[] = [];
      const byAggregate = new Map<string, number[]>();
      for (let r = 0; r < 6; r++) {
        const first = await event(hsa, vc);
        const list = [first.id];
        for (let n = 0; n < 4; n++) {
          list.push(await appendOutbox(db, { destination: hsa, eventType: 'communication.created', aggregateKey: first.srId, payload: { serviceRequestId: first.srId } }));
        }
        byAggregate.set(first.srId, list);
        ids.push(...list);
      }
      const peer = await driver.peer(db);
      try {
        const w1 = worker({ concurrency: 4 });
        const w2 = startDeliveryWorker({
          repo: createRepository(peer),
          destinations: dbDestinationStore(peer),
          formatters: createFormatterRegistry([fhirFormatter]),
          clock: () => now,
          logger,
          pollIntervalMs: null,
          concurrency: 4,
        });
        workers.push(w2);
        const drain = async (w: DeliveryWorker): Promise<void> => {
          for (let i = 0; i < 40; i++) {
            await w.runOnce();
          }
        };
        await Promise.all([drain(w1), drain(w2)]);
        for (const id of ids) {
          expect((await getOutbox(db, id))?.status).toBe('delivered');
        }
        expect(receiver.concurrentDuplicates).toEqual([]);
        const keys = receiver.requests.map((r) => r.idempotencyKey);
        expect(new Set(keys).size).toBe(ids.length);
        for (const list of byAggregate.values()) {
          const positions = list.map((id) => keys.indexOf(`rb-outbox-${String(id)}`));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        }
      } finally {
        await peer.close();
      }
    });
  });
}
