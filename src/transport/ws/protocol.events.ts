/**
 * Conversation events as clients receive them inside `event` frames. Persisted events mirror the
 * conversation's event log one to one (same `type` names, same `seq`); each audience gets its own
 * view: visitors never receive staff-only events (notes, transfers, metadata) nor staff-only fields.
 * Live-only events (typing, read receipts, queue position) carry no seq.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { CommandId, EndReasonSchema, EntityId, Millis, PrioritySchema, Seq, SenderKindSchema } from "./protocol.shared";

/** An operator as clients see them. */
export const OperatorRef = T.Object({ id: EntityId, name: T.String(), avatarUrl: T.Optional(T.String()) });
/** An attached file (download via the files API). */
export const FileRef = T.Object({ id: EntityId, name: T.String(), mime: T.String(), size: T.Integer({ minimum: 0 }) });
const ev = <const K extends string, P extends Record<string, any>>(type: K, props: P, description: string) =>
  T.Object({ type: T.Literal(type), at: Millis, ...props }, { description });
const Staff = <S extends Parameters<typeof T.Optional>[0]>(s: S) => T.Optional(s);

// ── persisted, visible to both sides ──────────────────────────────────────────────────────────
/** The conversation was opened. Staff also see priority and the page it started from. */
export const CreatedEvent = ev("conversation.created", { department: T.Union([EntityId, T.Null()]), priority: Staff(PrioritySchema), pageUrl: Staff(T.Union([T.String(), T.Null()])) }, "persisted");
/** The conversation entered a queue at `position` (1 = next). */
export const QueuedEvent = ev("conversation.queued", { position: T.Integer({ minimum: 1 }), reason: Staff(T.String()) }, "persisted");
/** An operator joined. `mode` (staff only): routing, manual, self, reescalation, transfer. */
export const AssignedEvent = ev("conversation.assigned", { operator: OperatorRef, mode: Staff(T.String()), reason: Staff(T.String()) }, "persisted");
/** The operator left and the conversation went back to the queue. */
export const RequeuedEvent = ev("conversation.requeued", { reason: Staff(T.String()) }, "persisted");
/** The conversation ended. */
export const EndedEvent = ev("conversation.ended", { reason: EndReasonSchema }, "persisted");
/** An ended conversation was reopened by the visitor writing again. */
export const ReescalatedEvent = ev("conversation.reescalated", { previousOperatorId: Staff(T.Union([EntityId, T.Null()])) }, "persisted");
/** A chat message. `clientId` is the sender's command id, so the sender can match its own message. */
export const MessageEvent = ev("message", {
  sender: T.Object({ kind: SenderKindSchema, id: T.Union([EntityId, T.Null()]), name: T.Optional(T.String()) }),
  text: T.String(),
  file: T.Union([FileRef, T.Null()]),
  clientId: T.Union([CommandId, T.Null()]),
  /**
   * A knowledge base answer: staff always see it (`asOperator` says how the visitor sees it);
   * visitors get it only when it is attributed to the knowledge base (knowledgeAnswersAsOperator false).
   */
  source: T.Optional(T.Object({ kind: T.Literal("knowledge"), title: T.String(), url: T.Union([T.String(), T.Null()]), asOperator: Staff(T.Boolean()) })),
}, "persisted");
/** A system notice for the visitor (after hours, queue full, reminder, transfer notice…). */
export const NoticeEvent = ev("notice", { kind: T.String(), text: T.String(), offlineForm: T.Boolean() }, "persisted");
/** A questionnaire for the visitor to fill in; `operator` when an operator sent it during the chat (absent: offered by a timeout). */
export const QuestionnaireOfferedEvent = ev("questionnaire.offered", { questionnaireId: EntityId, operator: T.Optional(OperatorRef) }, "persisted");
/** The visitor answered a questionnaire. Staff also see the plugin's summary and score. */
export const QuestionnaireAnsweredEvent = ev("questionnaire.answered", {
  questionnaireId: EntityId,
  summary: Staff(T.String()),
  score: Staff(T.Union([T.Number(), T.Null()])),
}, "persisted");
/** The operator asks the visitor to upload a file; it stays open until the visitor sends a file after it. */
export const FileRequestedEvent = ev("file.requested", { operator: OperatorRef, message: T.Union([T.String(), T.Null()]) }, "persisted");

