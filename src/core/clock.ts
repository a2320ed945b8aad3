/**
 * Time and identity are injected into the core so every rule is deterministic under test:
 * production passes `systemClock` and `randomIds` (src/system.ts); tests pass a `ManualClock` they advance by hand.
 */

/** Source of the current time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** Source of unique ids (conversation, message, transfer…). */
export interface IdGenerator {
  next(prefix?: string): string;
}

/** A clock tests move by hand, so time-dependent rules are tested without sleeping. */
export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2026, 0, 5, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number): void {
    this.t = t;
  }
}

/** Deterministic ids for tests: prefix_1, prefix_2, … */
export class SequentialIds implements IdGenerator {
  private n = 0;
  next(prefix = "id"): string {
    return `${prefix}_${++this.n}`;
  }
}
