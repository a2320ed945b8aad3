/**
 * Commands on a conversation's lifecycle and metadata: ending it, manual assignment and "assign to
 * me" (same checks as routing; only a manager may exceed capacity, recorded in the event), and
 * priority, tags and the important flag.
 */
import type { Priority } from "../../plugins/api";
import { AppError } from "../errors";
import { assignTo, leaveQueue, release } from "../routing/assignment";
import { requireEligible } from "../routing/eligibility";
import { entryOf } from "../queue/queue.model";
import { cancelTransfersFor } from "../transfer/transfer-request.service";
import { isManager, requireParticipant, requireStaff } from "./actor.policy";
import { viewOf, type Actor, type ConversationView } from "./conversation.events";
import { PRIORITIES, requireState, transition, type Conversation, type EndReason } from "./conversation.model";
import type { EngineContext } from "./engine.context";
import { slaDueAt } from "./start.service";

/** The reason recorded when an actor ends a conversation without giving one. */
function defaultEndReason(c: Conversation, by: Actor): EndReason {
  if (by.kind === "visitor") return "visitor";
  if (by.kind === "system") return "inactivity";
  return by.id === c.operatorId && c.state === "active" ? "operator" : "manager";
}

/** Ends an open conversation (no authorization: the caller decided). Frees its queue place or operator. */
export function closeConversation(ctx: EngineContext, c: Conversation, by: Actor, reason: EndReason): void {
  if (c.state === "waiting") leaveQueue(ctx, c);
  release(ctx, c);
  cancelTransfersFor(ctx, c, "conversation ended", null);
  transition(c, "ended");
  c.endedAt = ctx.now();
  c.endReason = reason;
  c.capacityOverride = false;
  ctx.append(c, "conversation.ended", by, { reason });
  ctx.conversations.delete(c.id);
}

/** Ends a conversation on behalf of its visitor, its operator, a manager or the engine. */
export function endConversation(ctx: EngineContext, conversationId: string, by: Actor, reason?: EndReason): ConversationView {
  const c = ctx.loadOpen(conversationId);
  requireParticipant(c, by);
  closeConversation(ctx, c, by, reason ?? defaultEndReason(c, by));
  return viewOf(c);
}

/** Options of a manual assignment. */
export interface AssignOptions {
  /** Managers only: assign even if the operator is at capacity (recorded in the event). */
  readonly overrideCapacity?: boolean;
}

/**
 * Assigns a waiting conversation to an operator by hand. An operator may only take it themselves
 * ("assign to me") and only within their departments; a manager may assign anyone, anywhere.
 */
export function assignConversation(ctx: EngineContext, conversationId: string, operatorId: string, by: Actor, options: AssignOptions = {}): ConversationView {
  const staff = requireStaff(by);
  const manager = isManager(by);
  const self = staff.id === operatorId;
  if (!self && !manager) throw new AppError("auth.forbidden", "only a manager may assign a conversation to someone else");
  if (options.overrideCapacity && !manager) throw new AppError("auth.forbidden", "only a manager may override capacity");
  const c = ctx.loadOpen(conversationId);
  if (c.state === "active") throw new AppError("conversation.invalid_state", `conversation ${c.id} is already assigned; transfer it instead`, { state: c.state });
  requireState(c, "pending", "waiting");
  const op = ctx.roster.require(operatorId);
  const { capacityOverride } = requireEligible(ctx, op, c, { allowCapacityOverride: options.overrideCapacity === true, checkTarget: !manager });
  assignTo(ctx, c, op, {
    mode: self ? "self" : "manual",
    by,
    reason: capacityOverride ? "assigned by a manager above capacity" : self ? "taken by the operator" : "assigned by a manager",
    capacityOverride,
  });
  return viewOf(c);
}

/** Changes the priority; a waiting conversation moves in its queue (SLA recomputed from its request). */
export function setPriority(ctx: EngineContext, conversationId: string, priority: Priority, by: Actor): ConversationView {
  requireStaff(by);
  if (!PRIORITIES.includes(priority)) throw new AppError("request.invalid", `unknown priority "${priority}"`);
  const c = ctx.load(conversationId);
  if (c.priority === priority) return viewOf(c);
  c.priority = priority;
  c.slaDueAt = slaDueAt(ctx, priority, c.requestedAt);
  const removal = ctx.queue.remove(c.id);
  if (removal) {
    const position = ctx.queue.add(entryOf(c));
    const key = removal.queueKey;
    ctx.emit({ kind: "queue.changed", queueKey: key, change: "moved", conversationId: c.id, fromPosition: Math.min(position, removal.position), length: ctx.queue.length(key) });
  }
  ctx.append(c, "conversation.updated", by, { priority });
  return viewOf(c);
}

/** Replaces the tags (trimmed, without repeats or empties). */
export function setTags(ctx: EngineContext, conversationId: string, tags: readonly string[], by: Actor): ConversationView {
  requireStaff(by);
  const c = ctx.load(conversationId);
  const clean = [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
  if (clean.length === c.tags.length && clean.every((t, i) => t === c.tags[i])) return viewOf(c);
  c.tags = clean;
  ctx.append(c, "conversation.updated", by, { tags: clean });
  return viewOf(c);
}

/** Marks or unmarks the conversation as important (for follow-up and archiving). */
export function setImportant(ctx: EngineContext, conversationId: string, important: boolean, by: Actor): ConversationView {
  requireStaff(by);
  const c = ctx.load(conversationId);
  if (c.important === important) return viewOf(c);
  c.important = important;
  ctx.append(c, "conversation.updated", by, { important });
  return viewOf(c);
}
