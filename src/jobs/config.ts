/** Job configuration (zod, validated at the edge; types from the schema). Schedules are node-cron expressions. */
import { z } from 'zod';

const schedule = z.string().min(9).max(100);

export const jobsConfigSchema = z.object({
  timezone: z.string().default('Europe/Stockholm'),
  deliverySweep: z.object({ schedule: schedule.default('*/30 * * * * *') }).default({ schedule: '*/30 * * * * *' }),
  startWatch: z
    .object({
      schedule: schedule.default('0 6 * * *'),
      /** domain.md §3: treatment must start within 30 days of the referral arriving (000:268). */
      days: z.number().int().min(1).max(365).default(30),
      /** Window for the running share started within `days`, per provider. */
      shareWindowDays: z.number().int().min(1).max(3650).default(365),
    })
    .default({ schedule: '0 6 * * *', days: 30, shareWindowDays: 365 }),
  ratingReminders: z
    .object({
      schedule: schedule.default('0 7 * * *'),
      /** Days after the first session before a missing start rating is reminded. */
      startGraceDays: z.number().int().min(0).max(365).default(7),
    })
    .default({ schedule: '0 7 * * *', startGraceDays: 7 }),
  staleReferrals: z
    .object({
      schedule: schedule.default('0 8 * * *'),
      reminderAfterDays: z.number().int().min(1).max(365).default(7),
      escalateAfterDays: z.number().int().min(1).max(365).default(14),
    })
    .default({ schedule: '0 8 * * *', reminderAfterDays: 7, escalateAfterDays: 14 }),
  statsSnapshot: z.object({ schedule: schedule.default('0 2 * * *') }).default({ schedule: '0 2 * * *' }),
  retention: z
    .object({
      schedule: schedule.default('0 3 * * *'),
      deliveredDays: z.number().int().min(1).max(3650).default(30),
      attemptsDays: z.number().int().min(1).max(3650).default(90),
      jobRunsDays: z.number().int().min(1).max(3650).default(90),
    })
    .default({ schedule: '0 3 * * *', deliveredDays: 30, attemptsDays: 90, jobRunsDays: 90 }),
});
export type JobsConfig = z.infer<typeof jobsConfigSchema>;
