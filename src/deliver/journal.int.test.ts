import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Task } from '@medplum/fhirtypes';
import pino from 'pino';
import { createMapper } from '../map/index.ts';
import type { Db, Repository } from '../store/index.ts';
import { createRepository, getOutbox, listOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { submitReferral, transitionTask } from '../workflow/index.ts';
import { referralBundle } from '../workflow/fixtures.ts';
import { deps, output, provider, referrer, testDirectory } from '../workflow/testing.ts';
import { removeDestination, dbDestinationStore, upsertDestination } from './destinations.ts';
import { fhirFormatter } from './formatters/fhir.ts';
import { createFormatterRegistry } from './formatters/formatter.ts';
import { journalFormatters } from './formatters/journal.ts';
import { listAttempts } from './ops.ts';
import type { Receiver } from './test-receiver.ts';
import { startReceiver } from './test-receiver.ts';
import { startDeliveryWorker } from './worker.ts';

const RIV_OK = '<ProcessRequestResponse xmlns="urn:riv:clinicalprocess:activity:request:ProcessRequestResponder:1"><result><resultCode>OK</resultCode></result></ProcessRequestResponse>';

for (const driver of testDrivers(process.env['TEST_DATABASE_URL'])) {
  describe(`journal formats over the mapping service (${driver.name})`, () => {
    let db: Db;
    let repo: Repository;
    let receiver: Receiver;
    beforeAll(async () => {
      db = await driver.open();
      repo = createRepository(db);
      receiver = await startReceiver(() => ({ status: 200, contentType: 'application/xml', body: RIV_OK }));
    });
    afterAll(async () => {
      await receiver.close();
      await db.close();
      await driver.dispose();
    });

    test('a submitted referral reaches a RIV-TA provider as ProcessRequest; its acceptance returns as a RIV status; messages are skipped where the format has none', async () => {
      const s = uniqueSuffix();
      const vc = `SE2321000016-V${s}`;
      const prov = `SE2321000016-P${s}`;
      const directory = testDirectory([
        { hsaId: vc, name: 'VC', kind: 'vardcentral', postalCode: '21428', municipality: 'Malmö' },
        { hsaId: prov, name: 'PT', kind: 'psykoterapimottagning', treatmentForms: ['kbt'], postalCode: '21424', municipality: 'Malmö' },
      ]);
      await upsertDestination(db, { destination: prov, kind: 'webhook', format: 'riv', url: receiver.url });
      await upsertDestination(db, { destination: vc, kind: 'webhook', format: 'riv', url: receiver.url });
      try {
        const worker = startDeliveryWorker({
          repo,
          destinations: dbDestinationStore(db),
          formatters: createFormatterRegistry([fhirFormatter, ...journalFormatters(createMapper())]),
          logger: pino({ level: 'silent' }),
          pollIntervalMs: null,
          clock: () => new Date(Date.now() + 1000),
        });
        const d = deps(repo, directory);
        const submitted = await submitReferral(d, referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
        await worker.runOnce();
        const referral = receiver.requests.find((r) => r.eventType === 'referral.created');
        expect(referral?.contentType).toContain('application/xml');
        expect(referral?.body).toContain('ProcessRequest');
        expect(referral?.body).toContain(`${vc}#${s}`);

        const task: Task = await repo.read('Task', submitted.task.id ?? '');
        await transitionTask(d, task.id ?? '', { ...task, status: 'received' }, provider(prov));
        await worker.runOnce();
        const status = receiver.requests.find((r) => r.eventType === 'task.status-changed');
        expect(status?.body).toContain('BEK');

        // in-progress has no RIV-TA message: the event is done without a send, the reason in the attempt log.
        const received: Task = await repo.read('Task', task.id ?? '');
        const accepted = await transitionTask(d, task.id ?? '', { ...received, status: 'accepted' }, provider(prov));
        const started = await transitionTask(d, task.id ?? '', { ...accepted, status: 'in-progress', output: [output('first-session-date', { valueDate: '2025-04-02' })] }, provider(prov));
        const sentBefore = receiver.requests.length;
        await worker.runOnce();
        // The acceptance is sent as the Task version it was about (BEK), although the Task is in progress by now.
        expect(receiver.requests.length).toBe(sentBefore + 1);
        await worker.runOnce();
        expect(receiver.requests.length).toBe(sentBefore + 1); // the start has no RIV message
        const events = await listOutbox(db, submitted.serviceRequest.id ?? '');
        const last = events.at(-1);
        expect(last?.payload).toMatchObject({ taskId: started.id, status: 'in-progress' });
        expect((await listAttempts(db, last?.id ?? 0))[0]?.responseExcerpt).toBe('skipped: Task status in-progress has no riv message');
        expect(events.map((e) => e.status)).toEqual(events.map(() => 'delivered'));
        const attempts = await listAttempts(db, events[0]?.id ?? 0);
        expect(attempts[0]?.responseExcerpt).toBe('xml resultCode=OK');
        await worker.stop();
        expect((await getOutbox(db, events[0]?.id ?? 0))?.status).toBe('delivered');
      } finally {
        await removeDestination(db, prov);
        await removeDestination(db, vc);
      }
    });
  });
}
