/**
 * Job 2, the 30-day start watch (domain.md §3: "Treatment must start within one month (30 days) of the referral
 * arriving at the unit", 000_c04719a0eada0e20.txt:268; region average 82 % in 2024, 000:278). A Task received
 * more than `days` ago that is still open and has no first-session-date output is flagged businessStatus
 * `start-overdue`, and one reminder Communication goes to the referrer and the provider (once per Task).
 * Also computes the running share of referrals started within `days`, per provider (startShareByProvider).
 */
import type { Db } from '../store/index.ts';
import { sendReminder } from './reminders.ts';
import type { JobDefinition } from './runner.ts';
import type { TaskRow } from './tasks.ts';
import { DAY_MS, daysBefore, firstSessionDate, hasOutput, loadTasks, receivedAt } from './tasks.ts';

export const START_WATCH = 'start-watch';

export interface StartWatchOptions {
  readonly schedule: string;
  readonly days: number;
  readonly shareWindowDays: number;
}

export function startWatchJob(o: StartWatchOptions): JobDefinition {
  return {
    name: START_WATCH,
    schedule: o.schedule,
    async run({ db, repo, now }) {
      const overdue = await loadTasks(db, { statuses: ['requested', 'received', 'accepted'], receivedBefore: daysBefore(now, o.days) });
      let flagged = 0;
      for (const row of overdue) {
        if (hasOutput(row.task, 'first-session-date')) {
          continue;
        }
        const sent = await sendReminder(repo, {
          job: START_WATCH,
          mark: 'start-overdue',
          row,
          to: ['referrer', 'provider'],
          flag: 'start-overdue',
          now,
          text: `Behandlingen har inte startat inom ${String(o.days)} dagar från att remissen kom in (regionens krav: start inom 30 dagar). Kontakta varandra om fortsatt planering.`,
        });
        if (sent) {
          flagged++;
        }
      }
      const share = await startShareByProvider(db, now, o.days, o.shareWindowDays);
      return { candidates: overdue.length, flagged, share };
    },
  };
}

export interface StartShare {
  readonly provider: string;
  /** Referrals whose outcome is known: started, or `days` passed without a start. */
  readonly decided: number;
  readonly startedWithin: number;
  /** startedWithin / decided, or null when nothing is decided yet. */
  readonly share: number | null;
}

/**
 * Per provider, over Tasks received in the last `windowDays` (rejected/cancelled excluded: never meant to start):
 * the share that had their first session within `days` of arrival.
 */
export async function startShareByProvider(db: Db, now: Date, days: number, windowDays: number): Promise<StartShare[]> {
  const rows = await loadTasks(db, {
    statuses: ['requested', 'received', 'accepted', 'in-progress', 'on-hold', 'completed', 'failed'],
    receivedAfter: daysBefore(now, windowDays),
  });
  return computeShare(rows, now, days);
}

export function computeShare(rows: readonly TaskRow[], now: Date, days: number): StartShare[] {
  const by = new Map<string, { decided: number; startedWithin: number }>();
  for (const { task, ownerOrg } of rows) {
    const received = receivedAt(task);
    if (!received) {
      continue;
    }
    const first = firstSessionDate(task);
    const deadline = received.getTime() + days * DAY_MS;
    const startedWithin = first !== undefined && first.getTime() <= deadline;
    const decided = startedWithin || first !== undefined || now.getTime() > deadline;
    if (!decided) {
      continue;
    }
    const key = ownerOrg ?? 'unknown';
    const acc = by.get(key) ?? { decided: 0, startedWithin: 0 };
    acc.decided++;
    if (startedWithin) {
      acc.startedWithin++;
    }
    by.set(key, acc);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, v]) => ({ provider, ...v, share: v.decided > 0 ? v.startedWithin / v.decided : null }));
}
