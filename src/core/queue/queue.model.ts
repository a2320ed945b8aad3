/**
 * Queue order and queue identity. Conversations wait in one queue per routing target (a department,
 * the operator list of a URL rule, or the general queue), ordered by priority, then SLA deadline,
 * then arrival. Position and estimates are per queue: that is what the waiting visitor is in.
 */
import { PRIORITY_RANK, type Conversation } from "../conversation/conversation.model";

/** The waiting queue used when a conversation has neither a department nor an operator list. */
export const GENERAL_QUEUE = "general";

/** What the queue sorts on, frozen when the conversation enters it. */
export interface QueueEntry {
  readonly conversationId: string;
  readonly queueKey: string;
  readonly priorityRank: number;
  /** null sorts after every deadline (no SLA for that priority). */
  readonly slaDueAt: number | null;
  readonly requestedAt: number;
}

/**
 * Queue order: higher priority first; then the earlier SLA deadline (a conversation without one
 * comes after those with one); then earlier arrival; the id breaks exact ties so order is total.
 */
export function compareEntries(a: QueueEntry, b: QueueEntry): number {
  if (a.priorityRank !== b.priorityRank) return b.priorityRank - a.priorityRank;
  if (a.slaDueAt !== b.slaDueAt) {
    if (a.slaDueAt === null) return 1;
    if (b.slaDueAt === null) return -1;
    return a.slaDueAt - b.slaDueAt;
  }
  if (a.requestedAt !== b.requestedAt) return a.requestedAt - b.requestedAt;
  return a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0;
}

/** The queue a conversation waits in, derived from its routing target. */
export function queueKeyOf(c: Pick<Conversation, "department" | "targetOperatorIds">): string {
  if (c.targetOperatorIds) return `operators:${[...c.targetOperatorIds].sort().join(",")}`;
  if (c.department) return `department:${c.department}`;
  return GENERAL_QUEUE;
}

/** The queue entry for a conversation as it is now. */
export function entryOf(c: Conversation): QueueEntry {
  return {
    conversationId: c.id,
    queueKey: queueKeyOf(c),
    priorityRank: PRIORITY_RANK[c.priority],
    slaDueAt: c.slaDueAt,
    requestedAt: c.requestedAt,
  };
}
