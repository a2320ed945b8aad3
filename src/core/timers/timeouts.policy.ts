/**
 * The timeout policy: from a conversation's timing facts and `config.timeouts`, the set of
 * deadlines that should exist right now. Pure and total — the engine calls it after every change
 * (message, assignment, status, disconnect, a deadline firing) and hands the result to the
 * scheduler through `diffDeadlines`, so a rule is written once here and never as scattered timers.
 *
 * A setting of 0 disables its deadline. The exact rules (and what resets each) are in
 * docs/hours-and-timeouts.md; each function below states its own.
 */
import type { Config } from "../../config/schema";
import type { ConversationDeadlineKind, ConversationTiming, Deadline } from "./timeouts.model";

/** The parts of the config the policy reads. */
export type TimeoutPolicyConfig = Pick<Config, "timeouts" | "statuses" | "questionnaires"> & { readonly queue?: Pick<Config["queue"], "maxWaitMinutes"> };

const SECOND = 1000;
const MINUTE = 60 * SECOND;

type Rule = (t: ConversationTiming, config: TimeoutPolicyConfig) => Deadline | null;

// Both run for every rule on every message: plain comparisons, no arrays.
const latest = (a: number | null | undefined, b: number | null | undefined): number | null => {
  if (typeof a !== "number") return typeof b === "number" ? b : null;
  return typeof b === "number" && b > a ? b : a;
};
const alreadySent = (sentAt: number | null | undefined, since: number) => sentAt != null && sentAt >= since;
const deadline = (kind: ConversationDeadlineKind, dueAt: number): Deadline => ({ kind, dueAt });

/**
 * Whose turn it is decides which side a silence rule is about. While the visitor awaits an answer
 * it is the operator who is late: that is auto-transfer's and the still-searching notice's
 * business, and asking that visitor "are you still there?" or closing the chat for *their*
 * inactivity would blame the one person who is waiting. The visitor-silence rules (inactivity end,
 * its operator warning, the reminder) run only when the visitor is not awaiting an answer.
 */
const visitorAwaitsReply = (t: ConversationTiming) => t.visitorAwaitingReplySince !== null;

/** The operator had the last word: the visitor owes the next message (nobody having written yet is not enough). */
const operatorHadLastWord = (t: ConversationTiming) => t.visitorAwaitingReplySince === null && t.lastOperatorMessageAt !== null;

/**
 * The visitor's silence counts from when the turn passed to them: their own last activity, the
 * operator's last message, or the current operator taking over, whichever is latest (a visitor who
 * waited in the queue is never closed the moment an operator joins; an answer given at minute 29
 * gives the visitor a full timeout to read it and reply).
 */
const visitorSilenceStart = (t: ConversationTiming) => latest(latest(t.lastVisitorActivityAt, t.assignedAt), t.lastOperatorMessageAt);

/** When the conversation ends for visitor silence, if that rule applies (active, the visitor awaits no answer). */
function inactivityEnd(t: ConversationTiming, config: TimeoutPolicyConfig): number | null {
  const minutes = config.timeouts.visitorInactivityMinutes;
  if (t.status !== "active" || minutes <= 0 || visitorAwaitsReply(t)) return null;
  const start = visitorSilenceStart(t);
  return start === null ? null : start + minutes * MINUTE;
}

/** End the conversation after `visitorInactivityMinutes` of silence while the visitor awaits no answer. Reset by any message or a new assignment. */
const visitorInactivityEnd: Rule = (t, config) => {
  const end = inactivityEnd(t, config);
  return end === null ? null : deadline("visitor-inactivity-end", end);
};

/**
 * Warn the operator `operatorReminderBeforeTimeoutSeconds` before the conversation times out on
 * them, whoever's turn it is: on the visitor's turn before the inactivity end (the operator can
 * nudge the visitor, which restarts their silence), while the visitor awaits an answer before the
 * automatic transfer (the operator can still answer). Skipped if it would fall before that wait began.
 */
const operatorTimeoutReminder: Rule = (t, config) => {
  const before = config.timeouts.operatorReminderBeforeTimeoutSeconds;
  if (before <= 0) return null;
  const end = inactivityEnd(t, config);
  const transfer = end === null ? autoTransferAt(t, config) : null;
  const timeout = end ?? transfer;
  if (timeout === null) return null;
  const waitStart = end !== null ? visitorSilenceStart(t)! : operatorDelayStart(t)!;
  const due = timeout - before * SECOND;
  return due > waitStart ? deadline("operator-timeout-reminder", due) : null;
};

/**
 * Send the visitor the reminder ("are you still there?") after `visitorReminderMinutes` of their
 * silence, only when the operator is the one waiting (the last message was the operator's), once
 * per silence, and only if before the end.
 */
const visitorReminder: Rule = (t, config) => {
  const minutes = config.timeouts.visitorReminderMinutes;
  if (t.status !== "active" || minutes <= 0 || !operatorHadLastWord(t)) return null;
  const start = visitorSilenceStart(t)!;
  if (alreadySent(t.visitorReminderSentAt, start)) return null;
  const due = start + minutes * MINUTE;
  const end = inactivityEnd(t, config);
  return end !== null && due >= end ? null : deadline("visitor-reminder", due);
};

/**
 * Send the re-engagement message after `reengagementMinutes` of silence on both sides, when the
 * operator had the last word (a visitor still waiting for an answer is auto-transfer's business),
 * the operator is connected and their status is one of `reengagementStatuses`. Once per silence.
 */
