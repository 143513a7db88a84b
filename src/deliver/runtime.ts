/**
 * Composition for the server: one call starts delivery and the scheduled jobs with one lifecycle. Reads the
 * destinations file (if given) into the database, builds the formatter registry, registers metrics, starts the
 * worker and the six jobs; `stop()` ends the jobs, then the worker (waiting for sends in flight).
 */
import type { Registry } from 'prom-client';
import type { JobSet, JobsConfig } from '../jobs/index.ts';
import { createJobMetrics, jobsConfigSchema, standardJobs, startJobs } from '../jobs/index.ts';
import type { Repository } from '../store/index.ts';
import type { z } from 'zod';
import type { DestinationStore } from './destinations.ts';
import { nextRetry } from './backoff.ts';
import { retryPolicySchema } from './config.ts';
import { dbDestinationStore, loadDestinationsFile, syncDestinations } from './destinations.ts';
import { recoverOrphanedLeases } from './queue.ts';
import type { Mapper } from '../map/index.ts';
import { createMapper } from '../map/index.ts';
import { fhirFormatter } from './formatters/fhir.ts';
import { journalFormatters } from './formatters/journal.ts';
import type { Formatter } from './formatters/formatter.ts';
import { createFormatterRegistry } from './formatters/formatter.ts';
import type { DeliveryMetrics } from './metrics.ts';
import { createDeliveryMetrics } from './metrics.ts';
import type { DeliveryWorker, DeliveryWorkerOptions, WorkerLogger } from './worker.ts';
import { startDeliveryWorker } from './worker.ts';

export interface DeliveryRuntimeOptions {
  readonly repo: Repository;
  readonly logger: WorkerLogger;
  readonly registry?: Registry;
  /** config/destinations.json; when given, its rows replace the configured (non-Subscription) destinations. */
  readonly destinationsFile?: string;
  /** Formats besides FHIR; default: riv, hl7 and flat over the mapping service (formatters/journal.ts). */
  readonly formatters?: readonly Formatter[];
  /** The mapping service to use for the default journal formatters (default: createMapper()). */
  readonly mapper?: Mapper;
  readonly jobs?: z.input<typeof jobsConfigSchema>;
  /** false: this instance runs no scheduled jobs (another instance does; the job leases would allow it anyway). */
  readonly runJobs?: boolean;
  /** false: this instance only writes the outbox; `worker` is then inert (wake/runOnce do nothing). */
  readonly deliver?: boolean;
  readonly worker?: Pick<DeliveryWorkerOptions, 'concurrency' | 'perDestination' | 'leaseMs' | 'pollIntervalMs' | 'fetch' | 'workerId'>;
  readonly clock?: () => Date;
  /**
   * true only when no other process can be using the database: the server that opened its own PGlite data
   * directory. Leases still held at start-up then belong to a run that was killed; they are released at once
   * (a lost attempt is recorded) instead of after the lease.
   */
  readonly recoverLeasesAtStart?: boolean;
}

export interface DeliveryRuntime {
  readonly worker: DeliveryWorker;
  readonly jobs: JobSet | undefined;
  readonly destinations: DestinationStore;
  readonly metrics: DeliveryMetrics | undefined;
  readonly jobsConfig: JobsConfig;
  stop(): Promise<void>;
}

export async function startDeliveryRuntime(o: DeliveryRuntimeOptions): Promise<DeliveryRuntime> {
  const db = o.repo.db;
  const jobsConfig = jobsConfigSchema.parse(o.jobs ?? {});
  if (o.destinationsFile) {
    await syncDestinations(db, await loadDestinationsFile(o.destinationsFile));
  }
  const destinations = dbDestinationStore(db);
  if (o.recoverLeasesAtStart === true) {
    const now = (o.clock ?? ((): Date => new Date()))();
    const defaultPolicy = retryPolicySchema.parse({});
    const recovered = await recoverOrphanedLeases(db, now, async (lease) =>
      nextRetry((await destinations.get(lease.destination))?.retry ?? defaultPolicy, lease.attempts, lease.created, now, Math.random),
    );
    if (recovered.released + recovered.dead > 0) {
      o.logger.warn(recovered, 'delivery: events claimed by a previous run that ended without reporting were released');
    }
  }
  const metrics = o.registry ? createDeliveryMetrics({ registry: o.registry, db, clock: o.clock }) : undefined;
  const worker: DeliveryWorker =
    o.deliver === false
      ? { workerId: 'disabled', runOnce: () => Promise.resolve(0), wake: () => undefined, stop: () => Promise.resolve() }
      : startDeliveryWorker({
          repo: o.repo,
          destinations,
          formatters: createFormatterRegistry([fhirFormatter, ...(o.formatters ?? journalFormatters(o.mapper ?? createMapper()))]),
          logger: o.logger,
          metrics,
          clock: o.clock,
          ...o.worker,
        });
  const wakeWorker = (): void => {
    worker.wake();
  };
  const jobs =
    o.runJobs === false
      ? undefined
      : startJobs(standardJobs(jobsConfig, { destinations, wakeWorker }), {
          repo: o.repo,
          logger: o.logger,
          clock: o.clock,
          metrics: o.registry ? createJobMetrics(o.registry) : undefined,
          timezone: jobsConfig.timezone,
        });
  return {
    worker,
    jobs,
    destinations,
    metrics,
    jobsConfig,
    async stop() {
      await jobs?.stop();
      await worker.stop();
    },
  };
}
