/**
 * Estimated wait for a queued visitor, from recent history (`queue.estimateSampleSize`):
 *
 *   estimate(position) = position × averageHandlingMs ÷ servingSlots
 *
 * where averageHandlingMs is the mean assignment→end time of the latest N conversations and
 * servingSlots the total capacity of the operators who can serve that queue and accept new
 * conversations now (each slot frees on average once per handling time, so the queue advances
 * servingSlots/averageHandlingMs places per ms). Without handling samples yet, the mean of the
 * latest N actual queue waits is used; with no history at all the estimate is unknown (null).
 */

/** A fixed-size window of the latest samples with an O(1) running mean. */
class RollingWindow {
  private samples: number[] = [];
  private next = 0;
  private sum = 0;

  constructor(private capacity: number) {}

  add(value: number): void {
    if (this.samples.length < this.capacity) {
      this.samples.push(value);
    } else {
      this.sum -= this.samples[this.next]!;
      this.samples[this.next] = value;
      this.next = (this.next + 1) % this.capacity;
    }
    this.sum += value;
  }

  /** Shrinks or grows the window, keeping the most recent samples. */
  resize(capacity: number): void {
    const ordered = [...this.samples.slice(this.next), ...this.samples.slice(0, this.next)].slice(-capacity);
    this.capacity = capacity;
    this.samples = ordered;
    this.next = 0;
    this.sum = ordered.reduce((a, b) => a + b, 0);
  }

  mean(): number | null {
    return this.samples.length === 0 ? null : this.sum / this.samples.length;
  }
}

/** Rolling handling and wait times, and the estimate formula above. */
export class WaitEstimator {
  private readonly handlings: RollingWindow;
  private readonly waits: RollingWindow;

  constructor(sampleSize: number) {
    this.handlings = new RollingWindow(sampleSize);
    this.waits = new RollingWindow(sampleSize);
  }

  /** A conversation was handled for `ms` (assignment → end or transfer away). */
  recordHandling(ms: number): void {
    this.handlings.add(Math.max(0, ms));
  }

  /** A conversation waited `ms` between its request and its assignment. */
  recordWait(ms: number): void {
    this.waits.add(Math.max(0, ms));
  }

  /** Applies a new `queue.estimateSampleSize`. */
  resize(sampleSize: number): void {
    this.handlings.resize(sampleSize);
    this.waits.resize(sampleSize);
  }

  averageHandlingMs(): number | null {
    return this.handlings.mean();
  }

  averageWaitMs(): number | null {
    return this.waits.mean();
  }

  /** Estimated ms until the visitor at `position` is served by `servingSlots` slots; null when unknown. */
  estimate(position: number, servingSlots: number): number | null {
    const handling = this.handlings.mean();
    if (handling !== null && servingSlots > 0) return Math.round((position * handling) / servingSlots);
    const wait = this.waits.mean();
    return wait === null ? null : Math.round(wait);
  }
}
