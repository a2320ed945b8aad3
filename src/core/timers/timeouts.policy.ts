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
export type TimeoutPolicyConfig = Pick<Config, "timeouts" | "statuses" | "questionnaires">;

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

/** The visitor's silence counts from their last activity, or from when the current operator took over if later. */
const visitorSilenceStart = (t: ConversationTiming) => latest(t.lastVisitorActivityAt, t.assignedAt);

/** When the conversation ends for visitor silence, if that rule applies. */
function inactivityEnd(t: ConversationTiming, config: TimeoutPolicyConfig): number | null {
  const minutes = config.timeouts.visitorInactivityMinutes;
  const start = visitorSilenceStart(t);
  if (t.status !== "active" || minutes <= 0 || start === null) return null;
  return start + minutes * MINUTE;
}

/** End the conversation after `visitorInactivityMinutes` of visitor silence. Reset by visitor activity or a new assignment. */
const visitorInactivityEnd: Rule = (t, config) => {
  const end = inactivityEnd(t, config);
  return end === null ? null : deadline("visitor-inactivity-end", end);
};

/** Warn the operator `operatorReminderBeforeTimeoutSeconds` before that end (skipped if it would fall before the silence began). */
const operatorTimeoutReminder: Rule = (t, config) => {
  const end = inactivityEnd(t, config);
  const before = config.timeouts.operatorReminderBeforeTimeoutSeconds;
  if (end === null || before <= 0) return null;
  const due = end - before * SECOND;
  return due > visitorSilenceStart(t)! ? deadline("operator-timeout-reminder", due) : null;
};

/** Send the visitor the reminder message after `visitorReminderMinutes` of their silence, once per silence, only if before the end. */
const visitorReminder: Rule = (t, config) => {
  const minutes = config.timeouts.visitorReminderMinutes;
  const start = visitorSilenceStart(t);
  if (t.status !== "active" || minutes <= 0 || start === null || alreadySent(t.visitorReminderSentAt, start)) return null;
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
  if (t.lastOperatorMessageAt === null || t.visitorAwaitingReplySince !== null) return null;
  const silenceStart = latest(t.lastOperatorMessageAt, t.lastVisitorActivityAt)!;
  if (alreadySent(t.reengagementSentAt, silenceStart)) return null;
  const due = silenceStart + minutes * MINUTE;
  const end = inactivityEnd(t, config);
  return end !== null && due >= end ? null : deadline("reengagement", due);
};

/**
 * Transfer when the operator has left the visitor unanswered for `autoTransferSeconds`, counted
 * from the first unanswered visitor message (a chatty visitor does not postpone it) or from the
 * assignment if later (a new operator gets the full delay). Reset by an operator reply.
 */
const autoTransfer: Rule = (t, config) => {
  const seconds = config.timeouts.autoTransferSeconds;
  if (t.status !== "active" || seconds <= 0 || t.visitorAwaitingReplySince === null) return null;
  return deadline("auto-transfer", latest(t.visitorAwaitingReplySince, t.assignedAt)! + seconds * SECOND);
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
 * information"), tell the visitor the operator is still on it after that long without the operator
 * writing here; counted from the status change or the operator's last message, once per stretch.
 */
const stillSearchingNotice: Rule = (t, config) => {
  if (t.status !== "active" || t.operatorStatus === null || t.operatorStatusSince === null) return null;
  const seconds = config.statuses.find((s) => s.id === t.operatorStatus)?.stillBusyNoticeAfterSeconds ?? 0;
  if (seconds <= 0) return null;
  const since = latest(t.operatorStatusSince, t.lastOperatorMessageAt)!;
  return alreadySent(t.stillBusyNoticeSentAt, since) ? null : deadline("still-searching-notice", since + seconds * SECOND);
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
