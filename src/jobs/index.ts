/** Public API of the scheduled jobs (see README.md in src/deliver). */
import type { DestinationStore } from '../deliver/destinations.ts';
import type { JobsConfig } from './config.ts';
import { deliverySweepJob } from './delivery-sweep.ts';
import { ratingRemindersJob } from './rating-reminders.ts';
import { retentionJob } from './retention.ts';
import type { JobDefinition } from './runner.ts';
import { staleReferralsJob } from './stale-referrals.ts';
import { startWatchJob } from './start-watch.ts';
import { statsSnapshotJob } from './stats-snapshot.ts';

export type { JobsConfig } from './config.ts';
export { jobsConfigSchema } from './config.ts';
export type { Job, JobContext, JobDefinition, JobDeps, JobDetail, JobRunResult, JobSet } from './runner.ts';
export { createJob, startJobs } from './runner.ts';
export type { JobMetrics } from './metrics.ts';
export { createJobMetrics } from './metrics.ts';
export { deliverySweepJob } from './delivery-sweep.ts';
export type { StartShare } from './start-watch.ts';
export { startShareByProvider, startWatchJob } from './start-watch.ts';
export { ratingRemindersJob } from './rating-reminders.ts';
export { staleReferralsJob } from './stale-referrals.ts';
export type { StatsContent, StatsSnapshot } from './stats-snapshot.ts';
export { computeStats, latestStats, listStats, statsSnapshotJob } from './stats-snapshot.ts';
export { retentionJob } from './retention.ts';

/** The six jobs from one validated config (issue 6). */
export function standardJobs(config: JobsConfig, deps: { readonly destinations: DestinationStore; readonly wakeWorker?: () => void }): JobDefinition[] {
  return [
    deliverySweepJob({ schedule: config.deliverySweep.schedule, destinations: deps.destinations, wake: deps.wakeWorker }),
    startWatchJob(config.startWatch),
    ratingRemindersJob(config.ratingReminders),
    staleReferralsJob(config.staleReferrals),
    statsSnapshotJob({ schedule: config.statsSnapshot.schedule, startDays: config.startWatch.days }),
    retentionJob(config.retention),
  ];
}
