import { describe, expect, test } from '@jest/globals';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createMapper } from '../map/index.ts';
import { appendOutbox, createRepository, getOutbox, openDb } from '../store/index.ts';
import { dbDestinationStore, loadDestinationsFile, syncDestinations, upsertDestination } from './destinations.ts';
import { applySubscription } from './subscription.ts';
import { seedReferral } from './fixtures.ts';
import { listAttempts } from './ops.ts';
import { claimDue } from './queue.ts';
import { startDeliveryRuntime } from './runtime.ts';
import { startReceiver } from './test-receiver.ts';

describe('delivery runtime', () => {
  test('the demo destinations file validates', async () => {
    const list = await loadDestinationsFile(new URL('../../config/destinations.json', import.meta.url).pathname);
    expect(list.map((d) => d.destination)).toEqual(['SE2321000016-PT01', 'SE2321000016-PT03', 'SE2321000016-VC01']);
  });

  test('starts worker and jobs with one lifecycle; the polling worker delivers on its own; metrics are exposed', async () => {
    const db = await openDb();
    const receiver = await startReceiver();
    const registry = new Registry();
    const repo = createRepository(db);
    const runtime = await startDeliveryRuntime({
      repo,
      logger: pino({ level: 'silent' }),
      registry,
      destinationsFile: new URL('../../config/destinations.json', import.meta.url).pathname,
      worker: { pollIntervalMs: 20 },
    });
    try {
      expect((await runtime.destinations.list()).length).toBe(3);
      expect([...(runtime.jobs?.jobs.keys() ?? [])]).toEqual(['delivery-sweep', 'start-watch', 'rating-reminders', 'stale-referrals', 'stats-snapshot', 'retention']);
      await upsertDestination(db, { destination: 'SE2321000016-PT02', kind: 'webhook', url: receiver.url });
      const r = await seedReferral(repo, { providerHsa: 'SE2321000016-PT02', referrerHsa: 'SE2321000016-VC02' });
      const id = await appendOutbox(db, { destination: 'SE2321000016-PT02', eventType: 'referral.created', aggregateKey: r.serviceRequest.id ?? '', payload: { serviceRequestId: r.serviceRequest.id } });
      runtime.worker.wake();
      while ((await getOutbox(db, id))?.status !== 'delivered') {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(receiver.requests).toHaveLength(1);
      const text = await registry.metrics();
      expect(text).toContain('rb_delivery_queue_depth');
      expect(text).toContain('rb_job_runs_total');
      expect(text).toContain('rb_delivery_attempts_total{destination="SE2321000016-PT02",result="delivered"} 1');
    } finally {
      await runtime.stop();
      await receiver.close();
      await db.close();
    }
  });

  test('deliver: false only writes the outbox: waking the inert worker sends nothing', async () => {
    const db = await openDb();
    const receiver = await startReceiver();
    const runtime = await startDeliveryRuntime({ repo: createRepository(db), logger: pino({ level: 'silent' }), deliver: false, runJobs: false, mapper: createMapper() });
    try {
      await upsertDestination(db, { destination: 'SE2321000016-PT02', kind: 'webhook', url: receiver.url });
      const id = await appendOutbox(db, { destination: 'SE2321000016-PT02', eventType: 'referral.created', aggregateKey: 'x', payload: {} });
      runtime.worker.wake();
      expect(await runtime.worker.runOnce()).toBe(0);
      expect(runtime.jobs).toBeUndefined();
      expect((await getOutbox(db, id))?.status).toBe('pending');
      expect(receiver.requests).toHaveLength(0);
    } finally {
      await runtime.stop();
      await receiver.close();
      await db.close();
    }
  });

  test('recoverLeasesAtStart releases leases a killed run left behind (at once, lost attempt recorded); without it they stay', async () => {
    const db = await openDb();
    const receiver = await startReceiver();
    const repo = createRepository(db);
    const logger = pino({ level: 'silent' });
    try {
      await upsertDestination(db, { destination: 'SE2321000016-PT02', kind: 'webhook', url: receiver.url });
      const id = await appendOutbox(db, { destination: 'SE2321000016-PT02', eventType: 'referral.created', aggregateKey: 'x', payload: {} });
      expect((await claimDue(db, 'killed-run', 'SE2321000016-PT02', 10, new Date(), 3_600_000)).map((r) => r.id)).toEqual([id]);

      const untouched = await startDeliveryRuntime({ repo, logger, deliver: false, runJobs: false, mapper: createMapper() });
      await untouched.stop();
      expect((await getOutbox(db, id))?.lockedBy).toBe('killed-run');

      const recovering = await startDeliveryRuntime({ repo, logger, deliver: false, runJobs: false, mapper: createMapper(), recoverLeasesAtStart: true });
      await recovering.stop();
      const row = await getOutbox(db, id);
      expect(row).toMatchObject({ status: 'pending', lockedBy: null, lockedUntil: null });
      expect((await listAttempts(db, id)).map((a) => a.error)).toEqual(['found at start-up (worker killed-run did not report)']);
    } finally {
      await receiver.close();
      await db.close();
    }
  });

  test('the start-up sync of the destinations file does not overwrite an organisation\'s Subscription', async () => {
    const db = await openDb();
    try {
      await applySubscription(db, { resourceType: 'Subscription', id: 'sub-1', status: 'active', reason: 'r', criteria: 'Task', channel: { type: 'rest-hook', endpoint: 'http://127.0.0.1:9/own' } }, 'SE2321000016-PT01');
      await syncDestinations(db, await loadDestinationsFile(new URL('../../config/destinations.json', import.meta.url).pathname));
      const store = dbDestinationStore(db);
      expect(await store.get('SE2321000016-PT01')).toMatchObject({ kind: 'subscription', url: 'http://127.0.0.1:9/own', subscriptionId: 'sub-1' });
      expect(await store.get('SE2321000016-PT03')).toMatchObject({ kind: 'webhook' });
    } finally {
      await db.close();
    }
  });
});
