/**
 * Who may act on a conversation, as domain rules (the transport authenticates; these decide):
 * the visitor acts on their own conversation, the handling operator on theirs, managers and
 * admins on any, and the engine itself (timeouts) on any.
 */
import { AppError } from "../errors";
import type { Actor } from "./conversation.events";
import type { Conversation } from "./conversation.model";

/** Staff actor narrowing. */
export type StaffActor = Extract<Actor, { kind: "operator" }>;

/** Managers and admins supervise every conversation and may override capacity. */
export function isManager(actor: Actor): boolean {
  return actor.kind === "operator" && (actor.role === "manager" || actor.role === "admin");
}

/** `auth.forbidden` unless the actor is staff. */
export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind !== "operator") throw new AppError("auth.forbidden", "only operators may do this");
  return actor;
}

/** `auth.forbidden` unless the actor handles the conversation, supervises it, or is the engine. */
export function requireHandlerOrManager(c: Conversation, actor: Actor): void {
  if (actor.kind === "system" || isManager(actor)) return;
  if (actor.kind === "operator" && c.state === "active" && c.operatorId === actor.id) return;
  throw new AppError("auth.forbidden", `only the operator handling conversation ${c.id} or a manager may do this`);
}

/** `auth.forbidden` unless the actor is this conversation's visitor, its handler, a manager, or the engine. */
export function requireParticipant(c: Conversation, actor: Actor): void {
  if (actor.kind === "visitor") {
    if (actor.id === c.visitor.id) return;
    throw new AppError("auth.forbidden", `conversation ${c.id} belongs to another visitor`);
  }
  requireHandlerOrManager(c, actor);
}
