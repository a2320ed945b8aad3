/**
 * Tells waiting visitors their queue position and estimated wait, and operators the queue sizes,
 * without costing n pushes per change: the engine emits one `queue.changed` per change (with the
 * first position affected), changes are coalesced over a short window, and on flush each affected
 * queue is walked once; a visitor gets a frame only if what they would see actually changed.
 */
import type { EngineEvent } from "../core/conversation/conversation.events";
import type { EventFrameT } from "../transport/ws/protocol";
import { HubMessage, type Hub } from "./hub";
import type { RealtimeQueries } from "./realtime.ports";
import { Coalescer, type Scheduler } from "./scheduler";
import { Topics } from "./topics";

type QueueChanged = Extract<EngineEvent, { kind: "queue.changed" }>;

/** A wait estimate change smaller than this (and than 10 %) is not worth a push. */
const ESTIMATE_STEP_MS = 15_000;

/** Default coalescing window. */
export const QUEUE_PUSH_WINDOW_MS = 100;

/** Coalesced queue-position pushes. */
export class QueueNotifier {
  private readonly dirty = new Map<string, number>();
  private readonly pushed = new Map<string, { position: number; estimatedWaitMs: number | null }>();
  private readonly coalescer: Coalescer;

  constructor(
    private readonly hub: Hub,
    private readonly queries: RealtimeQueries,
    scheduler: Scheduler,
    /** Receives the queue lengths after each flush (operator sockets turn them into their `queue {count}`). */
    private readonly onLengths: (lengths: Readonly<Record<string, number>>) => void,
    windowMs = QUEUE_PUSH_WINDOW_MS,
  ) {
    this.coalescer = new Coalescer(scheduler, windowMs, () => this.flush());
  }

  /** Record one engine queue change; the push happens at the end of the window. */
  onQueueChanged(event: QueueChanged): void {
    if (event.change === "removed" && event.conversationId) this.pushed.delete(event.conversationId);
    const from = this.dirty.get(event.queueKey);
    this.dirty.set(event.queueKey, Math.max(1, Math.min(from ?? Number.POSITIVE_INFINITY, event.fromPosition)));
    this.coalescer.request();
  }

  /** What a visitor was last told (snapshots read the live value, this avoids re-pushing it). */
  remember(conversationId: string, position: number, estimatedWaitMs: number | null): void {
    this.pushed.set(conversationId, { position, estimatedWaitMs });
  }

  /** Push now what is pending. */
  flush(): void {
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const [queueKey, fromPosition] of dirty) {
      for (const s of this.queries.queueStandings(queueKey, fromPosition)) {
        const last = this.pushed.get(s.conversationId);
        if (last && last.position === s.position && !estimateMoved(last.estimatedWaitMs, s.estimatedWaitMs)) continue;
        this.pushed.set(s.conversationId, { position: s.position, estimatedWaitMs: s.estimatedWaitMs });
        const frame: EventFrameT = {
          type: "event",
          conversationId: s.conversationId,
          event: { type: "queue.position", position: s.position, estimatedWaitMs: s.estimatedWaitMs === null ? null : Math.round(s.estimatedWaitMs) },
        };
        this.hub.publish(Topics.conversation(s.conversationId), new HubMessage({ visitor: frame, staff: frame }, s.conversationId));
      }
    }
    this.onLengths(this.queries.queueLengths());
  }

  /** Stop pending work (shutdown). */
  stop(): void {
    this.coalescer.cancel();
  }
}

function estimateMoved(before: number | null, after: number | null): boolean {
  if (before === null || after === null) return before !== after;
  const delta = Math.abs(after - before);
  return delta >= ESTIMATE_STEP_MS || delta >= 0.1 * Math.max(before, after);
}
