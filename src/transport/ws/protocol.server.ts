/**
 * Server → client frames. The server never sends anything that is not described here; the UIs
 * narrow on `type`. Conversation events themselves are in protocol.events.ts.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { ConversationEventSchema, OperatorRef } from "./protocol.events";
import { CommandId, ConversationStateSchema, EndReasonSchema, EntityId, Millis, PrioritySchema, Seq } from "./protocol.shared";

const Nullable = <S extends Parameters<typeof T.Union>[0][number]>(s: S) => T.Union([s, T.Null()]);

// ── views ──────────────────────────────────────────────────────────────────────────────────────
/** What a visitor knows about their conversation. `operatorReadSeq` drives the "read" marks. */
export const VisitorConversationView = T.Object({
  id: EntityId,
  state: ConversationStateSchema,
  department: Nullable(EntityId),
  operator: Nullable(OperatorRef),
  createdAt: Millis,
  endReason: Nullable(EndReasonSchema),
  lastSeq: Seq,
  operatorReadSeq: Seq,
  queue: Nullable(T.Object({ position: T.Integer({ minimum: 1 }), estimatedWaitMs: Nullable(T.Integer({ minimum: 0 })) })),
});
/** What the operator console shows about a conversation. */
export const StaffConversationView = T.Object({
  id: EntityId,
  state: ConversationStateSchema,
  priority: PrioritySchema,
  department: Nullable(EntityId),
  operatorId: Nullable(EntityId),
  visitor: T.Object({
    id: EntityId,
    name: Nullable(T.String()),
    email: Nullable(T.String()),
    fields: T.Record(T.String(), T.String()),
    pageUrl: Nullable(T.String()),
    referrer: Nullable(T.String()),
    language: Nullable(T.String()),
    userAgent: Nullable(T.String()),
    timezone: Nullable(T.String({ description: "the visitor's IANA time zone, for their local time" })),
  }),
  tags: T.Array(T.String()),
  important: T.Boolean(),
  createdAt: Millis,
  assignedAt: Nullable(Millis),
  endedAt: Nullable(Millis),
  endReason: Nullable(EndReasonSchema),
  lastMessageAt: Millis,
  slaDueAt: Nullable(Millis),
  lastSeq: Seq,
  visitorReadSeq: Seq,
  operatorReadSeq: Seq,
  queuePosition: Nullable(T.Integer({ minimum: 1 })),
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
  code: T.String({ description: "stable code, see the error table in docs/protocol.md" }),
  message: T.String(),
  retryAfterMs: T.Optional(T.Integer({ minimum: 0 })),
  details: T.Optional(T.Record(T.String(), T.Unknown())),
});
/** One conversation event; `seq` is absent for live-only events (typing, read, queue position). */
export const EventFrame = T.Object({ type: T.Literal("event"), conversationId: EntityId, seq: T.Optional(Seq), event: ConversationEventSchema });
/**
 * Answer to a visitor `hello`: the conversation (null before `start`) and every event after `lastSeq`.
 * Live events follow it with no gap and no duplicate.
 */
export const VisitorSnapshotFrame = T.Object({
  type: T.Literal("snapshot"),
  conversation: Nullable(VisitorConversationView),
  events: T.Array(EventFrame),
});
/** Answer to an operator `hello`: me, my conversations with the events I missed, the queue. */
export const OperatorSnapshotFrame = T.Object({
  type: T.Literal("snapshot"),
  operator: T.Object({
    id: EntityId, name: T.String(), role: T.String(), status: T.String(),
    /** My limit of concurrent conversations now, and the configured ceiling I may raise it to (`capacity.set`). */
    capacity: T.Optional(T.Integer({ minimum: 0 })), maxCapacity: T.Optional(T.Integer({ minimum: 0 })),
    departments: T.Array(EntityId), permissions: T.Record(T.String(), T.Boolean()) }),
  conversations: T.Array(T.Object({ conversation: StaffConversationView, events: T.Array(EventFrame) })),
  queue: T.Object({ count: T.Integer({ minimum: 0 }) }),
});
/** A conversation in my scope appeared or changed (new waiting one, assigned, ended). */
export const ConversationFrame = T.Object({ type: T.Literal("conversation"), conversation: StaffConversationView });
/**
 * Operators and their statuses. `full: true` lists every operator (sent to those with the
 * `listOnlineOperators` permission); otherwise the frame updates only the operators it carries
 * (every operator gets their own status this way, e.g. when another tab changed it).
 */