const reengagement: Rule = (t, config) => {
  const { reengagementMinutes: minutes, reengagementStatuses: statuses } = config.timeouts;
  if (t.status !== "active" || minutes <= 0 || t.operatorDisconnectedAt !== null) return null;
  if (t.operatorStatus === null || !statuses.includes(t.operatorStatus)) return null;
  if (!operatorHadLastWord(t)) return null;
  const silenceStart = latest(t.lastOperatorMessageAt, t.lastVisitorActivityAt)!;
  if (alreadySent(t.reengagementSentAt, silenceStart)) return null;
  const due = silenceStart + minutes * MINUTE;
  const end = inactivityEnd(t, config);
  return end !== null && due >= end ? null : deadline("reengagement", due);
};

/** The operator's delay counts from the first unanswered visitor message, or from the assignment if later. */
const operatorDelayStart = (t: ConversationTiming) => latest(t.visitorAwaitingReplySince, t.assignedAt);

/** When the automatic transfer is due, if that rule applies (active, the visitor awaits an answer). */
function autoTransferAt(t: ConversationTiming, config: TimeoutPolicyConfig): number | null {
  const seconds = config.timeouts.autoTransferSeconds;
  if (t.status !== "active" || seconds <= 0 || !visitorAwaitsReply(t)) return null;
  return operatorDelayStart(t)! + seconds * SECOND;
}

/**
 * Transfer when the operator has left the visitor unanswered for `autoTransferSeconds`, counted
 * from the first unanswered visitor message (a chatty visitor does not postpone it) or from the
 * assignment if later (a new operator gets the full delay). Reset by an operator reply.
 */
const autoTransfer: Rule = (t, config) => {
  const at = autoTransferAt(t, config);
  return at === null ? null : deadline("auto-transfer", at);
};

/** Tell the visitor their operator is disconnected `operatorDisconnectNoticeSeconds` after the drop, once per drop. Reset by reconnecting. */
const operatorDisconnectNotice: Rule = (t, config) => {
  const seconds = config.timeouts.operatorDisconnectNoticeSeconds;
  const since = t.operatorDisconnectedAt;
  if (t.status !== "active" || seconds <= 0 || since === null || alreadySent(t.disconnectNoticeSentAt, since)) return null;
  return deadline("operator-disconnect-notice", since + seconds * SECOND);
};

/** With `transferOnOperatorDisconnect`, transfer once the presence grace (`presenceGraceSeconds`) after the drop has passed. */
const operatorDisconnectTransfer: Rule = (t, config) => {
  const since = t.operatorDisconnectedAt;
  if (t.status !== "active" || !config.timeouts.transferOnOperatorDisconnect || since === null) return null;
  return deadline("operator-disconnect-transfer", since + config.timeouts.presenceGraceSeconds * SECOND);
};

/** Offer the waiting questionnaire after `waitingQuestionnaireMinutes` in queue, if one is configured, once per conversation. */
const waitingQuestionnaire: Rule = (t, config) => {
  const minutes = config.timeouts.waitingQuestionnaireMinutes;
  if (t.status !== "waiting" || minutes <= 0 || t.waitingSince === null || t.waitingQuestionnaireOfferedAt != null) return null;
  if (!config.questionnaires.some((q) => q.when === "waiting")) return null;
  return deadline("waiting-questionnaire", t.waitingSince + minutes * MINUTE);
};

/**
 * When the operator's status defines `stillBusyNoticeAfterSeconds` (e.g. "searching for
 * information"), tell the visitor the operator is still on it after that long; counted from the
 * status change or the visitor's (first unanswered) question, whichever is later, once per stretch.
 * Not when the operator had the last word: that visitor is not waiting for anything (the status
 * may well be about another conversation), and the operator's next reply starts a new stretch.
 */
const stillSearchingNotice: Rule = (t, config) => {
  if (t.status !== "active" || t.operatorStatus === null || t.operatorStatusSince === null || operatorHadLastWord(t)) return null;
  const seconds = config.statuses.find((s) => s.id === t.operatorStatus)?.stillBusyNoticeAfterSeconds ?? 0;
  if (seconds <= 0) return null;
  // An operator message answers the visitor (ending the stretch), so it never comes after the question.
  const since = latest(t.operatorStatusSince, t.visitorAwaitingReplySince)!;
  return alreadySent(t.stillBusyNoticeSentAt, since) ? null : deadline("still-searching-notice", since + seconds * SECOND);
};

/**
 * Take the visitor out of the queue after `queue.maxWaitMinutes` of waiting (0 = no limit), counted
 * from when the current waiting period began: a conversation sent back to the queue by a transfer
 * or a requeue starts a new one (the visitor was served in between).
 */
const queueTimeout: Rule = (t, config) => {
  const minutes = config.queue?.maxWaitMinutes ?? 0;
  if (t.status !== "waiting" || minutes <= 0 || t.waitingSince === null) return null;
  return deadline("queue-timeout", t.waitingSince + minutes * MINUTE);
};

const RULES: readonly Rule[] = [
  visitorInactivityEnd,
  operatorTimeoutReminder,
  visitorReminder,
  reengagement,
  autoTransfer,
  operatorDisconnectNotice,
  operatorDisconnectTransfer,
  waitingQuestionnaire,
  stillSearchingNotice,
  queueTimeout,
];

/**
 * The deadlines that should exist for a conversation with these facts, at most one per kind.
 * A due time may already be past (e.g. recomputed after a restart): the scheduler then fires it at once.
 */
export function wantedDeadlines(timing: ConversationTiming, config: TimeoutPolicyConfig): Deadline[] {
  const wanted: Deadline[] = [];
  if (timing.status === "ended" || timing.status === "pending") return wanted;
  for (const rule of RULES) {
    const d = rule(timing, config);
    if (d !== null) wanted.push(d);
  }
  return wanted;
}
