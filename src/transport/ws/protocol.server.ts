/**
 * Server → client frames and the conversation events they carry. The server never sends anything
 * that is not described here; the UIs narrow on `type`.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { CommandId, ConversationStatusSchema, EntityId, PrioritySchema, Seq, SenderKindSchema } from "./protocol.shared";

const Ms = T.Integer({ minimum: 0, description: "epoch milliseconds" });
const OperatorRef = T.Object({ id: EntityId, name: T.String(), avatarUrl: T.Optional(T.String()) });
const FileRef = T.Object({ id: EntityId, name: T.String(), size: T.Integer(), mimeType: T.String() });
const ev = <const K extends string, P extends Record<string, any>>(type: K, props: P, description: string) =>
  T.Object({ type: T.Literal(type), ...props }, { description });

// ── conversation events (inside an `event` frame) ──────────────────────────────────────────────
/** A message from the visitor, an operator or the system (welcome, notices, transfer texts). */
export const MessageEvent = ev("message", {
  messageId: EntityId,
  sender: T.Object({ kind: SenderKindSchema, id: T.Optional(EntityId), name: T.Optional(T.String()) }),
  text: T.String(),
  file: T.Optional(FileRef),
  clientId: T.Optional(CommandId),
  at: Ms,
}, "persisted");
/** An internal note; only operators ever receive it. */
export const NoteEvent = ev("note", { noteId: EntityId, author: OperatorRef, text: T.String(), at: Ms }, "persisted, staff only");
/** The conversation moved to another lifecycle state. */
export const StatusEvent = ev("status", { status: ConversationStatusSchema, at: Ms }, "persisted");
/** An operator joined the conversation (accepted, routed, or received it by transfer). */
export const AssignedEvent = ev("assigned", { operator: OperatorRef, at: Ms }, "persisted");
/** The conversation was handed over; `message` is the note from the transferring operator. */
export const TransferredEvent = ev("transferred", {
  from: T.Optional(OperatorRef),
  to: T.Optional(OperatorRef),
  toDepartmentId: T.Optional(EntityId),
  message: T.Optional(T.String()),
  at: Ms,
}, "persisted");
/** The conversation ended. */
export const EndedEvent = ev("ended", { by: SenderKindSchema, reason: T.Optional(T.String()), at: Ms }, "persisted");
/** Someone is typing (on) or stopped (off). Never persisted, carries no seq. */
export const TypingEvent = ev("typing", { sender: SenderKindSchema, name: T.Optional(T.String()), on: T.Boolean() }, "live only");
/** The other side has read everything up to `upToSeq`. */
export const ReadEvent = ev("read", { by: SenderKindSchema, upToSeq: Seq, at: Ms }, "persisted");
/** The visitor's place in the queue changed. Live only, coalesced. */
export const QueuePositionEvent = ev("queue.position", { position: T.Integer({ minimum: 1 }), estimatedWaitMs: T.Union([T.Integer({ minimum: 0 }), T.Null()]) }, "live only");
/** The operator asks the visitor for a file. */
export const FileRequestedEvent = ev("file.requested", { message: T.Optional(T.String()), at: Ms }, "persisted");
/** Staff-visible metadata changed: tags, priority, importance. */
export const UpdatedEvent = ev("updated", {
  tags: T.Optional(T.Array(T.String())),
  priority: T.Optional(PrioritySchema),
  important: T.Optional(T.Boolean()),
  at: Ms,
}, "persisted, staff only");
/** A questionnaire to show (waiting, end of chat, or sent by the operator). */
export const QuestionnaireEvent = ev("questionnaire", {
  questionnaireId: EntityId,
  title: T.Optional(T.String()),
  questions: T.Array(T.Unknown()),
  at: Ms,
}, "persisted");
/** A questionnaire was answered; staff see the score summary. */
export const QuestionnaireAnsweredEvent = ev("questionnaire.answered", {
  questionnaireId: EntityId,
  summary: T.Optional(T.String()),
  at: Ms,
}, "persisted");

/** Any conversation event. */
export const ConversationEventSchema = T.Union([
  MessageEvent, NoteEvent, StatusEvent, AssignedEvent, TransferredEvent, EndedEvent, TypingEvent, ReadEvent,
  QueuePositionEvent, FileRequestedEvent, UpdatedEvent, QuestionnaireEvent, QuestionnaireAnsweredEvent,
]);
export type ConversationEvent = Static<typeof ConversationEventSchema>;

