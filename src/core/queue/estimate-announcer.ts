/**
 * Pushes estimate changes. A queue's estimates move without anyone joining or leaving it: a
 * conversation ends elsewhere (the average handling time changes), an operator changes status or
 * disconnects (the serving slots change). Since every estimate of a queue is a multiple of the
 * head's (`position × handling ÷ slots`), comparing the head's estimate tells whether any changed;
 * then one `queue.changed {change: "estimate", fromPosition: 1}` is emitted for that queue.
 */
import type { EngineContext } from "../conversation/engine.context";

/** Remembers each queue's last announced head estimate. */
export class EstimateAnnouncer {
  private readonly announced = new Map<string, number | null>();

  /** Emits one `estimate` change per queue whose estimates moved since the last call. */
  announce(ctx: EngineContext): void {
    for (const key of this.announced.keys()) if (ctx.queue.length(key) === 0) this.announced.delete(key);
    for (const key of ctx.queue.keys()) {
      const head = ctx.queue.head(key)!;
      const c = ctx.conversations.get(head.conversationId);
      if (!c) continue;
      const estimate = ctx.estimator.estimate(1, ctx.staffing.get(key, c).servingSlots);
      if (this.announced.has(key) && this.announced.get(key) === estimate) continue;
      const first = !this.announced.has(key);
      this.announced.set(key, estimate);
      // A queue seen for the first time was just announced by its `added` change.
      if (!first) ctx.emit({ kind: "queue.changed", queueKey: key, change: "estimate", conversationId: null, fromPosition: 1, length: ctx.queue.length(key) });
    }
  }
}
