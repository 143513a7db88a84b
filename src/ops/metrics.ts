/**
 * Prometheus metrics on a registry owned by one server instance (no module-level state, so tests and several
 * apps in one process do not share counters). Validation outcomes by rule id are counted here; delivery and
 * job metrics (queue depth and age per destination, latency, dead letters, job runs) are registered on the same
 * registry by src/deliver and src/jobs.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RB_ISSUE_SYSTEM } from '../fhir/outcomes.ts';

export interface Metrics {
  readonly registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** One count per issue of a validation outcome, by rule id and severity. */
  recordValidation(outcome: OperationOutcome): void;
}

export function createMetrics(options: { readonly defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) {
    collectDefaultMetrics({ register: registry, prefix: 'rb_' });
  }
  const requests = new Counter({
    name: 'rb_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'rb_http_request_duration_seconds',
    help: 'HTTP request duration by method and route template',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const validation = new Counter({
    name: 'rb_validation_issues_total',
    help: 'Validation issues by rule id and severity',
    labelNames: ['rule', 'severity'],
    registers: [registry],
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    recordValidation(outcome) {
      for (const i of outcome.issue) {
        const rule = i.details?.coding?.find((c) => c.system === RB_ISSUE_SYSTEM)?.code ?? i.details?.coding?.[0]?.code ?? i.code;
        validation.inc({ rule, severity: i.severity });
      }
    },
  };
}