// ── views ──────────────────────────────────────────────────────────────────────────────────────
/** What a visitor knows about their conversation. */
export const VisitorConversationView = T.Object({
  id: EntityId,
  status: ConversationStatusSchema,
  department: T.Union([EntityId, T.Null()]),
  operator: T.Union([OperatorRef, T.Null()]),
  createdAt: Ms,
  lastSeq: Seq,
  queue: T.Optional(T.Object({ position: T.Integer(), estimatedWaitMs: T.Union([T.Integer(), T.Null()]) })),
});
/** What an operator's console lists about a conversation. */
export const StaffConversationView = T.Object({
  id: EntityId,
  status: ConversationStatusSchema,
  department: T.Union([EntityId, T.Null()]),
  operatorId: T.Union([EntityId, T.Null()]),
  visitor: T.Object({ id: EntityId, name: T.Union([T.String(), T.Null()]), email: T.Union([T.String(), T.Null()]) }),
  priority: PrioritySchema,
  tags: T.Array(T.String()),
  important: T.Boolean(),
  pageUrl: T.Union([T.String(), T.Null()]),
  createdAt: Ms,
  lastActivityAt: Ms,
  lastSeq: Seq,
});
export type VisitorConversationViewT = Static<typeof VisitorConversationView>;
export type StaffConversationViewT = Static<typeof StaffConversationView>;

// ── frames ─────────────────────────────────────────────────────────────────────────────────────
/** Sent only after the command's effect is committed; a retried command id gets the same ack again. */
export const AckFrame = T.Object({ type: T.Literal("ack"), id: CommandId, seq: T.Optional(Seq), result: T.Optional(T.Unknown()) });
/** A refused command or a malformed frame; the connection stays open. */
export const ErrorFrame = T.Object({
  type: T.Literal("error"),
  id: T.Optional(T.String()),
  code: T.String({ description: "stable code, see src/core/errors.ts" }),
  message: T.String(),
  retryAfterMs: T.Optional(T.Integer({ minimum: 0 })),
});
/** One conversation event; `seq` is absent for live-only events (typing, queue position). */
export const EventFrame = T.Object({ type: T.Literal("event"), conversationId: EntityId, seq: T.Optional(Seq), event: ConversationEventSchema });
/** Answer to a visitor `hello`: the conversation and every event after `lastSeq`; live events follow. */
export const VisitorSnapshotFrame = T.Object({
  type: T.Literal("snapshot"),
  conversation: T.Union([VisitorConversationView, T.Null()]),
  events: T.Array(EventFrame),
});
/** Answer to an operator `hello`: me, my conversations with their missed events, the queue. */
export const OperatorSnapshotFrame = T.Object({
  type: T.Literal("snapshot"),
  operator: T.Object({ id: EntityId, name: T.String(), role: T.String(), status: T.String(), permissions: T.Record(T.String(), T.Boolean()) }),
  conversations: T.Array(T.Object({ conversation: StaffConversationView, events: T.Array(EventFrame) })),
  queue: T.Object({ count: T.Integer({ minimum: 0 }) }),
});
/** A conversation in my scope appeared or changed (new waiting one, assigned elsewhere, ended). */
export const ConversationFrame = T.Object({ type: T.Literal("conversation"), conversation: StaffConversationView });
/** Operators online and their statuses (permission `listOnlineOperators`). */
export const PresenceFrame = T.Object({
  type: T.Literal("presence"),
  operators: T.Array(T.Object({ id: EntityId, name: T.String(), status: T.String(), online: T.Boolean(), activeConversations: T.Integer({ minimum: 0 }) })),
});
/** Number of conversations waiting for an operator in my scope. */
export const QueueFrame = T.Object({ type: T.Literal("queue"), count: T.Integer({ minimum: 0 }) });
/** A transfer offered to me; answer with `transfer.accept` / `transfer.decline`. */
export const TransferOfferFrame = T.Object({
  type: T.Literal("transfer"),
  transferId: EntityId,
  conversationId: EntityId,
  from: OperatorRef,
  message: T.Optional(T.String()),
  at: Ms,
});
/** A message from another operator. */
export const OperatorChatFrame = T.Object({ type: T.Literal("op.message"), id: T.String(), from: OperatorRef, text: T.String(), at: Ms });
/** Answer to `ping`. */
export const PongFrame = T.Object({ type: T.Literal("pong"), id: CommandId });

/** Everything the visitor socket can send. */
export const VisitorServerFrame = T.Union([AckFrame, ErrorFrame, EventFrame, VisitorSnapshotFrame, PongFrame]);
/** Everything the operator socket can send. */
export const OperatorServerFrame = T.Union([
  AckFrame, ErrorFrame, EventFrame, OperatorSnapshotFrame, ConversationFrame, PresenceFrame, QueueFrame, TransferOfferFrame, OperatorChatFrame, PongFrame,
]);
export type AckFrameT = Static<typeof AckFrame>;
export type ErrorFrameT = Static<typeof ErrorFrame>;
export type EventFrameT = Static<typeof EventFrame>;
export type VisitorServerFrameT = Static<typeof VisitorServerFrame>;
export type OperatorServerFrameT = Static<typeof OperatorServerFrame>;
