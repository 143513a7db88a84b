/**
 * Scheduled jobs: node-cron drives `runOnce`, which prevents overlap in this process, takes the job's lease so
 * only one instance runs it (lock.ts), records the run in `job_runs`, and reports metrics. Tests call `runOnce(now)`
 * directly with a controlled clock. Explicit lifecycle: `start()` schedules, `stop()` unschedules and waits.
 */
import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Db, Repository } from '../store/index.ts';
import { toNumber } from '../store/rows.ts';
import { acquireJobLock, releaseJobLock } from './lock.ts';
import type { JobMetrics } from './metrics.ts';

export type JobLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

export interface JobContext {
  readonly now: Date;
  readonly db: Db;
  readonly repo: Repository;
  readonly logger: JobLogger;
}

export type JobDetail = Readonly<Record<string, unknown>>;

export interface JobDefinition {
  readonly name: string;
  /** node-cron expression (5 fields, or 6 with seconds). */
  readonly schedule: string;
  /** How long the cross-instance lease holds (default 10 min); longer than the longest run. */
  readonly leaseMs?: number;
  run(ctx: JobContext): Promise<JobDetail>;
}

export type JobRunResult =
  | { readonly outcome: 'ok'; readonly detail: JobDetail }
  | { readonly outcome: 'skipped'; readonly reason: 'overlap' | 'other-instance' }
  | { readonly outcome: 'failed'; readonly error: string };

export interface Job {
  readonly name: string;
  runOnce(now?: Date): Promise<JobRunResult>;
  start(): void;
  stop(): Promise<void>;
}

export interface JobDeps {
  readonly repo: Repository;
  readonly logger: JobLogger;
  readonly clock?: () => Date;
  readonly metrics?: JobMetrics;
  /** Identifies this instance in locks and run records. */
  readonly runnerId?: string;
  readonly timezone?: string;
}

export function createJob(def: JobDefinition, deps: JobDeps): Job {
  if (!cron.validate(def.schedule)) {
    throw new Error(`job ${def.name}: invalid cron schedule ${def.schedule}`);
  }
  const runner = deps.runnerId ?? `runner-${randomUUID()}`;
  const clock = deps.clock ?? (() => new Date());
  const db = deps.repo.db;
  let current: Promise<JobRunResult> | undefined;
  let task: ScheduledTask | undefined;

  async function execute(now: Date): Promise<JobRunResult> {
    if (!(await acquireJobLock(db, def.name, runner, now, def.leaseMs ?? 600_000))) {
      return { outcome: 'skipped', reason: 'other-instance' };
    }
    const started = performance.now();
    const runRows = await db.query<{ id: unknown }>(
      `INSERT INTO job_runs (name, runner, started, outcome) VALUES ($1, $2, $3::timestamptz, 'running') RETURNING id`,
      [def.name, runner, now.toISOString()],
    );
    const runId = toNumber(runRows[0]?.id);
    let result: JobRunResult;
    try {
      const detail = await def.run({ now, db, repo: deps.repo, logger: deps.logger });
      result = { outcome: 'ok', detail };
    } catch (err) {
      deps.logger.error({ err, job: def.name }, 'job failed');
      result = { outcome: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : 'unknown error' };
    } finally {
      deps.metrics?.duration.observe({ job: def.name }, (performance.now() - started) / 1000);
      await releaseJobLock(db, def.name, runner);
    }
    await db.query(`UPDATE job_runs SET finished = $2::timestamptz, outcome = $3, detail = $4::jsonb WHERE id = $1`, [
      runId,
      clock().toISOString(),
      result.outcome,
      JSON.stringify(result.outcome === 'ok' ? result.detail : result),
    ]);
    return result;
  }

  async function runOnce(now: Date = clock()): Promise<JobRunResult> {
    if (current) {
      deps.metrics?.runs.inc({ job: def.name, outcome: 'skipped' });
      return { outcome: 'skipped', reason: 'overlap' };
    }
    const p = execute(now);
    current = p;
    try {
      const result = await p;
      deps.metrics?.runs.inc({ job: def.name, outcome: result.outcome });
      return result;
    } finally {
      current = undefined;
    }
  }

  return {
    name: def.name,
    runOnce,
    start() {
      if (task) {
        return;
      }
      task = cron.createTask(
        def.schedule,
        async () => {
          const result = await runOnce();
          if (result.outcome === 'failed') {
            deps.logger.warn({ job: def.name }, 'scheduled job run failed');
          }
        },
        { name: def.name, noOverlap: true, timezone: deps.timezone ?? 'Europe/Stockholm' },
      );
      void task.start();
    },
    async stop() {
      if (task) {
        await task.destroy();
        task = undefined;
      }
      if (current) {
        await current.catch(() => undefined);
      }
    },
  };
}

export interface JobSet {
  readonly jobs: ReadonlyMap<string, Job>;
  stop(): Promise<void>;
}

/** Creates and starts every job; `stop()` ends them all. */
export function startJobs(defs: readonly JobDefinition[], deps: JobDeps): JobSet {
  const jobs = new Map(defs.map((d) => [d.name, createJob(d, deps)] as const));
  for (const job of jobs.values()) {
    job.start();
  }
  return {
    jobs,
    async stop() {
      await Promise.all([...jobs.values()].map((j) => j.stop()));
    },
  };
}