// ── persisted, staff only ─────────────────────────────────────────────────────────────────────
/** An internal note. */
export const NoteEvent = ev("note", { author: OperatorRef, text: T.String(), clientId: T.Union([CommandId, T.Null()]) }, "persisted, staff only");
/** Handed to another operator or department; `message` is the note for the receiver. */
export const TransferredEvent = ev("conversation.transferred", {
  transferId: T.Union([EntityId, T.Null()]),
  from: T.Union([OperatorRef, T.Null()]),
  to: T.Union([OperatorRef, T.Null()]),
  toDepartment: T.Union([EntityId, T.Null()]),
  message: T.Union([T.String(), T.Null()]),
  automatic: T.Boolean(),
  reason: T.String(),
}, "persisted, staff only");
/** Priority, tags or importance changed. */
export const UpdatedEvent = ev("conversation.updated", { priority: T.Optional(PrioritySchema), tags: T.Optional(T.Array(T.String())), important: T.Optional(T.Boolean()) }, "persisted, staff only");
/** A transfer request was made, declined, expired or cancelled. */
export const TransferRequestEvent = T.Object({
  type: T.Union([T.Literal("transfer.requested"), T.Literal("transfer.declined"), T.Literal("transfer.expired"), T.Literal("transfer.cancelled")]),
  at: Millis,
  transferId: EntityId,
  from: T.Optional(OperatorRef),
  to: OperatorRef,
  message: T.Optional(T.Union([T.String(), T.Null()])),
  expiresAt: T.Optional(T.Union([Millis, T.Null()])),
  reason: T.Optional(T.String()),
}, { description: "persisted, staff only" });
/** The visitor has been silent: the conversation closes at `endsAt` unless someone writes. */
export const OperatorReminderEvent = ev(
  "operator.reminder",
  { endsAt: Millis, outcome: T.Union([T.Literal("end"), T.Literal("transfer")], { description: "at endsAt the conversation ends (visitor silent) or is transferred (visitor unanswered)" }) },
  "persisted, staff only",
);

// ── live only (no seq) ────────────────────────────────────────────────────────────────────────
/** Someone started or stopped typing. */
export const TypingEvent = T.Object({ type: T.Literal("typing"), sender: SenderKindSchema, name: T.Optional(T.String()), on: T.Boolean() }, { description: "live only" });
/** The other side has read everything up to `upToSeq` (the latest value is also in the snapshot). */
export const ReadEvent = T.Object({ type: T.Literal("read"), reader: T.Union([T.Literal("visitor"), T.Literal("operator")]), upToSeq: Seq }, { description: "live only" });
/** The visitor's place in the queue and the estimated wait (null when unknown). Coalesced. */
export const QueuePositionEvent = T.Object({
  type: T.Literal("queue.position"),
  position: T.Integer({ minimum: 1 }),
  estimatedWaitMs: T.Union([T.Integer({ minimum: 0 }), T.Null()]),
}, { description: "live only" });

/** Any conversation event a client can receive. */
export const ConversationEventSchema = T.Union([
  CreatedEvent, QueuedEvent, AssignedEvent, RequeuedEvent, EndedEvent, ReescalatedEvent, MessageEvent, NoticeEvent, QuestionnaireOfferedEvent,
  QuestionnaireAnsweredEvent, FileRequestedEvent, NoteEvent, TransferredEvent, UpdatedEvent, TransferRequestEvent, OperatorReminderEvent,
  TypingEvent, ReadEvent, QueuePositionEvent,
]);
export type ConversationEvent = Static<typeof ConversationEventSchema>;
export type MessageEventT = Static<typeof MessageEvent>;
