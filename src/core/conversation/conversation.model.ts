/**
 * The conversation record and its lifecycle. A conversation is `pending` while routing has not
 * decided, `waiting` in a queue, `active` with an operator, and `ended`; transfers move an active
 * conversation between operators (or back to a queue) and re-escalation brings an ended one back.
 * The record holds every fact a rule needs (activity times for timeouts, queue keys for ordering,
 * previous operators for re-escalation), so the engine can be rebuilt from the store alone.
 */
import { AppError } from "../errors";
import type { Priority } from "../../plugins/api";

export type { Priority };

/** Lifecycle states, in the order a conversation normally goes through them. */
export type ConversationState = "pending" | "waiting" | "active" | "ended";

/** Priorities lowest first; the index is the rank the queue sorts on. */
export const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];

/** Numeric rank of a priority (higher is served first). */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Why a conversation ended: shown in history and used by reports. */
export type EndReason = "visitor" | "operator" | "manager" | "inactivity" | "after_hours" | "no_operator" | "queue_timeout";

/** Who the visitor is and where they came from, as given when the chat started. */
export interface VisitorInfo {
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
  /** Pre-chat form answers keyed by field id. */
  readonly fields: Readonly<Record<string, string>>;
  readonly pageUrl: string | null;
  readonly referrer: string | null;
  readonly userAgent: string | null;
  readonly language: string | null;
  /** The visitor's IANA time zone as their browser reports it ("Europe/Paris"), for their local time. */
  readonly timezone: string | null;
}

/** Longest time zone name kept (the IANA names are far shorter). */
export const MAX_TIMEZONE_LENGTH = 64;
const TIMEZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,3}$/;

/**
 * The visitor's time zone if it is an IANA name this runtime knows, else null: the browser's word is
 * not trusted, and an unknown zone is dropped rather than refusing the chat.
 */
export function knownTimeZone(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_TIMEZONE_LENGTH || !TIMEZONE_NAME.test(value)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * One conversation. Mutable on purpose: the engine owns the only live copy and persists it after
 * each command, so commands stay allocation-light on the routing hot path.
 */
export interface Conversation {
  readonly id: string;
  readonly visitor: VisitorInfo;
  state: ConversationState;
  priority: Priority;
  /** Department routing target (picked by the visitor, set by a URL rule or by a transfer). */
  department: string | null;
  /** Operators a URL rule restricted this conversation to; null when not restricted. */
  targetOperatorIds: readonly string[] | null;
  /** Skills the conversation itself asks for, in addition to its department's. */
  requiredSkills: readonly string[];
  tags: readonly string[];
  important: boolean;
  /** The operator currently handling it (active), or who handled it last (ended). */
  operatorId: string | null;
  /** Operators who handled it before the current one, most recent last, without repeats. */
  previousOperatorIds: readonly string[];
  /** The current assignment exceeds the operator's capacity by a manager's decision. */
  capacityOverride: boolean;
  readonly createdAt: number;
  /** When the visitor last asked for help (creation or re-escalation): the queue's arrival time. */
  requestedAt: number;
  /** When it entered the queue it is in (null unless waiting). */
  enqueuedAt: number | null;
  /** First-response target from `queue.slaSeconds` for its priority, counted from `requestedAt`. */
  slaDueAt: number | null;
  assignedAt: number | null;
  /** First operator message since the last request (null until answered). */
  firstResponseAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  lastVisitorActivityAt: number;
  /** The first visitor message the operator has not answered yet (null once answered). */
  visitorAwaitingReplySince: number | null;
  /** The assigned operator's last message. */
  lastOperatorActivityAt: number | null;
  lastMessageAt: number;
  /** One-shot timeout messages: when each was last sent (the timeout policy compares with the silence start). */
  visitorReminderSentAt: number | null;
  reengagementSentAt: number | null;
  questionnaireOfferedAt: number | null;
  disconnectNoticeSentAt: number | null;
  stillBusyNoticeSentAt: number | null;
  /**
   * Due time of the last firing of each deadline kind. A deadline the policy still wants at that
   * same time has been handled and is not armed again (also after a restart).
   */
  firedDeadlines: Readonly<Record<string, number>>;
  /** Highest event seq each side has read (read receipts survive reconnects). */
  visitorReadSeq: number;
  operatorReadSeq: number;
  /** Sequence number of the last event appended to this conversation's log. */
  lastSeq: number;
}

/** States each state may move to. `active → active` is a transfer; `ended → …` is re-escalation. */
const TRANSITIONS: Readonly<Record<ConversationState, readonly ConversationState[]>> = {
  pending: ["waiting", "active", "ended"],
  waiting: ["active", "ended"],
  active: ["active", "waiting", "ended"],
  ended: ["waiting", "active"],
};

/** Whether the lifecycle allows `from → to`. */
export function canTransition(from: ConversationState, to: ConversationState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Moves a conversation to `to`, refusing a transition the lifecycle does not allow. */
export function transition(conversation: Conversation, to: ConversationState): void {
  if (!canTransition(conversation.state, to)) {
    throw new AppError("conversation.invalid_state", `conversation ${conversation.id} is ${conversation.state} and cannot become ${to}`, {
      state: conversation.state,
      to,
    });
  }
  conversation.state = to;
}

/** Refuses a command on a conversation that is not in one of `states`, with the precise code for ended ones. */
export function requireState(conversation: Conversation, ...states: ConversationState[]): void {
  if (states.includes(conversation.state)) return;
  if (conversation.state === "ended") throw new AppError("conversation.ended", `conversation ${conversation.id} has ended`);
  throw new AppError("conversation.invalid_state", `conversation ${conversation.id} is ${conversation.state}, expected ${states.join(" or ")}`, {
    state: conversation.state,
  });
}

/** Whether the conversation still occupies the engine (queue or operator capacity). */
export function isOpen(conversation: Pick<Conversation, "state">): boolean {
  return conversation.state !== "ended";
}

/** Records `operatorId` as a previous operator (most recent last, no repeats). */
export function rememberOperator(conversation: Conversation, operatorId: string): void {
  conversation.previousOperatorIds = [...conversation.previousOperatorIds.filter((id) => id !== operatorId), operatorId];
}
