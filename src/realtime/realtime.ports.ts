/**
 * What the realtime layer reads from the conversation engine, as a narrow port: the hub's
 * publishers ask for views lazily (only when something is to be pushed) instead of the engine
 * computing them on every change. The composition root adapts the engine to this interface.
 */
import type { OperatorView } from "../core/conversation/conversation.events";
import type { QueueStanding } from "../core/queue/queue.queries";
import type { StaffConversationViewT } from "../transport/ws/protocol";

/** Read-only queries the publishers need. */
export interface RealtimeQueries {
  /** The staff view of a conversation (open or ended), or null when it does not exist. */
  staffView(conversationId: string): StaffConversationViewT | null;
  /** Waiting visitors of a queue from `fromPosition` on, in order. */
  queueStandings(queueKey: string, fromPosition: number): readonly QueueStanding[];
  /** Waiting conversations per queue key. */
  queueLengths(): Readonly<Record<string, number>>;
  /** Every configured operator's live state. */
  operators(): readonly OperatorView[];
}
