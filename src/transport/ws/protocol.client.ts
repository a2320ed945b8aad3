/**
 * Client → server commands. Every command carries `type` and a client-generated `id` (its idempotency
 * key) and is answered by exactly one `ack` or `error` frame with the same `id`.
 */
import { Type as T, type Static, type TObject } from "@sinclair/typebox";
import { CommandId, EntityId, MessageText, Seq } from "./protocol.shared";

const Short = (max: number) => T.String({ maxLength: max });
const cmd = <const K extends string, P extends Record<string, any>>(type: K, props: P, description: string) =>
  T.Object({ type: T.Literal(type), id: CommandId, ...props }, { additionalProperties: false, description });

// ── visitor ────────────────────────────────────────────────────────────────────────────────────
/** The visitor's first frame: authenticates with the widget token and optionally resumes a conversation. */
export const VisitorHello = cmd("hello", {
  token: T.String({ minLength: 1, maxLength: 2048 }),
  conversationId: T.Optional(EntityId),
  lastSeq: T.Optional(Seq),
}, "authenticate; resume a conversation from lastSeq");
/** Start a conversation (the pre-chat form's answers travel in `fields`). */
export const VisitorStart = cmd("start", {
  department: T.Optional(EntityId),
  fields: T.Optional(T.Record(T.String({ maxLength: 64 }), Short(1000), { maxProperties: 32 })),
  pageUrl: T.Optional(Short(2048)),
  referrer: T.Optional(Short(2048)),
  language: T.Optional(Short(35)),
  userAgent: T.Optional(Short(512)),
  /** The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`); an unknown zone is dropped. */
  timezone: T.Optional(T.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+){0,3}$" })),
}, "start a conversation");
/** Send a message in the visitor's conversation; `fileId` attaches an uploaded file. */
export const VisitorMessage = cmd("message", { text: T.Optional(MessageText), fileId: T.Optional(EntityId) }, "send a message");
/** Typing indicator; not persisted, throttled. */
export const VisitorTyping = cmd("typing", { on: T.Boolean() }, "typing indicator");
/** Read receipt: the visitor has seen everything up to `seq`. */
export const VisitorRead = cmd("read", { seq: Seq }, "read receipt");
/** The visitor closes the conversation. */
export const VisitorEnd = cmd("end", {}, "end the conversation");
/** Answers to a questionnaire shown to the visitor. */
export const VisitorQuestionnaireAnswer = cmd("questionnaire.answer", {
  questionnaireId: EntityId,
  answers: T.Record(T.String({ maxLength: 64 }), T.Union([Short(4000), T.Number(), T.Boolean(), T.Array(Short(500), { maxItems: 50 })]), { maxProperties: 64 }),
}, "answer a questionnaire");
/** Application-level heartbeat; answered by `pong`. */
export const Ping = cmd("ping", {}, "heartbeat");

/** Every visitor command schema by `type`, for dispatch and validation. */
export const VISITOR_COMMANDS = {
  hello: VisitorHello,
  start: VisitorStart,
  message: VisitorMessage,
  typing: VisitorTyping,
  read: VisitorRead,
  end: VisitorEnd,
  "questionnaire.answer": VisitorQuestionnaireAnswer,
  ping: Ping,
} satisfies Record<string, TObject>;

