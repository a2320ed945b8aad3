/**
 * The conversation event log and the engine's outgoing events. Every state change, message, note
 * and notice of a conversation is one stored event with a per-conversation `seq`, so clients can
 * resume from the last seq they saw and history is the log itself. After a command commits, the
 * engine publishes `EngineEvent`s: the stored events plus queue/operator signals the realtime hub fans out.
 */
import type { Role } from "../../config/schema";
import type { Conversation, ConversationState, EndReason, Priority } from "./conversation.model";

/** Who did something. Staff carry their role because some rules (capacity override) depend on it. */
export type Actor =
  | { readonly kind: "visitor"; readonly id: string }
  | { readonly kind: "operator"; readonly id: string; readonly role: Role }
  | { readonly kind: "system"; readonly id: null };

/** The engine acting on its own (timeouts, routing). */
export const SYSTEM: Actor = { kind: "system", id: null };

/** Stored form of an actor: roles are not history. */
export interface ActorRef {
  readonly kind: Actor["kind"];
  readonly id: string | null;
}

/** `staff` events (internal notes, transfer messages) are never shown to the visitor. */
export type Visibility = "all" | "staff";

/** How an assignment came about, shown to the operator ("assigned by routing", "transferred by Ann"…). */
export type AssignMode = "routing" | "manual" | "self" | "reescalation" | "transfer";

/** Visitor-facing system messages produced by rules. */
export type NoticeKind =
  | "after_hours"
  | "queue_full"
  | "no_operator"
  | "queue_closed"
  | "visitor_reminder"
  | "reengagement"
  | "auto_transfer"
  | "operator_disconnected"
  | "status"
  | "still_busy"
  | "queue_timeout";

/**
 * Where an operator's message came from: a knowledge base article. `asOperator` is
 * `conversations.knowledgeAnswersAsOperator` when it was sent: true shows it to the visitor as the
 * operator's own words, false attributes it to the knowledge base (title, link).
 */
export interface MessageSource {
  readonly kind: "knowledge";
  readonly title: string;
  readonly url: string | null;
  readonly asOperator: boolean;
}

/** A file attached to a message (stored by the files module; the log keeps its reference). */
export interface FileRef {
  readonly id: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
}

/** Payload of each event type. Message/note/notice text lives in the event's `body`. */
export interface EventPayloads {
  "conversation.created": { department: string | null; priority: Priority; pageUrl: string | null; targetOperatorIds: readonly string[] | null };
  "conversation.queued": { queueKey: string; position: number; reason: "new" | "transfer" | "reescalation" | "requeue" };
  "conversation.assigned": { operatorId: string; operatorName: string; mode: AssignMode; by: ActorRef; capacityOverride: boolean; reason: string };
  "conversation.requeued": { fromOperatorId: string; reason: string };
  "conversation.transferred": {
    transferId: string | null;
    fromOperatorId: string | null;
    toOperatorId: string | null;
    toDepartment: string | null;
    message: string | null;
    automatic: boolean;
    reason: string;
  };
  "conversation.ended": { reason: EndReason };
  "conversation.reescalated": { previousOperatorId: string | null };
  "conversation.updated": { priority?: Priority; tags?: readonly string[]; important?: boolean };
  "transfer.requested": { transferId: string; fromOperatorId: string; toOperatorId: string; message: string | null; expiresAt: number | null };
  "transfer.declined": { transferId: string; toOperatorId: string };
  "transfer.expired": { transferId: string; toOperatorId: string };
  "transfer.cancelled": { transferId: string; toOperatorId: string; reason: string };
  /** `source`: the operator sent a knowledge base answer (absent: their own words). */
  message: { file: FileRef | null; source?: MessageSource };
  note: Record<string, never>;
  notice: { kind: NoticeKind; offlineForm: boolean };
  /** The conversation times out at `endsAt`: it ends (visitor silent) or is transferred (visitor unanswered); absent in older logs = end. */
  "operator.reminder": { endsAt: number; outcome?: "end" | "transfer" };
  "questionnaire.offered": { questionnaireId: string };
  /** The visitor answered a questionnaire; `summary` and `score` come from its plugin. */
  "questionnaire.answered": { questionnaireId: string; summary: string; score: number | null };
  /** An operator asked the visitor to upload a file (the request's text is the body). */
  "file.requested": Record<string, never>;
}

