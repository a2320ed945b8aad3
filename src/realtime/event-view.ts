/**
 * Turns the engine's stored conversation events into the events each audience receives. This is
 * where "visitors never see staff-only things" is enforced for live delivery and for replay alike:
 * staff-only event types map to null for visitors, and staff-only fields are left out of the
 * visitor's copy.
 */
import type { ActorRef, AnyStoredEvent } from "../core/conversation/conversation.events";
import type { Audience } from "./hub";
import type { ConversationEvent, EventFrameT } from "../transport/ws/protocol";

/** Resolves operator ids to what clients show (name, avatar); unknown ids fall back to the id. */
export interface OperatorDirectory {
  operator(id: string): { id: string; name: string; avatarUrl?: string } | null;
}

/** The operator reference shown for an id. */
export function operatorRef(directory: OperatorDirectory, id: string): { id: string; name: string; avatarUrl?: string } {
  return directory.operator(id) ?? { id, name: id };
}

function sender(directory: OperatorDirectory, actor: ActorRef): { kind: ActorRef["kind"]; id: string | null; name?: string } {
  if (actor.kind === "operator" && actor.id) return { kind: "operator", id: actor.id, name: operatorRef(directory, actor.id).name };
  return { kind: actor.kind, id: actor.id };
}

/**
 * The event an audience receives for a stored event, or null when that audience must not see it.
 * Staff get every event with full detail.
 */
export function conversationEventFor(e: AnyStoredEvent, audience: Audience, directory: OperatorDirectory): ConversationEvent | null {
  const staff = audience === "staff";
  if (!staff && e.visibility === "staff") return null;
  const at = e.createdAt;
  switch (e.type) {
    case "conversation.created":
      return staff
        ? { type: e.type, at, department: e.payload.department, priority: e.payload.priority, pageUrl: e.payload.pageUrl }
        : { type: e.type, at, department: e.payload.department };
    case "conversation.queued":
      return staff ? { type: e.type, at, position: e.payload.position, reason: e.payload.reason } : { type: e.type, at, position: e.payload.position };
    case "conversation.assigned": {
      const operator = operatorRef(directory, e.payload.operatorId);
      return staff ? { type: e.type, at, operator, mode: e.payload.mode, reason: e.payload.reason } : { type: e.type, at, operator };
    }
    case "conversation.requeued":
      return staff ? { type: e.type, at, reason: e.payload.reason } : { type: e.type, at };
    case "conversation.ended":
      return { type: e.type, at, reason: e.payload.reason };
    case "conversation.reescalated":
      return staff ? { type: e.type, at, previousOperatorId: e.payload.previousOperatorId } : { type: e.type, at };
    case "message": {
      const message = { type: "message" as const, at, sender: sender(directory, e.actor), text: e.body ?? "", file: e.payload.file, clientId: e.clientId };
      const source = e.payload.source;
      if (!source) return message;
      if (staff) return { ...message, source: { kind: source.kind, title: source.title, url: source.url, asOperator: source.asOperator } };
      return source.asOperator ? message : { ...message, source: { kind: source.kind, title: source.title, url: source.url } };
    }
    case "notice":
      return { type: "notice", at, kind: e.payload.kind, text: e.body ?? "", offlineForm: e.payload.offlineForm };
    case "questionnaire.offered":
      return e.actor.kind === "operator" && e.actor.id
        ? { type: e.type, at, questionnaireId: e.payload.questionnaireId, operator: operatorRef(directory, e.actor.id) }
        : { type: e.type, at, questionnaireId: e.payload.questionnaireId };
    case "questionnaire.answered":
      return staff ? { type: e.type, at, questionnaireId: e.payload.questionnaireId, summary: e.payload.summary, score: e.payload.score } : { type: e.type, at, questionnaireId: e.payload.questionnaireId };
    case "file.requested":
      return { type: e.type, at, operator: operatorRef(directory, e.actor.id ?? "system"), message: e.body };
    case "note":
      if (!staff) return null;
      return { type: "note", at, author: operatorRef(directory, e.actor.id ?? "system"), text: e.body ?? "", clientId: e.clientId };
    case "conversation.transferred": {
      if (!staff) return null;
      const p = e.payload;
      return {
        type: e.type,
        at,
        transferId: p.transferId,
        from: p.fromOperatorId ? operatorRef(directory, p.fromOperatorId) : null,
        to: p.toOperatorId ? operatorRef(directory, p.toOperatorId) : null,
        toDepartment: p.toDepartment,
        message: p.message,
        automatic: p.automatic,
        reason: p.reason,
      };
    }
    case "conversation.updated":
      if (!staff) return null;
      return {
        type: e.type,
        at,
        ...(e.payload.priority !== undefined ? { priority: e.payload.priority } : {}),
        ...(e.payload.tags !== undefined ? { tags: [...e.payload.tags] } : {}),
        ...(e.payload.important !== undefined ? { important: e.payload.important } : {}),
      };
    case "transfer.requested":
      if (!staff) return null;
      return {
        type: e.type,
        at,
        transferId: e.payload.transferId,
        from: operatorRef(directory, e.payload.fromOperatorId),
        to: operatorRef(directory, e.payload.toOperatorId),
        message: e.payload.message,
        expiresAt: e.payload.expiresAt,
      };
    case "transfer.declined":
    case "transfer.expired":
      if (!staff) return null;
      return { type: e.type, at, transferId: e.payload.transferId, to: operatorRef(directory, e.payload.toOperatorId) };
    case "transfer.cancelled":
      if (!staff) return null;
      return { type: e.type, at, transferId: e.payload.transferId, to: operatorRef(directory, e.payload.toOperatorId), reason: e.payload.reason };
    case "operator.reminder":
      return staff ? { type: e.type, at, endsAt: e.payload.endsAt, outcome: e.payload.outcome ?? "end" } : null;
  }
}

/** The `event` frame for a stored event and audience, or null when hidden from that audience. */
export function eventFrameFor(e: AnyStoredEvent, audience: Audience, directory: OperatorDirectory): EventFrameT | null {
  const event = conversationEventFor(e, audience, directory);
  return event ? { type: "event", conversationId: e.conversationId, seq: e.seq, event } : null;
}
