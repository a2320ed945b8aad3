/**
 * The three moves that change who holds a conversation: give it to an operator, put it in its
 * queue, and take it from its operator. Every path (routing, manual, transfer, re-escalation,
 * timeouts) goes through these, so capacity counts, queue events and wait samples cannot drift.
 */
import { SYSTEM, type Actor, type AssignMode } from "../conversation/conversation.events";
import { rememberOperator, transition, type Conversation } from "../conversation/conversation.model";
import type { EngineContext } from "../conversation/engine.context";
import type { OperatorRuntime } from "../operator/operator.model";
import { entryOf } from "../queue/queue.model";

/** How an assignment came about, recorded in its event. */
export interface AssignOptions {
  readonly mode: AssignMode;
  readonly by: Actor;
  readonly reason: string;
  /** Above the operator's capacity by a manager's decision. */
  readonly capacityOverride?: boolean;
}

/** Removes a waiting conversation from its queue and announces the change. */
export function leaveQueue(ctx: EngineContext, c: Conversation): void {
  const removal = ctx.queue.remove(c.id);
  c.enqueuedAt = null;
  if (!removal) return;
  ctx.emit({ kind: "queue.changed", queueKey: removal.queueKey, change: "removed", conversationId: c.id, fromPosition: removal.position, length: ctx.queue.length(removal.queueKey) });
}

/**
 * Makes `op` the conversation's operator (from pending, waiting or ended; an active conversation
 * must be released first). The time it spent queued becomes a wait sample for estimates.
 */
export function assignTo(ctx: EngineContext, c: Conversation, op: OperatorRuntime, options: AssignOptions): void {
  const now = ctx.now();
  if (c.state !== "active") ctx.estimator.recordWait(now - (c.enqueuedAt ?? now));
  if (c.state === "waiting") leaveQueue(ctx, c);
  transition(c, "active");
  c.operatorId = op.id;
  c.assignedAt = now;
  c.enqueuedAt = null;
  c.capacityOverride = options.capacityOverride ?? false;
  ctx.roster.hold(op, c.id, now);
  ctx.touchOperator(op);
  ctx.append(c, "conversation.assigned", options.by, {
    operatorId: op.id,
    operatorName: op.profile.name,
    mode: options.mode,
    by: { kind: options.by.kind, id: options.by.id },
    capacityOverride: c.capacityOverride,
    reason: options.reason,
  });
}

/** Puts a conversation in its queue (new, re-escalated, or sent back by a transfer) and announces its position. */
export function enqueue(ctx: EngineContext, c: Conversation, reason: "new" | "transfer" | "reescalation" | "requeue"): number {
  transition(c, "waiting");
  c.enqueuedAt = ctx.now();
  const entry = entryOf(c);
  const position = ctx.queue.add(entry);
  ctx.append(c, "conversation.queued", SYSTEM, { queueKey: entry.queueKey, position, reason });
  ctx.emit({ kind: "queue.changed", queueKey: entry.queueKey, change: "added", conversationId: c.id, fromPosition: position, length: ctx.queue.length(entry.queueKey) });
  return position;
}

/**
 * The current operator stops holding the conversation (end, transfer, requeue): capacity is freed
 * (and the queues drained before the commit), the handling time becomes a sample, and the operator
 * joins the previous operators (re-escalation goes back to the most recent one).
 */
export function release(ctx: EngineContext, c: Conversation): OperatorRuntime | null {
  const op = c.state === "active" && c.operatorId ? ctx.roster.get(c.operatorId) : undefined;
  if (!op) return null;
  const now = ctx.now();
  ctx.roster.release(op, c.id, now);
  ctx.touchOperator(op);
  if (c.assignedAt !== null) ctx.estimator.recordHandling(now - c.assignedAt);
  rememberOperator(c, op.id);
  c.capacityOverride = false;
  ctx.requestDrain();
  return op;
}
