/**
 * When a failed e-mail is tried again. SMTP outages last minutes to hours, so retries back off
 * (1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h) instead of hammering a server that is down, and stop
 * after a bounded number of attempts so a bad address does not stay in the outbox forever.
 */

/** The retry schedule of the outbox. */
export interface RetryPolicy {
  /** Attempts before a job is marked failed (the first send counts as one). */
  readonly maxAttempts: number;
  /** Wait after the 1st, 2nd, … failed attempt; attempts past the end reuse the last delay. */
  readonly delaysMs: readonly number[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The default: 8 attempts spread over about 45 hours, long enough to ride out a weekend outage of a day. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  delaysMs: [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR],
};

/** How long to wait after the `failedAttempts`-th consecutive failure (1-based). */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  const { delaysMs } = policy;
  if (delaysMs.length === 0) return 0;
  const index = Math.min(Math.max(failedAttempts, 1), delaysMs.length) - 1;
  return delaysMs[index]!;
}

/** When the job's next attempt is due after `attempts` failed attempts, or null when it has used them all. */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, now: number): number | null {
  return attempts >= policy.maxAttempts ? null : now + retryDelayMs(policy, attempts);
}
