/**
 * The setTimeout abstraction the schedulers run on. Production uses the real timers; tests use
 * {@link ManualTimers}, which fires callbacks as a `ManualClock` is advanced, so hours of timeouts
 * are tested in microseconds and without sleeping.
 */
import type { ManualClock } from "../core/clock";

/** An opaque handle returned by {@link TimerDriver.set}. */
export type TimerHandle = unknown;

/** Arms and disarms one-shot timers. A callback may return a promise (ManualTimers awaits it). */
export interface TimerDriver {
  set(callback: () => unknown, delayMs: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

/**
 * The longest delay setTimeout honours (2^31−1 ms, ~24.8 days); a longer one fires immediately.
 * Schedulers cap at this and re-arm when the timer fires early.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The real timers. */
export const systemTimers: TimerDriver = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface ManualTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => unknown;
}

/** Fake timers over a ManualClock: nothing fires until `advance` moves time past a timer. */
export class ManualTimers implements TimerDriver {
  /** More callbacks than this in one `advance` means a runaway loop; the test fails instead of hanging. */
  static readonly MAX_CALLBACKS = 100_000;
  private timers: ManualTimer[] = [];
  private nextId = 1;

  constructor(readonly clock: ManualClock) {}

  /** Arms a timer; rejects delays real timers would mishandle, so a missing cap fails the test. */
  set(callback: () => unknown, delayMs: number): TimerHandle {
    if (!(delayMs >= 0 && delayMs <= MAX_TIMER_DELAY_MS)) throw new RangeError(`timer delay ${delayMs} ms is outside 0..2^31-1`);
    const timer = { id: this.nextId++, at: this.clock.now() + delayMs, callback };
    this.timers.push(timer);
    return timer.id;
  }

  clear(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** How many timers are armed (a scheduler should hold at most one). */
  get pending(): number {
    return this.timers.length;
  }

  /** The time the earliest timer fires, or null. */
  get nextAt(): number | null {
    return this.timers.reduce<number | null>((earliest, t) => (earliest === null || t.at < earliest ? t.at : earliest), null);
  }

  /**
   * Moves the clock forward by `ms`, firing every timer that falls due on the way (including ones
   * armed by callbacks) at its own time and in order, awaiting each callback's promise.
   */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (let fired = 0; ; fired++) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      if (fired >= ManualTimers.MAX_CALLBACKS) throw new Error(`timers did not settle after ${fired} callbacks (a timer re-arming itself at the same instant?)`);
      this.clear(due.id);
      if (due.at > this.clock.now()) this.clock.set(due.at);
      await due.callback();
    }
    if (target > this.clock.now()) this.clock.set(target);
  }
}
