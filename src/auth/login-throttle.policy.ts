/**
 * Brute-force protection for one account, as pure decisions over a small persisted state: an
 * exponential backoff between consecutive failures, then a lockout of `auth.lockoutMinutes` after
 * `auth.maxFailedLogins` of them. The per-IP `rateLimits.login` bucket (rate-limiter.ts) caps the
 * total; this caps guessing against a single account spread over many IPs.
 */
import type { Config } from "../config/schema";

/** Persisted throttle state of one account key (see auth_login_failures). */
export interface LoginThrottleState {
  readonly failures: number;
  readonly lastFailureAt: number;
  readonly lockedUntil: number | null;
}

/** The knobs, from config.auth. `lockoutMs` 0 disables the lockout (backoff still applies). */
export interface LoginThrottlePolicy {
  readonly maxFailedLogins: number;
  readonly lockoutMs: number;
}

/** Whether an attempt may be checked at all, and if not, for how long the client should wait. */
export type LoginGate = { readonly allowed: true } | { readonly allowed: false; readonly reason: "locked" | "backoff"; readonly retryAfterMs: number };

/** Consecutive failures are forgotten after this long without a new one, so old typos never add up to a lockout. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** The backoff never grows past this; the lockout is the harder stop. */
export const MAX_BACKOFF_MS = 30_000;

/** Reads the policy from the live config. */
export function loginThrottlePolicy(config: Config): LoginThrottlePolicy {
  return { maxFailedLogins: config.auth.maxFailedLogins, lockoutMs: Math.round(config.auth.lockoutMinutes * 60_000) };
}

/**
 * Wait imposed after `failures` consecutive failures: none after the first (a typo), then 1 s,
 * 2 s, 4 s… capped at {@link MAX_BACKOFF_MS}. Slows scripted guessing without bothering people.
 */
export function backoffAfter(failures: number): number {
  if (failures < 2) return 0;
  return Math.min(1000 * 2 ** (failures - 2), MAX_BACKOFF_MS);
}

/** The state as it stands at `now`: an expired lock or a long-idle counter starts over. */
export function currentState(state: LoginThrottleState | null, now: number): LoginThrottleState | null {
  if (!state) return null;
  if (state.lockedUntil !== null && state.lockedUntil <= now) return null;
  if (state.lockedUntil === null && now - state.lastFailureAt >= FAILURE_MEMORY_MS) return null;
  return state;
}

/** Decides whether a sign-in attempt for this account may proceed to the password check. */
export function checkLoginGate(stored: LoginThrottleState | null, now: number): LoginGate {
  const state = currentState(stored, now);
  if (!state) return { allowed: true };
  if (state.lockedUntil !== null) return { allowed: false, reason: "locked", retryAfterMs: state.lockedUntil - now };
  const waitUntil = state.lastFailureAt + backoffAfter(state.failures);
  if (now < waitUntil) return { allowed: false, reason: "backoff", retryAfterMs: waitUntil - now };
  return { allowed: true };
}

/** The state after one more failed attempt; locks the account when the threshold is reached. */
export function recordLoginFailure(stored: LoginThrottleState | null, policy: LoginThrottlePolicy, now: number): LoginThrottleState {
  const failures = (currentState(stored, now)?.failures ?? 0) + 1;
  const locks = policy.lockoutMs > 0 && failures >= policy.maxFailedLogins;
  return { failures, lastFailureAt: now, lockedUntil: locks ? now + policy.lockoutMs : null };
}