// ── operator ───────────────────────────────────────────────────────────────────────────────────
const Conv = { conversationId: EntityId };
/** The operator's first frame (the session cookie authenticated the upgrade); resumes each conversation from its last seq. */
export const OperatorHello = cmd("hello", { lastSeqs: T.Optional(T.Record(EntityId, Seq, { maxProperties: 500 })) }, "resume");
/** Change the operator's status (connected, break, offline or a configured one). */
export const OperatorStatus = cmd("status", { status: EntityId }, "change status");
/** Set how many conversations at once I take: 1 up to my configured ceiling (`maxCapacity` in presence). Stored; acked after the commit. */
export const OperatorCapacitySet = cmd("capacity.set", { max: T.Integer({ minimum: 1, maximum: 1000 }) }, "set my maximum concurrent conversations");
/** Take a waiting conversation (assign to me). */
export const OperatorAccept = cmd("accept", Conv, "assign a waiting conversation to me");
/** Send a message to the visitor. */
export const OperatorMessage = cmd(
  "message",
  {
    ...Conv,
    text: T.Optional(MessageText),
    fileId: T.Optional(EntityId),
    /** The knowledge base article the text was taken from (its title); the server records it as the message's source. */
    knowledge: T.Optional(T.Object({ title: T.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })),
  },
  "send a message",
);
/** Internal note, never shown to the visitor. */
export const OperatorNote = cmd("note", { ...Conv, text: MessageText }, "internal note");
/** Typing indicator; not persisted, throttled. */
export const OperatorTyping = cmd("typing", { ...Conv, on: T.Boolean() }, "typing indicator");
/** Read receipt for a conversation up to `seq`. */
export const OperatorRead = cmd("read", { ...Conv, seq: Seq }, "read receipt");
/**
 * Transfer to an operator or a department, with an optional message for the receiver. To an
 * operator it is a request they accept or decline, unless `immediate` (a direct hand-over, as when
 * a manager reassigns); to a department the conversation goes to that department's queue at once.
 */
export const OperatorTransfer = cmd("transfer", {
  ...Conv,
  toOperatorId: T.Optional(EntityId),
  toDepartmentId: T.Optional(EntityId),
  message: T.Optional(Short(1000)),
  immediate: T.Optional(T.Boolean()),
}, "transfer; exactly one of toOperatorId / toDepartmentId");
/** Accept a transfer offered to me. */
export const OperatorTransferAccept = cmd("transfer.accept", { transferId: EntityId }, "accept a transfer");
/** Decline a transfer offered to me. */
export const OperatorTransferDecline = cmd("transfer.decline", { transferId: EntityId }, "decline a transfer");
/** End a conversation. */
export const OperatorEnd = cmd("end", Conv, "end the conversation");
/** Ask the visitor to upload a file (permission `requestFile`). */
export const OperatorRequestFile = cmd("request.file", { ...Conv, message: T.Optional(Short(1000)) }, "ask the visitor for a file");
/** Follow a conversation live without being assigned (waiting in my departments, or any for managers). */
export const OperatorWatch = cmd("watch", { ...Conv, lastSeq: T.Optional(Seq) }, "follow a conversation");
/** Stop following a watched conversation. */
export const OperatorUnwatch = cmd("unwatch", Conv, "stop following");
/** Chat between operators (permission `operatorChat`). */
export const OperatorChat = cmd("op.message", { toOperatorId: EntityId, text: MessageText }, "message another operator");
/** I have read what a colleague sent me (their thread is open): my unread count for them resets on every tab. */
export const OperatorChatRead = cmd("op.read", { operatorId: EntityId }, "mark a colleague's messages read");

/** Every operator command schema by `type`. */
export const OPERATOR_COMMANDS = {
  hello: OperatorHello,
  status: OperatorStatus,
  "capacity.set": OperatorCapacitySet,
  accept: OperatorAccept,
  message: OperatorMessage,
  note: OperatorNote,
  typing: OperatorTyping,
  read: OperatorRead,
  transfer: OperatorTransfer,
  "transfer.accept": OperatorTransferAccept,
  "transfer.decline": OperatorTransferDecline,
  end: OperatorEnd,
  "request.file": OperatorRequestFile,
  watch: OperatorWatch,
  unwatch: OperatorUnwatch,
  "op.message": OperatorChat,
  "op.read": OperatorChatRead,
  ping: Ping,
} satisfies Record<string, TObject>;

type StaticOf<M extends Record<string, TObject>> = { [K in keyof M]: Static<M[K]> }[keyof M];
/** Any command a visitor may send. */
export type VisitorCommand = StaticOf<typeof VISITOR_COMMANDS>;
/** Any command an operator may send. */
export type OperatorCommand = StaticOf<typeof OPERATOR_COMMANDS>;
/** A command of one `type`, e.g. `CommandOf<VisitorCommand, "message">`. */
export type CommandOf<C extends { type: string }, K extends C["type"]> = Extract<C, { type: K }>;
