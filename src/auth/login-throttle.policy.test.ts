import { describe, expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import { FAILURE_MEMORY_MS, MAX_BACKOFF_MS, backoffAfter, checkLoginGate, recordLoginFailure, type LoginThrottleState } from "./login-throttle.policy";

const policy = { maxFailedLogins: 5, lockoutMs: 15 * 60_000 };

/** Fails `n` times, each as soon as the gate allows, and returns the state. */
function failRepeatedly(n: number, clock: ManualClock): LoginThrottleState | null {
  let state: LoginThrottleState | null = null;
  for (let i = 0; i < n; i++) {
    const gate = checkLoginGate(state, clock.now());
    if (!gate.allowed) clock.advance(gate.retryAfterMs);
    state = recordLoginFailure(state, policy, clock.now());
  }
  return state;
}

describe("login backoff", () => {
  test("the first failure (a typo) costs nothing, then waits double: 1 s, 2 s, 4 s… capped", () => {
    expect([1, 2, 3, 4, 5, 20].map(backoffAfter)).toEqual([0, 1000, 2000, 4000, 8000, MAX_BACKOFF_MS]);
  });

  test("an attempt inside the backoff window is refused with the remaining wait", () => {
    const clock = new ManualClock();
    const state = failRepeatedly(3, clock);
    clock.advance(500);
    expect(checkLoginGate(state, clock.now())).toEqual({ allowed: false, reason: "backoff", retryAfterMs: 1500 });
    clock.advance(1500);
    expect(checkLoginGate(state, clock.now()).allowed).toBe(true);
  });
});

describe("login lockout", () => {
  test("maxFailedLogins consecutive failures lock the account for lockoutMinutes", () => {
    const clock = new ManualClock();
    const state = failRepeatedly(4, clock);
    expect(state?.lockedUntil).toBeNull();
    const locked = recordLoginFailure(state, policy, clock.now());
    expect(locked.lockedUntil).toBe(clock.now() + policy.lockoutMs);
    clock.advance(60_000);
    expect(checkLoginGate(locked, clock.now())).toEqual({ allowed: false, reason: "locked", retryAfterMs: 14 * 60_000 });
  });

  test("once the lockout has passed, the account gets a fresh budget", () => {
    const clock = new ManualClock();
    const locked = failRepeatedly(5, clock);
    clock.advance(policy.lockoutMs);
    expect(checkLoginGate(locked, clock.now()).allowed).toBe(true);
    expect(recordLoginFailure(locked, policy, clock.now())).toMatchObject({ failures: 1, lockedUntil: null });
  });

  test("old failures are forgotten: four typos spread over days never lock", () => {
    const clock = new ManualClock();
    let state = failRepeatedly(4, clock);
    clock.advance(FAILURE_MEMORY_MS);
    state = recordLoginFailure(state, policy, clock.now());
    expect(state).toMatchObject({ failures: 1, lockedUntil: null });
  });

  test("lockoutMinutes 0 disables the lockout but keeps the backoff", () => {
    const clock = new ManualClock();
    let state: LoginThrottleState | null = null;
    for (let i = 0; i < 10; i++) state = recordLoginFailure(state, { maxFailedLogins: 5, lockoutMs: 0 }, clock.now());
    expect(state).toMatchObject({ failures: 10, lockedUntil: null });
    expect(checkLoginGate(state, clock.now())).toMatchObject({ allowed: false, reason: "backoff" });
  });
});
