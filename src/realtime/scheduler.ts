/**
 * Deferred work for coalescing (queue positions, presence): "run this once, a little later". Injected
 * so tests decide when deferred work runs instead of sleeping.
 */

/** A pending deferred call. */
export interface Scheduled {
  cancel(): void;
}

/** Runs a function after a delay. */
export interface Scheduler {
  later(fn: () => void, ms: number): Scheduled;
}

/** The production scheduler: `setTimeout`. */
export const timerScheduler: Scheduler = {
  later(fn, ms) {
    const timer = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/**
 * Coalesces bursts: `request()` schedules one run of `fn` after `windowMs`; further requests before
 * it runs join that run. So a thousand queue changes in a burst cost one recomputation.
 */
export class Coalescer {
  private pending: Scheduled | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly windowMs: number,
    private readonly fn: () => void,
  ) {}

  /** Ask for a run; no-op if one is already pending. */
  request(): void {
    if (this.pending) return;
    this.pending = this.scheduler.later(() => {
      this.pending = null;
      this.fn();
    }, this.windowMs);
  }

  /** Run now if a run is pending (shutdown, tests). */
  flush(): void {
    if (!this.pending) return;
    this.pending.cancel();
    this.pending = null;
    this.fn();
  }

  /** Drop a pending run. */
  cancel(): void {
    this.pending?.cancel();
    this.pending = null;
  }
}
