import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Communication, Task } from '@medplum/fhirtypes';
import pino from 'pino';
import { seedReferral, TEST_PERSONNUMMER } from '../deliver/fixtures.ts';
import type { Db, Repository } from '../store/index.ts';
import { createRepository, listOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { createJob } from './runner.ts';
import { ratingRemindersJob } from './rating-reminders.ts';
import { staleReferralsJob } from './stale-referrals.ts';
import { startWatchJob } from './start-watch.ts';
import { latestStats, statsSnapshotJob } from './stats-snapshot.ts';
import { BUSINESS_STATUS_SYSTEM, DAY_MS } from './tasks.ts';

const logger = pino({ level: 'silent' });

function ago(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

for (const driver of testDrivers(process.env['TEST_DATABASE_URL'])) {
  describe(`watch jobs (${driver.name})`, () => {
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

    const orgs = (): { providerHsa: string; referrerHsa: string } => ({ providerHsa: `SE2321000016-P${uniqueSuffix()}`, referrerHsa: `SE2321000016-V${uniqueSuffix()}` });

    async function reminders(taskId: string): Promise<Communication[]> {
      return (await repo.search('Communication', { about: `Task/${taskId}` })).resources;
    }

    async function flag(taskId: string): Promise<string | undefined> {
      const t: Task = await repo.read('Task', taskId);
      return t.businessStatus?.coding?.find((c) => c.system === BUSINESS_STATUS_SYSTEM)?.code;
    }

    test('30-day start watch flags overdue Tasks once, tells both parties, and computes the start share', async () => {
      const now = new Date();
      const o = orgs();
      const overdue = await seedReferral(repo, { ...o, taskStatus: 'accepted', receivedAt: ago(now, 31) });
      const started = await seedReferral(repo, { ...o, taskStatus: 'in-progress', receivedAt: ago(now, 40), firstSessionDate: dateOnly(ago(now, 35)) });
      const fresh = await seedReferral(repo, { ...o, taskStatus: 'received', receivedAt: ago(now, 10) });
      const rejected = await seedReferral(repo, { ...o, taskStatus: 'rejected', receivedAt: ago(now, 60), rejectionReason: 'ingen-kapacitet' });
      const job = createJob(startWatchJob({ schedule: '0 6 * * *', days: 30, shareWindowDays: 365 }), { repo, logger });

      const result = await job.runOnce(now);
      expect(result.outcome).toBe('ok');
      expect(await flag(overdue.task.id ?? '')).toBe('start-overdue');
      expect(await flag(started.task.id ?? '')).toBeUndefined();
      expect(await flag(fresh.task.id ?? '')).toBeUndefined();
      expect(await flag(rejected.task.id ?? '')).toBeUndefined();

      const sent = await reminders(overdue.task.id ?? '');
      expect(sent).toHaveLength(1);
      expect(sent[0]?.category?.[0]?.coding?.[0]?.code).toBe('reminder');
      expect(sent[0]?.basedOn?.[0]?.reference).toBe(`ServiceRequest/${overdue.serviceRequest.id ?? ''}`);
      expect(sent[0]?.recipient?.map((r) => r.identifier?.value).sort()).toEqual([o.providerHsa, o.referrerHsa].sort());
      expect(sent[0]?.payload?.[0]?.contentString).toContain('30 dagar');
      const events = await listOutbox(db, overdue.serviceRequest.id ?? '');
      expect(events.map((e) => `${e.eventType}>${e.destination}`).sort()).toEqual([`communication.created>${o.providerHsa}`, `communication.created>${o.referrerHsa}`].sort());
      expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(TEST_PERSONNUMMER);
      // The system's write is audited: the job as agent, the Communication as entity.
      const audit = await repo.searchAudit({ entity: `Communication/${sent[0]?.id ?? ''}` });
      expect(audit.events.map((e) => [e.action, e.agent.find((a) => a.requestor)?.who?.identifier?.value])).toEqual([['C', 'job:start-watch']]);

      // Once: a second run sends nothing new.
      await job.runOnce(new Date(now.getTime() + DAY_MS));
      expect(await reminders(overdue.task.id ?? '')).toHaveLength(1);
      expect(await listOutbox(db, overdue.serviceRequest.id ?? '')).toHaveLength(2);

      // Share for this provider: overdue (decided, not started) + started within 30 days; fresh undecided; rejected excluded.
      const detail = result.outcome === 'ok' ? result.detail : {};
      const share = (detail['share'] as { provider: string; decided: number; startedWithin: number; share: number }[]).find((s) => s.provider === o.providerHsa);
      expect(share).toEqual({ provider: o.providerHsa, decided: 2, startedWithin: 1, share: 0.5 });
    });

    test('an information-requested Task keeps its businessStatus; the reminder still goes out', async () => {
      const now = new Date();
      const r = await seedReferral(repo, { ...orgs(), taskStatus: 'received', receivedAt: ago(now, 45), businessStatus: 'information-requested' });
      await createJob(startWatchJob({ schedule: '0 6 * * *', days: 30, shareWindowDays: 365 }), { repo, logger }).runOnce(now);
      expect(await flag(r.task.id ?? '')).toBe('information-requested');
      expect(await reminders(r.task.id ?? '')).toHaveLength(1);
    });

    test('rating reminders: missing start rating after the grace period, missing end rating; once each, to the provider', async () => {
      const now = new Date();
      const o = orgs();
      const noStart = await seedReferral(repo, { ...o, taskStatus: 'in-progress', receivedAt: ago(now, 30), firstSessionDate: dateOnly(ago(now, 10)) });
      const hasStart = await seedReferral(repo, { ...o, taskStatus: 'in-progress', receivedAt: ago(now, 30), firstSessionDate: dateOnly(ago(now, 10)), startRating: true });
      const inGrace = await seedReferral(repo, { ...o, taskStatus: 'in-progress', receivedAt: ago(now, 30), firstSessionDate: dateOnly(ago(now, 2)) });
      const noEnd = await seedReferral(repo, { ...o, taskStatus: 'completed', receivedAt: ago(now, 120), firstSessionDate: dateOnly(ago(now, 100)), startRating: true });
      const complete = await seedReferral(repo, { ...o, taskStatus: 'completed', receivedAt: ago(now, 120), firstSessionDate: dateOnly(ago(now, 100)), startRating: true, endRating: true });
      const job = createJob(ratingRemindersJob({ schedule: '0 7 * * *', startGraceDays: 7 }), { repo, logger });
      await job.runOnce(now);
      await job.runOnce(now);

      const start = await reminders(noStart.task.id ?? '');
      expect(start).toHaveLength(1);
      expect(start[0]?.payload?.[0]?.contentString).toContain('behandlingsstart');
      expect(start[0]?.recipient?.map((r) => r.identifier?.value)).toEqual([o.providerHsa]);
      const end = await reminders(noEnd.task.id ?? '');
      expect(end).toHaveLength(1);
      expect(end[0]?.payload?.[0]?.contentString).toContain('behandlingsavslut');
      for (const quiet of [hasStart, inGrace, complete]) {
        expect(await reminders(quiet.task.id ?? '')).toHaveLength(0);
      }
      expect((await listOutbox(db, noEnd.serviceRequest.id ?? '')).map((e) => e.destination)).toEqual([o.providerHsa]);
    });

    test('stale referrals: reminder to the provider, then escalation to the referrer with no-response; each once', async () => {
      const now = new Date();
      const o = orgs();
      const week = await seedReferral(repo, { ...o, taskStatus: 'requested', receivedAt: ago(now, 8) });
      const fortnight = await seedReferral(repo, { ...o, taskStatus: 'requested', receivedAt: ago(now, 15) });
      const answered = await seedReferral(repo, { ...o, taskStatus: 'accepted', receivedAt: ago(now, 15) });
      const job = createJob(staleReferralsJob({ schedule: '0 8 * * *', reminderAfterDays: 7, escalateAfterDays: 14 }), { repo, logger });
      await job.runOnce(now);
      await job.runOnce(now);

      const w = await reminders(week.task.id ?? '');
      expect(w.map((c) => c.recipient?.map((r) => r.identifier?.value))).toEqual([[o.providerHsa]]);
      expect(await flag(week.task.id ?? '')).toBeUndefined();

      const f = await reminders(fortnight.task.id ?? '');
      expect(f.map((c) => c.recipient?.[0]?.identifier?.value).sort()).toEqual([o.providerHsa, o.referrerHsa].sort());
      expect(await flag(fortnight.task.id ?? '')).toBe('no-response');
      expect(await reminders(answered.task.id ?? '')).toHaveLength(0);

      // The week-old one escalates once it passes 14 days.
      await job.runOnce(new Date(now.getTime() + 7 * DAY_MS));
      expect(await reminders(week.task.id ?? '')).toHaveLength(2);
      expect(await flag(week.task.id ?? '')).toBe('no-response');
    });

    test('statistics snapshot: counts by provider, diagnosis, treatment, profession, rejection reason; no identities', async () => {
      const now = new Date();
      const o = orgs();
      await seedReferral(repo, { ...o, taskStatus: 'in-progress', receivedAt: ago(now, 40), firstSessionDate: dateOnly(ago(now, 30)), diagnosis: 'F32.1', treatmentForm: 'ipt', profession: 'lakare' });
      await seedReferral(repo, { ...o, taskStatus: 'rejected', receivedAt: ago(now, 20), diagnosis: 'F41.9', rejectionReason: 'diagnos-utanfor-uppdrag' });
      const p = await seedReferral(repo, { ...o, taskStatus: 'received', receivedAt: ago(now, 3), diagnosis: 'F41.9' });
      const job = createJob(statsSnapshotJob({ schedule: '0 2 * * *' }), { repo, logger });
      expect((await job.runOnce(now)).outcome).toBe('ok');

      const snap = await latestStats(db);
      expect(snap?.takenAt.toISOString()).toBe(now.toISOString());
      const c = snap?.content;
      expect(c?.byProvider[o.providerHsa]).toBe(3);
      expect(c?.byDiagnosis['F41.9']).toBeGreaterThanOrEqual(2);
      expect(c?.byDiagnosis['F32.1']).toBeGreaterThanOrEqual(1);
      expect(c?.byTreatmentForm['ipt']).toBeGreaterThanOrEqual(1);
      expect(c?.byReferrerProfession['lakare']).toBeGreaterThanOrEqual(1);
      expect(c?.byRejectionReason['diagnos-utanfor-uppdrag']).toBeGreaterThanOrEqual(1);
      expect(c?.startShare.find((s) => s.provider === o.providerHsa)).toEqual({ provider: o.providerHsa, decided: 1, startedWithin: 1, share: 1 });
      const text = JSON.stringify(snap);
      expect(text).not.toContain(TEST_PERSONNUMMER);
      expect(text).not.toContain(p.patient.id ?? 'no-id');
      expect(text).not.toContain('Tolvan');
    });
  });
}
