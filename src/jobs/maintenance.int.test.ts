import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { AuditEvent } from '@medplum/fhirtypes';
import pino from 'pino';
import { dbDestinationStore, removeDestination, upsertDestination } from '../deliver/destinations.ts';
import { listAttempts } from '../deliver/ops.ts';
import { claimDue, markDelivered, markFailed } from '../deliver/queue.ts';
import type { Db, Repository } from '../store/index.ts';
import { appendOutbox, createRepository, getOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { deliverySweepJob } from './delivery-sweep.ts';
import { retentionJob } from './retention.ts';
import { claimAssertion } from '../store/index.ts';
import { createJob } from './runner.ts';
import { DAY_MS } from './tasks.ts';

const logger = pino({ level: 'silent' });

for (const driver of testDrivers(process.env['TEST_DATABASE_URL'])) {
  describe(`maintenance jobs (${driver.name})`, () => {
    let db: Db;
    let repo: Repository;
    beforeAll(async () => {
      db = await driver.open();
      repo = createRepository(db);
    });
    afterAll(async () => {
      await db.close();
      await driver.dispose();
    });

    test('delivery sweep records and releases expired leases, dead-letters spent ones, and wakes the worker', async () => {
      const hsa = `SE2321000016-P${uniqueSuffix()}`;
      await upsertDestination(db, { destination: hsa, kind: 'webhook', url: 'http://127.0.0.1:9/hook', retry: { maxAttempts: 2, maxAgeMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 10_000 } });
      try {
        const now = new Date(Date.now() + 1000);
        // b has already used one attempt: the lost one is its last.
        const b = await appendOutbox(db, { destination: hsa, eventType: 'referral.created', aggregateKey: `b-${uniqueSuffix()}`, payload: {} });
        expect((await claimDue(db, 'w0', hsa, 1, now, 1000)).map((r) => r.id)).toEqual([b]);
        expect(await markFailed(db, b, 'w0', { at: now, error: 'HTTP 500', retryAt: now })).toBe(true);
        const a = await appendOutbox(db, { destination: hsa, eventType: 'referral.created', aggregateKey: `a-${uniqueSuffix()}`, payload: {} });
        await claimDue(db, 'crashed', hsa, 10, now, 5_000);
        let woken = 0;
        const job = createJob(deliverySweepJob({ schedule: '*/30 * * * * *', destinations: dbDestinationStore(db), wake: () => woken++, random: () => 0 }), { repo, logger });

        const early = await job.runOnce(new Date(now.getTime() + 1000));
        expect(early).toEqual({ outcome: 'ok', detail: { released: 0, dead: 0 } });
        const late = await job.runOnce(new Date(now.getTime() + 6000));
        expect(late.outcome).toBe('ok');
        expect((await getOutbox(db, a))?.status).toBe('pending');
        expect((await getOutbox(db, a))?.lockedBy).toBeNull();
        expect((await getOutbox(db, b))?.status).toBe('dead');
        expect((await getOutbox(db, b))?.lastError).toBe('lease expired (worker crashed did not report); max attempts (2) reached');
        expect((await listAttempts(db, a)).map((x) => x.workerId)).toEqual(['crashed']);
        expect(woken).toBe(2);
      } finally {
        await removeDestination(db, hsa);
      }
    });

    test('retention prunes old delivered events and attempts; keeps pending, dead letters and audit events', async () => {
      const hsa = `SE2321000016-P${uniqueSuffix()}`;
      await upsertDestination(db, { destination: hsa, kind: 'webhook', url: 'http://127.0.0.1:9/hook' });
      try {
        const now = new Date(Date.now() + 1000);
        const old = new Date(now.getTime() - 40 * DAY_MS);
        const ids = [];
        for (let i = 0; i < 4; i++) {
          ids.push(await appendOutbox(db, { destination: hsa, eventType: 'referral.created', aggregateKey: `k${String(i)}-${uniqueSuffix()}`, payload: {} }));
        }
        const [oldDelivered, newDelivered, dead, pending] = ids;
        await claimDue(db, 'w', hsa, 3, now, 60_000);
        await markDelivered(db, oldDelivered ?? 0, 'w', { at: old });
        await markDelivered(db, newDelivered ?? 0, 'w', { at: now });
        await markFailed(db, dead ?? 0, 'w', { at: old, error: 'HTTP 400; not retryable' });
        const audit: AuditEvent = {
          resourceType: 'AuditEvent',
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
          recorded: old.toISOString(),
          agent: [{ requestor: true, who: { display: 'system' } }],
          source: { observer: { display: 'remissbrygga' } },
        };
        const stored = await repo.recordAudit(audit);
        const expiredJti = `c:${uniqueSuffix()}`;
        const liveJti = `c:${uniqueSuffix()}`;
        await claimAssertion(db, expiredJti, old, old);
        await claimAssertion(db, liveJti, new Date(now.getTime() + 60_000), now);
        const job = createJob(retentionJob({ schedule: '0 3 * * *', deliveredDays: 30, attemptsDays: 30, jobRunsDays: 90 }), { repo, logger });
        expect((await job.runOnce(now)).outcome).toBe('ok');

        expect(await getOutbox(db, oldDelivered ?? 0)).toBeUndefined();
        expect((await getOutbox(db, newDelivered ?? 0))?.status).toBe('delivered');
        expect((await getOutbox(db, dead ?? 0))?.status).toBe('dead');
        expect((await getOutbox(db, pending ?? 0))?.status).toBe('pending');
        expect(await listAttempts(db, dead ?? 0)).toEqual([]); // its attempt was older than 30 days
        expect(await listAttempts(db, newDelivered ?? 0)).toHaveLength(1);
        expect(await db.query('SELECT 1 FROM audit_events WHERE id = $1', [stored.id])).toHaveLength(1);
        // Used client-assertion ids: the expired one is gone, the live one still refuses a replay.
        expect(await db.query('SELECT jti FROM auth_assertions WHERE jti = ANY($1::text[])', [[expiredJti, liveJti]])).toEqual([{ jti: liveJti }]);
      } finally {
        await removeDestination(db, hsa);
      }
    });
  });
}
