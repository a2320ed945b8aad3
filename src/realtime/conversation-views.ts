/**
 * Builds the conversation views clients receive (snapshots, summaries) from the engine's queries.
 * One place, so the visitor's snapshot, the staff summary pushed on a change and the REST list all
 * show a conversation the same way.
 */
import { canViewConversation, type ConversationAccess } from "../auth/authorization.policy";
import type { OperatorPrincipal } from "../auth/principal.model";
import { AppError } from "../core/errors";
import type { Engine } from "../core/engine";
import type { Conversation } from "../core/conversation/conversation.model";
import type { StaffConversationViewT, VisitorConversationViewT } from "../transport/ws/protocol";
import { operatorRef, type OperatorDirectory } from "./event-view";

/** The part of the engine the views read. */
export type ViewSource = Pick<Engine, "conversationDetails" | "queuePosition" | "estimatedWaitMs" | "pendingTransfers">;

/** The staff view of a full conversation record. */
export function staffViewOf(c: Readonly<Conversation>, queuePosition: number | null): StaffConversationViewT {
  const v = c.visitor;
  return {
    id: c.id,
    state: c.state,
    priority: c.priority,
    department: c.department,
    operatorId: c.operatorId,
    visitor: {
      id: v.id,
      name: v.name,
      email: v.email,
      fields: { ...v.fields },
      pageUrl: v.pageUrl,
      referrer: v.referrer,
      language: v.language,
      userAgent: v.userAgent,
      timezone: v.timezone,
    },
    tags: [...c.tags],
    important: c.important,
    createdAt: c.createdAt,
    assignedAt: c.assignedAt,
    endedAt: c.endedAt,
    endReason: c.endReason,
    lastMessageAt: c.lastMessageAt,
    slaDueAt: c.slaDueAt,
    lastSeq: c.lastSeq,
    visitorReadSeq: c.visitorReadSeq,
    operatorReadSeq: c.operatorReadSeq,
    queuePosition,
  };
}

/** Staff view by id, or null. */
export function staffView(engine: ViewSource, conversationId: string): StaffConversationViewT | null {
  const c = engine.conversationDetails(conversationId);
  return c ? staffViewOf(c, engine.queuePosition(conversationId)) : null;
}

/** The visitor's view of their conversation, or null. */
export function visitorView(engine: ViewSource, directory: OperatorDirectory, conversationId: string): VisitorConversationViewT | null {
  const c = engine.conversationDetails(conversationId);
  if (!c) return null;
  const position = c.state === "waiting" ? engine.queuePosition(c.id) : null;
  const estimate = position === null ? null : engine.estimatedWaitMs(c.id);
  return {
    id: c.id,
    state: c.state,
    department: c.department,
    operator: c.state === "active" && c.operatorId ? operatorRef(directory, c.operatorId) : null,
    createdAt: c.createdAt,
    endReason: c.endReason,
    lastSeq: c.lastSeq,
    operatorReadSeq: c.operatorReadSeq,
    queue: position === null ? null : { position, estimatedWaitMs: estimate === null ? null : Math.round(estimate) },
  };
}

/** The facts the authorization policy decides on, with the pending transfer (if any) of the conversation. */
export function accessOf(c: Readonly<Conversation>, pendingTransferTo?: string | null): ConversationAccess & { readonly id: string; readonly previousOperatorIds: readonly string[] } {
  return {
    id: c.id,
    visitorId: c.visitor.id,
    state: c.state,
    operatorId: c.operatorId,
    departmentId: c.department,
    previousOperatorIds: c.previousOperatorIds,
    pendingTransfer: pendingTransferTo ? { toOperatorId: pendingTransferTo } : null,
  };
}

/**
 * The conversation if this staff member may see it (assigned, waiting in their departments, offered
 * to them, or any for supervisors); otherwise `conversation.not_found`, so the answer never confirms
 * that a conversation exists.
 */
export function visibleToStaff(engine: ViewSource, principal: OperatorPrincipal, conversationId: string): Readonly<Conversation> {
  const c = engine.conversationDetails(conversationId);
  const offered = c !== null && engine.pendingTransfers(principal.id).some((t) => t.conversationId === conversationId);
  if (!c || !canViewConversation(principal, accessOf(c, offered ? principal.id : null))) {
    throw new AppError("conversation.not_found", `no conversation ${conversationId} you may see`);
  }
  return c;
}
