/**
 * What the visitor's chat shows, as plain data: the conversation's state, its timeline (messages,
 * notices, "Ann joined" markers, the operator's requests) and the live bits (queue position, typing, read marks). Built from
 * protocol frames by chat.store.ts; rendered by the elements. No DOM here, so it is tested in bun.
 */
import type { ConversationEvent, ConversationState, MessageEventT, VisitorConversationViewT } from "../../shared/protocol";

/** An attached file as messages carry it. */
export type FileRefT = NonNullable<MessageEventT["file"]>;
/** An operator as the visitor sees them. */
export type OperatorRefT = NonNullable<VisitorConversationViewT["operator"]>;

/** Delivery of the visitor's own messages: waiting in the outbox, acknowledged by the server, or refused. */
export type DeliveryStatus = "pending" | "sent" | "failed";

/** A chat message, the visitor's own or the operator's. */
export interface TimelineMessage {
  readonly kind: "message";
  /** Stable render key: the client id for the visitor's own messages, else `seq:<n>`. */
  readonly key: string;
  readonly seq: number | null;
  readonly clientId: string | null;
  readonly from: "visitor" | "operator" | "system";
  readonly name?: string;
  readonly text: string;
  readonly file: FileRefT | null;
  /** An answer attributed to the knowledge base (conversations.knowledgeAnswersAsOperator false): its article. */
  readonly source?: { readonly title: string; readonly url: string | null };
  readonly at: number;
  readonly status: DeliveryStatus;
  /** Error code of a refused message. */
  readonly error?: string;
}

/** A system notice (reminder, re-engagement, operator status, after hours…). */
export interface TimelineNotice {
  readonly kind: "notice";
  readonly key: string;
  readonly seq: number | null;
  readonly noticeKind: string;
  readonly text: string;
  readonly offlineForm: boolean;
  readonly at: number;
}

/** A lifecycle marker between messages. */
export interface TimelineMarker {
  readonly kind: "marker";
  readonly key: string;
  readonly seq: number | null;
  readonly marker: "joined" | "requeued" | "ended" | "reopened";
  readonly name?: string;
  readonly at: number;
}

/**
 * A persisted event the first-load store does not interpret — an operator's file request, a
 * questionnaire offered or answered — kept in the timeline for the conversation chunk to render.
 */
export interface TimelineEvent {
  readonly kind: "event";
  readonly key: string;
  readonly seq: number | null;
  readonly at: number;
  readonly event: ConversationEvent;
}

/** One line of the conversation. */
export type TimelineItem = TimelineMessage | TimelineNotice | TimelineMarker | TimelineEvent;

/** The whole visible state of the chat. */
export interface ChatView {
  readonly conversationId: string | null;
  /** `none` before a conversation exists. */
  readonly state: ConversationState | "none";
  readonly operator: OperatorRefT | null;
  /** The department the conversation was routed to. */
  readonly department: string | null;
  readonly queue: { readonly position: number; readonly estimatedWaitMs: number | null } | null;
  readonly items: readonly TimelineItem[];
  /** The operator has read everything up to this seq. */
  readonly operatorReadSeq: number;
  /** Name of the operator typing right now (null when nobody types). */
  readonly operatorTyping: string | null;
  readonly endReason: string | null;
  /** A questionnaire the server asked the visitor to fill in (waiting or manual). */
  readonly offeredQuestionnaire: string | null;
  /** Set when the server turned the visitor to the offline form (after hours, no operator, queue full). */
  readonly offline: { readonly reason: string; readonly text: string } | null;
  /** An operator status notice in force ("searching for information") until the operator writes. */
  readonly statusNotice: string | null;
  readonly lastSeq: number;
}

/** The state before anything is known. */
export const EMPTY_VIEW: ChatView = {
  conversationId: null,
  state: "none",
  operator: null,
  department: null,
  queue: null,
  items: [],
  operatorReadSeq: 0,
  operatorTyping: null,
  endReason: null,
  offeredQuestionnaire: null,
  offline: null,
  statusNotice: null,
  lastSeq: 0,
};

/** Notice kinds that describe the operator's ongoing activity (shown under the header until they write). */
export const STATUS_NOTICE_KINDS = new Set(["status", "still_busy"]);

/**
 * Whether a timeline item is something for the visitor to see, counted in the launcher's unread
 * badge until seen: an operator's (or the system's) message, a file request, or a questionnaire
 * offered that this widget can show (the config knows it).
 */
export function countsAsUnread(item: TimelineItem, config: { readonly questionnaires: readonly { readonly id: string }[] } | null): boolean {
  if (item.kind === "message") return item.from !== "visitor";
  if (item.kind !== "event") return false;
  const e = item.event;
  return e.type === "file.requested" || (e.type === "questionnaire.offered" && !!config?.questionnaires.some((q) => q.id === e.questionnaireId));
}
