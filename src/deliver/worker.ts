/**
 * The delivery worker. Each tick it finds the destinations with claimable events (one queue per destination),
 * claims up to its free capacity from each (FOR UPDATE SKIP LOCKED + lease, so instances sharing one PostgreSQL
 * never hold the same event), loads the current resources, formats, sends with the idempotency key, reads the
 * acknowledgement and records the attempt. Failures go back with exponential backoff + full jitter, so a failing
 * event never blocks the others of its destination (rotation); events of one referral stay in order because the
 * claim never offers event n+1 of an aggregate while n is pending (standards.md §5).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Repository } from '../store/index.ts';
import type { AckResult } from './ack.ts';
import { interpretResponse } from './ack.ts';
import type { Destination } from './config.ts';
import type { DestinationStore } from './destinations.ts';
import { nextRetry } from './backoff.ts';
import { responseExcerpt } from './excerpt.ts';
import type { FormattedMessage, FormatterRegistry, RenderResult } from './formatters/formatter.ts';
import type { DeliveryMetrics } from './metrics.ts';
import type { ClaimedRow } from './queue.ts';
import { claimDue, dueDestinations, markDelivered, markFailed } from './queue.ts';
import { loadEventResources } from './resources.ts';
import type { FetchLike } from './transport.ts';
import { send } from './transport.ts';

export type WorkerLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

export interface DeliveryWorkerOptions {
  readonly repo: Repository;
  readonly destinations: DestinationStore;
  readonly formatters: FormatterRegistry;
  readonly fetch?: FetchLike;
  readonly clock?: () => Date;
  readonly logger: WorkerLogger;
  readonly metrics?: DeliveryMetrics;
  /** Events in flight at once across all destinations (default 8). */
  readonly concurrency?: number;
  /** Events in flight at once per destination (default = concurrency). */
  readonly perDestination?: number;
  /** Claim lease; must exceed the longest send (default 60 s, at least 2 × the destination timeout). */
  readonly leaseMs?: number;
  /** Poll period (default 1000 ms); null = no timer, the caller drives `runOnce` / `wake` (tests, sweep job). */
  readonly pollIntervalMs?: number | null;
  readonly workerId?: string;
  /** Uniform [0, 1) for the jitter (tests inject a fixed one). */
  readonly random?: () => number;
}

export interface DeliveryWorker {
  readonly workerId: string;
  /** One claim round over all due destinations; resolves when every event it claimed is finished. */
  runOnce(): Promise<number>;
  /** Asks for a tick soon (after a new event or a sweep). */
  wake(): void;
  /** Stops polling and waits for events in flight. */
  stop(): Promise<void>;
}

type Outcome = 'delivered' | 'retry' | 'dead' | 'lost';

