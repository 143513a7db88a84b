/**
 * Job 3, rating reminders (domain.md §3: rating scales at least at treatment start and end, 000:220): a Task
 * in progress for `startGraceDays` since its first session without a start-rating output, or completed without an
 * end-rating output, gets one reminder Communication to the provider (once per Task and kind).
 */
import { sendReminder } from './reminders.ts';
import type { JobDefinition } from './runner.ts';
import { DAY_MS, firstSessionDate, hasOutput, loadTasks } from './tasks.ts';

export const RATING_REMINDERS = 'rating-reminders';

export interface RatingRemindersOptions {
  readonly schedule: string;
  readonly startGraceDays: number;
}

export function ratingRemindersJob(o: RatingRemindersOptions): JobDefinition {
  return {
    name: RATING_REMINDERS,
    schedule: o.schedule,
    async run({ db, repo, now }) {
      let startReminders = 0;
      let endReminders = 0;
      for (const row of await loadTasks(db, { statuses: ['in-progress', 'on-hold'] })) {
        const first = firstSessionDate(row.task);
        if (hasOutput(row.task, 'start-rating') || !first || now.getTime() - first.getTime() < o.startGraceDays * DAY_MS) {
          continue;
        }
        const sent = await sendReminder(repo, {
          job: RATING_REMINDERS,
          mark: 'start-rating',
          row,
          to: ['provider'],
          now,
          text: 'Skattning vid behandlingsstart saknas. Registrera startskattningen (t.ex. PHQ-9, GAD-7 eller MADRS-S).',
        });
        startReminders += sent ? 1 : 0;
      }
      for (const row of await loadTasks(db, { statuses: ['completed'] })) {
        if (hasOutput(row.task, 'end-rating')) {
          continue;
        }
        const sent = await sendReminder(repo, {
          job: RATING_REMINDERS,
          mark: 'end-rating',
          row,
          to: ['provider'],
          now,
          text: 'Skattning vid behandlingsavslut saknas. Registrera slutskattningen så att resultatet kan återrapporteras.',
        });
        endReminders += sent ? 1 : 0;
      }
      return { startReminders, endReminders };
    },
  };
}
