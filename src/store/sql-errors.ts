/** Classifying driver errors by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
import { setTimeout as sleep } from 'node:timers/promises';

/** SQLSTATE of a driver error, when it has one (both drivers put it in `code`). */
export function sqlState(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}

/** serialization_failure and deadlock_detected: the transaction may succeed when run again. */
export function isRetryable(err: unknown): boolean {
  const code = sqlState(err);
  return code === '40001' || code === '40P01';
}

/** unique_violation */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

const MAX_ATTEMPTS = 5;

/**
 * Runs one whole transaction attempt again when it failed with a retryable error (at most 5 attempts, short
 * jittered pauses). https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html
 */
export async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isRetryable(err) || n >= MAX_ATTEMPTS) {
        throw err;
      }
    }
    await sleep(Math.random() * 20 * n);
  }
}
