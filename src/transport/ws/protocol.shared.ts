/**
 * Building blocks shared by every frame schema of the realtime protocol. Plain TypeBox (no Elysia),
 * so the browser bundles can import the protocol without pulling the server framework in.
 */
import { Type as T, type Static } from "@sinclair/typebox";

/** Largest inbound frame we parse, in bytes (UTF-8). Bigger frames get `request.too_large`. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Default maximum message length in characters when the config does not say otherwise. */
export const DEFAULT_MAX_TEXT_LENGTH = 4000;
/** Typing indicators from one sender are forwarded at most this often. */
export const TYPING_THROTTLE_MS = 2000;

/**
 * A client-generated command id: the idempotency key of the command. A retried command with the same
 * id gets the original acknowledgement back and never takes effect twice.
 */
export const CommandId = T.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._:-]+$", description: "client-generated idempotency key" });
/** Server ids (conversation, operator, transfer, file…). */
export const EntityId = T.String({ minLength: 1, maxLength: 128 });
/** A per-conversation sequence number: every persisted event of a conversation gets the next one. */
export const Seq = T.Integer({ minimum: 0, description: "per-conversation event sequence number" });
/** Message text as typed by a person; the configured maximum length is enforced on top of this bound. */
export const MessageText = T.String({ minLength: 1, maxLength: MAX_FRAME_BYTES });
/** Conversation priorities, lowest first (same names as the plugin contract). */
export const PrioritySchema = T.Union([T.Literal("low"), T.Literal("normal"), T.Literal("high"), T.Literal("urgent")]);
/** Conversation lifecycle states. */
export const ConversationStateSchema = T.Union([T.Literal("pending"), T.Literal("waiting"), T.Literal("active"), T.Literal("ended")]);
/** Who authored something in a conversation. */
export const SenderKindSchema = T.Union([T.Literal("visitor"), T.Literal("operator"), T.Literal("system")]);
/** Why a conversation ended. */
export const EndReasonSchema = T.Union([
  T.Literal("visitor"), T.Literal("operator"), T.Literal("manager"), T.Literal("inactivity"), T.Literal("after_hours"), T.Literal("no_operator"),
  T.Literal("queue_timeout"),
]);
/** Epoch milliseconds. */
export const Millis = T.Integer({ minimum: 0, description: "epoch milliseconds" });

export type ConversationState = Static<typeof ConversationStateSchema>;
export type SenderKind = Static<typeof SenderKindSchema>;
export type Priority = Static<typeof PrioritySchema>;

/** WebSocket close codes the server uses, so clients know whether and how to reconnect. */
export const CLOSE_CODES = {
  /** Server shutting down or restarting: reconnect with backoff and resume. */
  goingAway: 1001,
  /** No pong / frame for too long: the connection was presumed dead. Reconnect and resume. */
  heartbeatTimeout: 4000,
  /** No `hello` soon enough after opening. */
  helloTimeout: 4001,
  /** The token or session is no longer valid: authenticate again before reconnecting. */
  unauthorized: 4003,
  /** The client read too slowly and the server's send buffer overflowed. Reconnect and resume. */
  backpressure: 4008,
} as const;
