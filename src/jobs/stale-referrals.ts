/**
 * Job 4, stale referrals: a referral the provider has not answered (Task still `requested`) gets a reminder to the
 * provider after `reminderAfterDays`, and after `escalateAfterDays` an escalation to the referrer with the Task
 * flagged businessStatus `no-response` (domain.md §4: patients must not fall between chairs, 001:6279). Each once.
 */
import { sendReminder } from './reminders.ts';
import type { JobDefinition } from './runner.ts';
import { daysBefore, loadTasks } from './tasks.ts';

export const STALE_REFERRALS = 'stale-referrals';

export interface StaleReferralsOptions {
  readonly schedule: string;
  readonly reminderAfterDays: number;
  readonly escalateAfterDays: number;
}

export function staleReferralsJob(o: StaleReferralsOptions): JobDefinition {
  return {
    name: STALE_REFERRALS,
    schedule: o.schedule,
    async run({ db, repo, now }) {
      let reminders = 0;
      let escalations = 0;
      for (const row of await loadTasks(db, { statuses: ['requested'], receivedBefore: daysBefore(now, o.reminderAfterDays) })) {
        const sent = await sendReminder(repo, {
          job: STALE_REFERRALS,
          mark: 'reminder',
          row,
          to: ['provider'],
          now,
          text: `Remissen har inte besvarats på ${String(o.reminderAfterDays)} dagar. Bekräfta mottagandet, acceptera eller avvisa remissen.`,
        });
        reminders += sent ? 1 : 0;
      }
      for (const row of await loadTasks(db, { statuses: ['requested'], receivedBefore: daysBefore(now, o.escalateAfterDays) })) {
        const sent = await sendReminder(repo, {
          job: STALE_REFERRALS,
          mark: 'escalation',
          row,
          to: ['referrer'],
          flag: 'no-response',
          now,
          text: `Mottagaren har inte besvarat remissen på ${String(o.escalateAfterDays)} dagar. Kontakta mottagaren eller välj en annan mottagning.`,
        });
        escalations += sent ? 1 : 0;
      }
      return { reminders, escalations };
    },
  };
}
