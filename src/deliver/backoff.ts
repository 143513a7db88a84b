/**
 * Retry timing: exponential backoff with full jitter (delay uniformly in [0, min(cap, base·2^(n-1))]), so many
 * events failing together do not retry in lockstep; dead letter once attempts OR age run out (standards.md §5).
 */
import type { RetryPolicy } from './config.ts';

export interface RetryDecision {
  /** When to try again; undefined = give up (dead letter). */
  readonly retryAt?: Date;
  readonly reason?: string;
}

/**
 * @param attempts attempts made so far, including the one that just failed
 * @param random a uniform number in [0, 1) (injected in tests)
 */
export function nextRetry(policy: RetryPolicy, attempts: number, created: Date, now: Date, random: () => number): RetryDecision {
  if (attempts >= policy.maxAttempts) {
    return { reason: `max attempts (${String(policy.maxAttempts)}) reached` };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const retryAt = new Date(now.getTime() + Math.floor(random() * ceiling));
  if (retryAt.getTime() - created.getTime() > policy.maxAgeMs) {
    return { reason: `max age (${String(policy.maxAgeMs)} ms) reached` };
  }
  return { retryAt };
}
