/**
 * Operator presence and status commands. A dropped socket starts a grace period
 * (`timeouts.presenceGraceSeconds`) during which the operator keeps their conversations but gets no
 * new ones; reconnecting within it is invisible to visitors. A status that accepts new conversations
 * drains the queues; a status with a visitor notice ("searching for information") tells the
 * operator's visitors, and the still-busy follow-up is a deadline of the timeout policy.
 */
import { isManager } from "../conversation/actor.policy";
import type { Actor } from "../conversation/conversation.events";
import type { EngineContext } from "../conversation/engine.context";
import { notify } from "../conversation/message.service";
import { AppError } from "../errors";
import { operatorView, type OperatorRuntime } from "./operator.model";
import type { OperatorView } from "../conversation/conversation.events";

/** Deadline kind of a presence grace period. */
export const PRESENCE_GRACE = "presence-grace";
const graceKey = (operatorId: string) => `operator:${operatorId}:presence-grace`;

/** Recomputes the deadlines of every conversation the operator holds (their status or presence changed). */
function touchHeld(ctx: EngineContext, op: OperatorRuntime): void {
  for (const id of op.active) {
    const c = ctx.conversations.get(id);
    if (c) ctx.touch(c);
  }
}

/** An operator's socket opened (login, reconnect). Ends a grace period; an offline operator comes back as connected. */
export function operatorConnected(ctx: EngineContext, operatorId: string): OperatorView {
  const op = ctx.roster.require(operatorId);
  if (op.presence === "grace") ctx.scheduler.cancel(graceKey(op.id));
  const hadDropped = op.disconnectedAt !== null;
  ctx.roster.connect(op, ctx.now());
  ctx.touchOperator(op);
  if (hadDropped) touchHeld(ctx, op);
  ctx.requestDrain();
  return operatorView(op);
}

/** An operator's socket closed. The last one starts the grace period (or goes offline at once when it is 0). */
export function operatorDisconnected(ctx: EngineContext, operatorId: string): OperatorView {
  const op = ctx.roster.require(operatorId);
  const now = ctx.now();
  if (!ctx.roster.disconnect(op, now)) return operatorView(op);
  ctx.touchOperator(op);
  touchHeld(ctx, op);
  const graceMs = ctx.config.timeouts.presenceGraceSeconds * 1000;
  if (graceMs <= 0) ctx.roster.goOffline(op, now);
  else ctx.scheduler.set(graceKey(op.id), PRESENCE_GRACE, now + graceMs, { operatorId: op.id });
  return operatorView(op);
}

/** Starts the grace period of an operator who was present before a restart (they must reconnect). */
export function armRestoredGrace(ctx: EngineContext, op: OperatorRuntime): void {
  if (op.presence !== "grace" || op.disconnectedAt === null) return;
  ctx.scheduler.set(graceKey(op.id), PRESENCE_GRACE, op.disconnectedAt + ctx.config.timeouts.presenceGraceSeconds * 1000, { operatorId: op.id });
}

/** The grace period ran out: the operator is offline (their conversations stay theirs unless a timeout moves them). */
export function presenceGraceExpired(ctx: EngineContext, operatorId: string): void {
  const op = ctx.roster.get(operatorId);
  if (!op || op.presence !== "grace" || op.disconnectedAt === null) return;
  const now = ctx.now();
  if (op.disconnectedAt + ctx.config.timeouts.presenceGraceSeconds * 1000 > now) return;
  ctx.roster.goOffline(op, now);
  ctx.touchOperator(op);
  touchHeld(ctx, op);
}

/** Only the operator themselves or a manager may change an operator's own settings. */
function requireSelfOrManager(operatorId: string, by: Actor | undefined, what: string): void {
  if (by && by.kind !== "system" && !(by.kind === "operator" && (by.id === operatorId || isManager(by)))) {
    throw new AppError("auth.forbidden", `only the operator or a manager may change ${what}`);
  }
}

/**
 * Sets how many conversations at once the operator takes (from 1 up to their configured ceiling),
 * stored as their preference. Lowering it below their current load takes nothing away: they just
 * get no new conversation until below it. Raising it may assign waiting visitors at once.
 */
export function setOperatorCapacity(ctx: EngineContext, operatorId: string, max: number, by?: Actor): OperatorView {
  requireSelfOrManager(operatorId, by, "this capacity");
  const op = ctx.roster.require(operatorId);
  if (!Number.isInteger(max) || max < 1 || max > op.ceiling) {
    throw new AppError("request.invalid", `the maximum number of conversations must be between 1 and ${op.ceiling}`, { minimum: 1, maximum: op.ceiling });
  }
  // At the ceiling means "no limit of my own": a later higher ceiling then applies to them too.
  const ownLimit = max >= op.ceiling ? null : max;
  const now = ctx.now();
  if (!ctx.roster.setOwnLimit(op, ownLimit, now)) return operatorView(op);
  ctx.stores.preferences?.save({ operatorId: op.id, maxConversations: ownLimit, updatedAt: now });
  ctx.markWritten();
  ctx.touchOperator(op);
  ctx.requestDrain();
  return operatorView(op);
}

/** Sets an operator's status (by themselves or a manager). Unknown statuses are refused with the known ones. */
export function setOperatorStatus(ctx: EngineContext, operatorId: string, statusId: string, by?: Actor): OperatorView {
  requireSelfOrManager(operatorId, by, "this status");
  const op = ctx.roster.require(operatorId);
  const status = ctx.roster.requireStatus(statusId);
  if (!ctx.roster.setStatus(op, status, ctx.now())) return operatorView(op);
  ctx.touchOperator(op);
  if (status.visitorNotice) {
    for (const id of op.active) {
      const c = ctx.conversations.get(id);
      if (c) notify(ctx, c, "status", status.visitorNotice);
    }
  }
  touchHeld(ctx, op);
  if (status.acceptsNewConversations) ctx.requestDrain();
  return operatorView(op);
}
