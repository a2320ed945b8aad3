/**
 * Applying timeouts. After every change the conversation's timing facts go through the timeout
 * policy (src/core/timers) and only the deadlines that moved are sent to the persistent scheduler.
 * When one fires, `handleDeadline` re-asks the policy: a deadline that is no longer wanted, or not
 * yet due, is stale (the facts changed since it was armed) and does nothing. Due ones apply their
 * effect (end, remind, notify, transfer, offer a questionnaire) and are recorded on the conversation
 * as fired at that due time, so neither the next sync nor a restart arms the same one again.
 */
import { deadlineKey, CONVERSATION_DEADLINE_KINDS, type ConversationDeadlineKind, type ConversationTiming, type Deadline } from "../timers/timeouts.model";
import { diffDeadlines } from "../timers/deadlines.diff";
import { wantedDeadlines } from "../timers/timeouts.policy";
import { presenceGraceExpired, PRESENCE_GRACE } from "../operator/operator.service";
import { autoTransfer } from "../transfer/transfer.service";
import { expireTransfer, TRANSFER_EXPIRY } from "../transfer/transfer-request.service";
import { SYSTEM } from "./conversation.events";
import type { Conversation } from "./conversation.model";
import { closeConversation } from "./conversation.service";
import type { EngineContext } from "./engine.context";
import { notify } from "./message.service";

/** The facts the timeout policy reads, from the conversation and its operator. */
export function timingOf(ctx: EngineContext, c: Conversation): ConversationTiming {
  const op = c.state === "active" && c.operatorId ? ctx.roster.get(c.operatorId) : undefined;
  return {
    status: c.state,
    waitingSince: c.state === "waiting" ? c.enqueuedAt : null,
    assignedAt: c.state === "active" ? c.assignedAt : null,
    lastVisitorActivityAt: c.lastVisitorActivityAt,
    visitorAwaitingReplySince: c.visitorAwaitingReplySince,
    lastOperatorMessageAt: c.lastOperatorActivityAt,
    operatorStatus: op?.status ?? null,
    operatorStatusSince: op?.statusSince ?? null,
    operatorDisconnectedAt: op && op.presence !== "online" ? op.disconnectedAt : null,
    visitorReminderSentAt: c.visitorReminderSentAt,
    reengagementSentAt: c.reengagementSentAt,
    disconnectNoticeSentAt: c.disconnectNoticeSentAt,
    stillBusyNoticeSentAt: c.stillBusyNoticeSentAt,
    waitingQuestionnaireOfferedAt: c.questionnaireOfferedAt,
  };
}

/** The deadlines the policy wants for `c`, minus those already fired at that same time. */
function pendingDeadlines(ctx: EngineContext, c: Conversation): Deadline[] {
  if (c.state === "ended") return [];
  return wantedDeadlines(timingOf(ctx, c), ctx.config).filter((d) => c.firedDeadlines[d.kind] !== d.dueAt);
}

/** Sends the scheduler the difference between the deadlines armed for `c` and those it should have now. */
export function syncDeadlines(ctx: EngineContext, c: Conversation): void {
  const wanted = pendingDeadlines(ctx, c);
  const current = ctx.deadlines.get(c.id) ?? [];
  if (current.length === 0 && wanted.length === 0) return;
  const { set, cancel } = diffDeadlines<string>(current, wanted);
  for (const d of set) ctx.scheduler.set(deadlineKey(c.id, d.kind), d.kind, d.dueAt, { conversationId: c.id }, c.id);
  for (const kind of cancel) ctx.scheduler.cancel(deadlineKey(c.id, kind));
  if (wanted.length === 0) ctx.deadlines.delete(c.id);
  else ctx.deadlines.set(c.id, wanted);
  if (c.state === "ended") ctx.scheduler.cancelForConversation?.(c.id);
}

function isConversationKind(kind: string): kind is ConversationDeadlineKind {
  return (CONVERSATION_DEADLINE_KINDS as readonly string[]).includes(kind);
}

/**
 * A stored deadline fired. Conversation kinds take the conversation id; `presence-grace` and
 * `transfer-expiry` read `operatorId` / `transferId` from the payload. Stale deadlines do nothing.
 */
