/**
 * Job 1, delivery sweep: events whose worker died (lease over) are recorded as a lost attempt and released, or
 * dead-lettered when their attempt/age budget is spent; Subscriptions past their `end` are turned off; then the
 * worker is woken for the retries now due.
 */
import { nextRetry } from '../deliver/backoff.ts';
import { retryPolicySchema } from '../deliver/config.ts';
import type { DestinationStore } from '../deliver/destinations.ts';
import { recoverExpiredLeases } from '../deliver/queue.ts';
import { endExpiredSubscriptions } from '../deliver/subscription.ts';
import type { JobDefinition } from './runner.ts';

export interface DeliverySweepOptions {
  readonly schedule: string;
  readonly destinations: DestinationStore;
  /** The local worker's wake(), if this instance runs one. */
  readonly wake?: () => void;
  readonly random?: () => number;
}

export function deliverySweepJob(o: DeliverySweepOptions): JobDefinition {
  const defaultPolicy = retryPolicySchema.parse({});
  return {
    name: 'delivery-sweep',
    schedule: o.schedule,
    leaseMs: 60_000,
    async run({ db, repo, now }) {
      const subscriptionsEnded = await endExpiredSubscriptions(repo, now);
      const recovered = await recoverExpiredLeases(db, now, async (lease) => {
        const policy = (await o.destinations.get(lease.destination))?.retry ?? defaultPolicy;
        return nextRetry(policy, lease.attempts, lease.created, now, o.random ?? Math.random);
      });
      o.wake?.();
      return subscriptionsEnded > 0 ? { ...recovered, subscriptionsEnded } : recovered;
    },
  };
}