export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const clock = options.clock ?? (() => new Date());
  const fetchFn: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const concurrency = options.concurrency ?? 8;
  const perDestination = options.perDestination ?? concurrency;
  const random = options.random ?? Math.random;
  const log = options.logger;
  const db = options.repo.db;

  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let total = 0;
  let stopped = false;
  let chain: Promise<number> = Promise.resolve(0);

  const leaseFor = (d: Destination): number => Math.max(options.leaseMs ?? 60_000, 2 * d.timeoutMs);

  async function tick(): Promise<number> {
    if (stopped) {
      return 0;
    }
    let claimed = 0;
    for (const destinationKey of await dueDestinations(db, clock())) {
      const free = Math.min(perDestination - (inFlight.get(destinationKey) ?? 0), concurrency - total);
      if (free <= 0) {
        continue;
      }
      const destination = await options.destinations.get(destinationKey);
      if (!destination) {
        continue;
      }
      const rows = await claimDue(db, workerId, destinationKey, free, clock(), leaseFor(destination));
      claimed += rows.length;
      for (const row of rows) {
        launch(row, destination);
      }
    }
    return claimed;
  }

  function launch(row: ClaimedRow, destination: Destination): void {
    total++;
    inFlight.set(row.destination, (inFlight.get(row.destination) ?? 0) + 1);
    const p = deliverOne(row, destination)
      .then((outcome) => {
        options.metrics?.attempts.inc({ destination: row.destination, result: outcome });
      })
      .catch((err: unknown) => {
        // Database trouble while recording: the lease runs out and the event is tried again (at-least-once).
        log.error({ err, outboxId: row.id }, 'delivery bookkeeping failed');
      })
      .finally(() => {
        total--;
        inFlight.set(row.destination, (inFlight.get(row.destination) ?? 1) - 1);
        running.delete(p);
        if (!stopped && options.pollIntervalMs !== null) {
          wake();
        }
      });
    running.add(p);
  }

  async function deliverOne(row: ClaimedRow, destination: Destination): Promise<Outcome> {
    const formatter = options.formatters.get(destination.format);
    if (!formatter) {
      return fail(row, destination, { ok: false, permanent: true, reason: `no formatter for format ${destination.format}` });
    }
    let message: FormattedMessage;
    if (destination.emptyNotification) {
      message = { body: '', contentType: 'application/fhir+json' };
    } else {
      const resources = await loadEventResources(options.repo, row.payload, row.aggregateKey);
      if (resources.length === 0) {
        return fail(row, destination, { ok: false, permanent: true, reason: 'none of the resources named by the event exist' });
      }
      let rendered: RenderResult;
      try {
        rendered = await formatter.render({
          event: { id: row.id, eventType: row.eventType, destination: row.destination, aggregateKey: row.aggregateKey, created: row.created, attempt: row.attempts },
          resources,
          destination,
        });
      } catch (err) {
        // The stored resources cannot be written in this format: retrying will not help; a person must look.
        return fail(row, destination, { ok: false, permanent: true, reason: err instanceof Error ? err.message.slice(0, 300) : 'the formatter failed' });
      }
      if ('skip' in rendered) {
        // Nothing to send in this format: done, with the reason in the attempt (the receiver can still pull).
        const ok = await markDelivered(db, row.id, workerId, { at: clock(), durationMs: 0, excerpt: `not sent: ${rendered.skip}` });
        return ok ? 'delivered' : 'lost';
      }
      message = rendered;
    }
    const result = await send(fetchFn, {
      url: destination.url,
      body: message.body,
      contentType: message.contentType,
      headers: destination.headers,
      timeoutMs: destination.timeoutMs,
      idempotencyKey: `rb-outbox-${String(row.id)}`,
      eventType: row.eventType,
    });
    if (result.kind === 'error') {
      return fail(row, destination, { ok: false, permanent: false, reason: result.error }, { durationMs: result.durationMs });
    }
    const res = result.response;
    const ack = res.status >= 200 && res.status < 300 && formatter.parseAck ? formatter.parseAck(res) : interpretResponse(destination.format, res);
    const attempt = { at: clock(), httpStatus: res.status, durationMs: result.durationMs, excerpt: responseExcerpt(res.contentType, res.body) };
    if (ack.ok) {
      const ok = await markDelivered(db, row.id, workerId, attempt);
      if (!ok) {
        log.warn({ outboxId: row.id, destination: row.destination }, 'delivered, but the lease was lost meanwhile; it may be sent again');
        return 'lost';
      }
      options.metrics?.latency.observe({ destination: row.destination }, Math.max(0, attempt.at.getTime() - row.created.getTime()) / 1000);
      return 'delivered';
    }
    return fail(row, destination, ack, attempt);
  }

  async function fail(
    row: ClaimedRow,
    destination: Destination,
    ack: Extract<AckResult, { ok: false }>,
    attempt: { readonly httpStatus?: number; readonly durationMs?: number; readonly excerpt?: string } = {},
  ): Promise<Outcome> {
    const now = clock();
    const decision = ack.permanent ? { reason: 'not retryable' } : nextRetry(destination.retry, row.attempts, row.ageBase, now, random);
    const error = decision.retryAt ? ack.reason : `${ack.reason}; ${decision.reason ?? 'giving up'}`;
    const ok = await markFailed(db, row.id, workerId, { ...attempt, at: now, error, retryAt: decision.retryAt });
    if (!ok) {
      return 'lost';
    }
    if (decision.retryAt) {
      log.info({ outboxId: row.id, destination: row.destination, attempt: row.attempts, reason: ack.reason }, 'delivery failed, will retry');
      return 'retry';
    }
    options.metrics?.deadLetters.inc({ destination: row.destination });
    log.warn({ outboxId: row.id, destination: row.destination, attempt: row.attempts, reason: error }, 'delivery dead-lettered');
    return 'dead';
  }

  function enqueueTick(): Promise<number> {
    chain = chain.then(tick, tick);
    return chain;
  }

  /** Coalesces: while a woken tick is still waiting its turn, further wakes add nothing. */
  let wakeQueued = false;
  function wake(): void {
    if (wakeQueued) {
      return;
    }
    wakeQueued = true;
    const run = (): Promise<number> => {
      wakeQueued = false;
      return tick();
    };
    chain = chain.then(run, run);
    chain.catch((err: unknown) => {
      log.error({ err }, 'delivery tick failed');
    });
  }

  const timer = options.pollIntervalMs === null ? undefined : setInterval(wake, options.pollIntervalMs ?? 1000);
  timer?.unref();

  return {
    workerId,
    async runOnce() {
      const claimed = await enqueueTick();
      await Promise.allSettled([...running]);
      return claimed;
    },
    wake,
    async stop() {
      stopped = true;
      if (timer) {
        clearInterval(timer);
      }
      await chain.catch(() => 0);
      await Promise.allSettled([...running]);
    },
  };
}
