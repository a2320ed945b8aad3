/**
 * The vocabulary of conversation timeouts: which deadlines exist, and the timing facts of a
 * conversation they are computed from. The conversation service keeps these facts up to date and
 * asks the policy (`timeouts.policy.ts`) for the deadlines that should exist after every change;
 * the persistent scheduler (src/jobs/deadlines.ts) stores them so they survive a restart.
 */

/** Every kind of conversation deadline, in the order the docs present them. */
export const CONVERSATION_DEADLINE_KINDS = [
  "visitor-inactivity-end",
  "operator-timeout-reminder",
  "visitor-reminder",
  "reengagement",
  "auto-transfer",
  "operator-disconnect-notice",
  "operator-disconnect-transfer",
  "waiting-questionnaire",
  "still-searching-notice",
  "queue-timeout",
] as const;

/** What happens when a conversation deadline is due (the handler in the engine switches on it). */
export type ConversationDeadlineKind = (typeof CONVERSATION_DEADLINE_KINDS)[number];

/** A deadline as the policy wants it: what should happen, and when (epoch ms). */
export interface Deadline<K extends string = ConversationDeadlineKind> {
  readonly kind: K;
  readonly dueAt: number;
}

/** Conversation states as far as timeouts care (names from the lifecycle in docs/ARCHITECTURE.md). */
export type TimedConversationStatus = "pending" | "waiting" | "active" | "ended";

/**
 * What the policy needs to know about one conversation. Epoch ms; `null` = never / not applicable.
 * "Activity" means something a person did: automatic messages (reminders, notices, re-engagement)
 * never count, otherwise a reminder would postpone the timeout it announces.
 */
export interface ConversationTiming {
  readonly status: TimedConversationStatus;
  /** When the conversation entered the queue for the current waiting period. */
  readonly waitingSince: number | null;
  /** When the current operator got the conversation (assignment or accepted transfer). */
  readonly assignedAt: number | null;
  /** The visitor's last message, file or questionnaire answer (typing does not count). */
  readonly lastVisitorActivityAt: number | null;
  /** The first visitor message the operator has not answered yet; `null` once the operator replied. */
  readonly visitorAwaitingReplySince: number | null;
  /** The assigned operator's last message in this conversation. */
  readonly lastOperatorMessageAt: number | null;
  /** The assigned operator's status id (`connected`, `break`, a configured one…). */
  readonly operatorStatus: string | null;
  /** Since when the operator has had `operatorStatus`. */
  readonly operatorStatusSince: number | null;
  /** When the operator's last connection dropped (not when the presence grace expired); `null` while connected. */
  readonly operatorDisconnectedAt: number | null;
  /** One-shot notices already sent, so recomputing after one fired does not arm it again. */
  readonly visitorReminderSentAt?: number | null;
  readonly reengagementSentAt?: number | null;
  readonly disconnectNoticeSentAt?: number | null;
  readonly stillBusyNoticeSentAt?: number | null;
  readonly waitingQuestionnaireOfferedAt?: number | null;
}

/** The scheduler key of a conversation deadline: one per (conversation, kind), so setting it again moves it. */
export function deadlineKey(conversationId: string, kind: string): string {
  return `conversation:${conversationId}:${kind}`;
}