export function handleDeadline(ctx: EngineContext, kind: string, conversationId: string | null, payload: Record<string, unknown> = {}): void {
  if (kind === PRESENCE_GRACE) return presenceGraceExpired(ctx, String(payload.operatorId ?? ""));
  if (kind === TRANSFER_EXPIRY) return expireTransfer(ctx, String(payload.transferId ?? ""));
  if (!isConversationKind(kind)) {
    // Not ours (or from an older version): acknowledge it so the scheduler does not retry it forever.
    ctx.logger.warn("ignoring a deadline of unknown kind", { kind, conversationId });
    return;
  }
  const c = conversationId ? ctx.conversations.get(conversationId) : undefined;
  if (!c) return;
  ctx.touch(c);
  // The scheduler consumed this key: forget it, so the sync after this command arms it again if still pending.
  const armed = ctx.deadlines.get(c.id);
  if (armed) ctx.deadlines.set(c.id, armed.filter((d) => d.kind !== kind));
  // An automatic-transfer retry re-runs a deadline that already fired, so it reads the unfiltered policy.
  const retrying = kind === "auto-transfer" && payload.retry === true;
  const due = (retrying ? wantedDeadlines(timingOf(ctx, c), ctx.config) : pendingDeadlines(ctx, c)).find((d) => d.kind === kind);
  if (!due || due.dueAt > ctx.now()) return;
  c.firedDeadlines = { ...c.firedDeadlines, [kind]: due.dueAt };
  applyEffect(ctx, c, kind);
}

function applyEffect(ctx: EngineContext, c: Conversation, kind: ConversationDeadlineKind): void {
  const now = ctx.now();
  const phrases = ctx.config.widget.phrases;
  switch (kind) {
    case "visitor-inactivity-end":
      return closeConversation(ctx, c, SYSTEM, "inactivity");
    case "operator-timeout-reminder": {
      // Warns of whichever timeout runs now: the end on the visitor's turn, the transfer on the operator's.
      const timeout = wantedDeadlines(timingOf(ctx, c), ctx.config).find((d) => d.kind === "visitor-inactivity-end" || d.kind === "auto-transfer");
      ctx.append(c, "operator.reminder", SYSTEM, { endsAt: timeout?.dueAt ?? now, outcome: timeout?.kind === "auto-transfer" ? "transfer" : "end" });
      return;
    }
    case "visitor-reminder":
      c.visitorReminderSentAt = now;
      notify(ctx, c, "visitor_reminder", phrases.visitorReminder);
      return;
    case "reengagement":
      c.reengagementSentAt = now;
      notify(ctx, c, "reengagement", phrases.reengagement);
      return;
    case "auto-transfer": {
      // Nobody else can take it now: try again after another full delay rather than give up.
      const retryMs = ctx.config.timeouts.autoTransferSeconds * 1000;
      if (!autoTransfer(ctx, c, "inactivity")) ctx.scheduler.set(deadlineKey(c.id, kind), kind, now + retryMs, { conversationId: c.id, retry: true }, c.id);
      return;
    }
    case "operator-disconnect-notice":
      c.disconnectNoticeSentAt = now;
      notify(ctx, c, "operator_disconnected", phrases.operatorDisconnected);
      return;
    case "operator-disconnect-transfer": {
      const op = c.operatorId ? ctx.roster.get(c.operatorId) : undefined;
      if (op && op.presence !== "online") autoTransfer(ctx, c, "disconnect");
      return;
    }
    case "waiting-questionnaire": {
      const questionnaire = ctx.config.questionnaires.find((q) => q.when === "waiting");
      c.questionnaireOfferedAt = now;
      if (questionnaire) ctx.append(c, "questionnaire.offered", SYSTEM, { questionnaireId: questionnaire.id });
      return;
    }
    case "still-searching-notice": {
      const op = c.operatorId ? ctx.roster.get(c.operatorId) : undefined;
      c.stillBusyNoticeSentAt = now;
      const text = op ? ctx.roster.statusOf(op).stillBusyNotice : null;
      notify(ctx, c, "still_busy", text ?? phrases.stillSearching);
      return;
    }
    case "queue-timeout":
      // Told why, with the offline form (the widget prefills it with what they wrote), then out of the queue.
      notify(ctx, c, "queue_timeout", phrases.queueTimeout, true);
      return closeConversation(ctx, c, SYSTEM, "queue_timeout");
  }
}
