/** A scheduler tests drive by hand: deferred calls run only when the test says so. */
import type { Scheduled, Scheduler } from "./scheduler";

/** Collects deferred calls; `runAll()` runs those pending (and any they schedule). */
export class ManualScheduler implements Scheduler {
  private queue: { fn: () => void; cancelled: boolean }[] = [];

  later(fn: () => void): Scheduled {
    const item = { fn, cancelled: false };
    this.queue.push(item);
    return { cancel: () => void (item.cancelled = true) };
  }

  /** Number of pending (not cancelled) calls. */
  get pending(): number {
    return this.queue.filter((i) => !i.cancelled).length;
  }

  runAll(): void {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      for (const item of batch) if (!item.cancelled) item.fn();
    }
  }
}
