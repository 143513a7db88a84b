/**
 * Delivery metrics, registered on the registry the caller passes (the server owns /metrics). Queue depth and
 * oldest age are read from the database at scrape time, so every instance reports the shared queue.
 */
import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Db } from '../store/index.ts';
import type { QueueStats } from './ops.ts';
import { queueStats } from './ops.ts';

export interface DeliveryMetrics {
  readonly attempts: Counter<'destination' | 'result'>;
  readonly deadLetters: Counter<'destination'>;
  /** Event creation (commit of the change) to acknowledged delivery. */
  readonly latency: Histogram<'destination'>;
}

export interface DeliveryMetricsOptions {
  readonly registry: Registry;
  /** When given, queue depth/age gauges read it on each scrape. */
  readonly db?: Db;
  readonly clock?: () => Date;
}

export function createDeliveryMetrics(options: DeliveryMetricsOptions): DeliveryMetrics {
  const registers = [options.registry];
  const attempts = new Counter({
    name: 'rb_delivery_attempts_total',
    help: 'Delivery attempts by destination and result (delivered, retry, dead)',
    labelNames: ['destination', 'result'] as const,
    registers,
  });
  const deadLetters = new Counter({ name: 'rb_delivery_dead_letters_total', help: 'Events moved to the dead letters', labelNames: ['destination'] as const, registers });
  const latency = new Histogram({
    name: 'rb_delivery_latency_seconds',
    help: 'From outbox event creation to acknowledged delivery',
    labelNames: ['destination'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600],
    registers,
  });
  const db = options.db;
  if (db) {
    const clock = options.clock ?? (() => new Date());
    // Each gauge reads the shared queue at scrape time (prom-client collects metrics concurrently, so each one
    // runs its own small query rather than depending on another's collect).
    const gauge = (name: string, help: string, value: (s: QueueStats) => number): void => {
      const g: Gauge<'destination'> = new Gauge({
        name,
        help,
        labelNames: ['destination'] as const,
        registers,
        async collect() {
          const stats = await queueStats(db, clock());
          g.reset();
          for (const s of stats) {
            g.set({ destination: s.destination }, value(s));
          }
        },
      });
    };
    gauge('rb_delivery_queue_depth', 'Pending events per destination', (s) => s.pending);
    gauge('rb_delivery_queue_oldest_age_seconds', 'Age of the oldest pending event per destination', (s) => (s.oldestPendingAgeMs ?? 0) / 1000);
    gauge('rb_delivery_dead_letters', 'Dead letters waiting per destination', (s) => s.dead);
  }
  return { attempts, deadLetters, latency };
}