/** Every event type. */
export type EventType = keyof EventPayloads;

/** One row of the append-only log. */
export interface StoredEvent<K extends EventType = EventType> {
  readonly conversationId: string;
  readonly seq: number;
  readonly type: K;
  readonly actor: ActorRef;
  readonly visibility: Visibility;
  readonly payload: EventPayloads[K];
  /** Text of messages, notes and notices; null otherwise. */
  readonly body: string | null;
  /** The sender's idempotency key (messages, notes); a retry with the same key returns this event. */
  readonly clientId: string | null;
  readonly createdAt: number;
}

/** A stored event whose `type` narrows its payload. */
export type AnyStoredEvent = { [K in EventType]: StoredEvent<K> }[EventType];

/** Types hidden from the visitor regardless of payload. */
const STAFF_ONLY: ReadonlySet<EventType> = new Set<EventType>([
  "note",
  "conversation.transferred",
  "transfer.requested",
  "transfer.declined",
  "transfer.expired",
  "transfer.cancelled",
  "operator.reminder",
]);

/** The visibility an event type always has. */
export function visibilityOf(type: EventType): Visibility {
  return STAFF_ONLY.has(type) ? "staff" : "all";
}

/** What subscribers need to route an event (topics, permissions) without querying the engine. */
export interface ConversationView {
  readonly id: string;
  readonly visitorId: string;
  readonly state: ConversationState;
  readonly priority: Priority;
  readonly department: string | null;
  readonly operatorId: string | null;
  readonly previousOperatorIds: readonly string[];
  readonly tags: readonly string[];
  readonly important: boolean;
  readonly lastSeq: number;
}

/** A read-only snapshot of a conversation for subscribers and callers. */
export function viewOf(c: Conversation): ConversationView {
  return {
    id: c.id,
    visitorId: c.visitor.id,
    state: c.state,
    priority: c.priority,
    department: c.department,
    operatorId: c.operatorId,
    previousOperatorIds: c.previousOperatorIds,
    tags: c.tags,
    important: c.important,
    lastSeq: c.lastSeq,
  };
}

/** What changed in a queue: one event per change, never one per waiting visitor. */
export type QueueChange = "added" | "removed" | "moved" | "estimate";

/** Operator state as shown in presence lists and used by dashboards. */
export interface OperatorView {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly presence: "online" | "grace" | "offline";
  readonly activeConversations: number;
  /** The limit assignment respects now: the operator's own choice, at most `maxCapacity`. */
  readonly capacity: number;
  /** The configured ceiling the operator may raise their own limit back to (the engine always sets it). */
  readonly maxCapacity?: number;
  readonly acceptingNew: boolean;
}

/** Why a chat could not start (or re-escalate): the widget shows the phrase and the offline form. */
export type RefusalReason = "after_hours" | "queue_closed" | "queue_full" | "no_operator";

/** Everything the engine publishes after a commit. */
export type EngineEvent =
  | { readonly kind: "conversation.event"; readonly event: AnyStoredEvent; readonly conversation: ConversationView }
  | {
      readonly kind: "queue.changed";
      readonly queueKey: string;
      readonly change: QueueChange;
      readonly conversationId: string | null;
      /** Waiting visitors at this position or later have a new position/estimate (1-based). */
      readonly fromPosition: number;
      readonly length: number;
    }
  | { readonly kind: "operator.changed"; readonly operator: OperatorView }
  | { readonly kind: "conversation.read"; readonly conversationId: string; readonly reader: "visitor" | "operator"; readonly seq: number }
  | { readonly kind: "chat.refused"; readonly reason: RefusalReason; readonly visitorId: string; readonly department: string | null; readonly at: number };

/** A subscriber to engine events. Called synchronously after commit; must not throw (errors are logged). */
export type EngineListener = (event: EngineEvent) => void;
