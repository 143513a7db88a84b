/** Job metrics on the registry the caller passes (the server owns /metrics). */
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';

export interface JobMetrics {
  readonly runs: Counter<'job' | 'outcome'>;
  readonly duration: Histogram<'job'>;
}

export function createJobMetrics(registry: Registry): JobMetrics {
  return {
    runs: new Counter({ name: 'rb_job_runs_total', help: 'Scheduled job runs by outcome (ok, failed, skipped)', labelNames: ['job', 'outcome'] as const, registers: [registry] }),
    duration: new Histogram({
      name: 'rb_job_duration_seconds',
      help: 'Scheduled job run time',
      labelNames: ['job'] as const,
      buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
  };
}
