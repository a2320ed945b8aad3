/**
 * Operator presence for the consoles: every operator learns their own status at once (another tab,
 * or the engine, may change it), and those allowed to list online operators get the full list,
 * coalesced so a burst of changes (a shift starting) is one frame.
 */
import type { OperatorView } from "../core/conversation/conversation.events";
import type { PresenceFrameT } from "../transport/ws/protocol";
import { HubMessage, type Hub } from "./hub";
import type { RealtimeQueries } from "./realtime.ports";
import { Coalescer, type Scheduler } from "./scheduler";
import { Topics } from "./topics";

/** Default coalescing window for the full list. */
export const PRESENCE_WINDOW_MS = 250;

/** One operator's entry in a presence frame. */
export function presenceEntry(op: OperatorView): PresenceFrameT["operators"][number] {
  return { id: op.id, name: op.name, status: op.status, presence: op.presence, activeConversations: op.activeConversations, capacity: op.capacity, ...(op.maxCapacity === undefined ? {} : { maxCapacity: op.maxCapacity }) };
}

/** Publishes presence frames. */
export class PresenceBroadcaster {
  private readonly coalescer: Coalescer;

  constructor(
    private readonly hub: Hub,
    private readonly queries: RealtimeQueries,
    scheduler: Scheduler,
    windowMs = PRESENCE_WINDOW_MS,
  ) {
    this.coalescer = new Coalescer(scheduler, windowMs, () => this.flush());
  }

  /** An operator's state changed: tell them now, everyone who lists operators soon. */
  onOperatorChanged(op: OperatorView): void {
    const frame: PresenceFrameT = { type: "presence", full: false, operators: [presenceEntry(op)] };
    this.hub.publish(Topics.operator(op.id), new HubMessage({ visitor: null, staff: frame }));
    this.coalescer.request();
  }

  /** The full list, for snapshots and the coalesced broadcast. */
  fullFrame(): PresenceFrameT {
    return { type: "presence", full: true, operators: this.queries.operators().map(presenceEntry) };
  }

  /** Broadcast the full list now. */
  flush(): void {
    if (this.hub.subscriberCount(Topics.presence) === 0) return;
    this.hub.publish(Topics.presence, new HubMessage({ visitor: null, staff: this.fullFrame() }));
  }

  /** Stop pending work (shutdown). */
  stop(): void {
    this.coalescer.cancel();
  }
}
