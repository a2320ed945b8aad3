/**
 * WebSocket frame counts for the Prometheus counters, without prom-client's per-call work (a label
 * hash and a map update) on every frame — three or four per chat message. Frames are summed in a
 * plain field and handed to the counter in one `inc(n)` by `flush`, which the realtime module runs
 * every second (a scrape sees counts at most that old).
 */

/** The part of a prom-client child counter used here. */
export interface CountTarget {
  inc(value?: number): void;
}

/** One batched counter. */
export class FrameCounter {
  private pending = 0;

  constructor(private readonly target: CountTarget) {}

  /** One more frame. */
  inc(): void {
    this.pending++;
  }

  /** Hands what was counted since the last flush to the Prometheus counter. */
  flush(): void {
    if (this.pending === 0) return;
    this.target.inc(this.pending);
    this.pending = 0;
  }
}

/** The batched counters of the realtime layer, flushed together. */
export class FrameCounters {
  private readonly all: FrameCounter[] = [];

  /** A batched counter over `target`, or undefined without metrics. */
  over(target: CountTarget | undefined): FrameCounter | undefined {
    if (!target) return undefined;
    const counter = new FrameCounter(target);
    this.all.push(counter);
    return counter;
  }

  /** Flushes every counter. */
  flush(): void {
    for (const counter of this.all) counter.flush();
  }
}