export const PresenceFrame = T.Object({
  type: T.Literal("presence"),
  full: T.Boolean(),
  operators: T.Array(T.Object({
    id: EntityId,
    name: T.String(),
    status: T.String(),
    presence: T.Union([T.Literal("online"), T.Literal("grace"), T.Literal("offline")]),
    activeConversations: T.Integer({ minimum: 0 }),
    /** The limit assignment respects now: the operator's own choice, at most `maxCapacity`. */
    capacity: T.Integer({ minimum: 0 }),
    /** The configured ceiling (the operator may lower their own limit below it and raise it back). */
    maxCapacity: T.Optional(T.Integer({ minimum: 0 })),
  })),
});
/** Number of conversations waiting for an operator in my scope. */
export const QueueFrame = T.Object({ type: T.Literal("queue"), count: T.Integer({ minimum: 0 }) });
/** A transfer offered to me; answer with `transfer.accept` / `transfer.decline`. */
export const TransferOfferFrame = T.Object({
  type: T.Literal("transfer"),
  transferId: EntityId,
  conversation: StaffConversationView,
  from: OperatorRef,
  message: Nullable(T.String()),
  expiresAt: Nullable(Millis),
});
/**
 * A stored message between two operators, sent to every tab of both (so the sender's other tabs see
 * it too). `id` is the stored message id; `clientId` the sender's command id.
 */
export const OperatorChatFrame = T.Object({ type: T.Literal("op.message"), id: T.String(), clientId: T.Optional(CommandId), from: OperatorRef, to: EntityId, text: T.String(), at: Millis });
/**
 * My unread operator-chat messages by colleague (absent: none). Sent after `hello` (so what arrived
 * while I was away shows at once) and to every tab of mine when I read a thread.
 */
export const OperatorChatUnreadFrame = T.Object({ type: T.Literal("op.unread"), counts: T.Record(EntityId, T.Integer({ minimum: 1 })) });
/**
 * An operator asks the managers for help on a conversation (sent to every manager and admin);
 * the manager may open the conversation (`watch`) and step in.
 */
export const AssistanceFrame = T.Object({ type: T.Literal("assistance"), conversation: StaffConversationView, from: OperatorRef, message: Nullable(T.String()), at: Millis });
/**
 * A visitor left an offline message within my scope (my departments, none chosen, or all for
 * supervisors and operators without a department): the console refreshes its offline-messages
 * badge and list (`GET /api/offline-messages`). Not replayed: the REST count is read on (re)connection.
 */
export const OfflineMessageFrame = T.Object({ type: T.Literal("offline"), id: EntityId, department: Nullable(EntityId), at: Millis });
/**
 * A conversation that no longer exists (its visitor was erased): the console drops its tab and list
 * item. Sent to the consoles that could see it (its department's staff, its operator, watchers).
 * Not replayed: a reconnecting console's snapshot no longer lists it.
 */
export const ConversationRemovedFrame = T.Object({ type: T.Literal("conversation.removed"), conversationId: EntityId, reason: T.Literal("visitor_erased") });
/** Answer to `ping`. */
export const PongFrame = T.Object({ type: T.Literal("pong"), id: CommandId });

/** Everything the visitor socket can send. */
export const VisitorServerFrame = T.Union([AckFrame, ErrorFrame, EventFrame, VisitorSnapshotFrame, PongFrame]);
/** Everything the operator socket can send. */
export const OperatorServerFrame = T.Union([
  AckFrame, ErrorFrame, EventFrame, OperatorSnapshotFrame, ConversationFrame, PresenceFrame, QueueFrame, TransferOfferFrame, OperatorChatFrame, OperatorChatUnreadFrame, AssistanceFrame, OfflineMessageFrame, ConversationRemovedFrame, PongFrame,
]);
export type AckFrameT = Static<typeof AckFrame>;
export type ErrorFrameT = Static<typeof ErrorFrame>;
export type EventFrameT = Static<typeof EventFrame>;
export type VisitorSnapshotFrameT = Static<typeof VisitorSnapshotFrame>;
export type OperatorSnapshotFrameT = Static<typeof OperatorSnapshotFrame>;
export type PresenceFrameT = Static<typeof PresenceFrame>;
export type VisitorServerFrameT = Static<typeof VisitorServerFrame>;
export type OperatorServerFrameT = Static<typeof OperatorServerFrame>;
export type AssistanceFrameT = Static<typeof AssistanceFrame>;
export type OfflineMessageFrameT = Static<typeof OfflineMessageFrame>;
export type ConversationRemovedFrameT = Static<typeof ConversationRemovedFrame>;
