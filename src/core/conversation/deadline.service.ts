/**
 * Applying timeouts. After every change the conversation's timing facts go through the timeout
 * policy (src/core/timers) and only the deadlines that moved are sent to the persistent scheduler.
 * When one fires, `handleDeadline` re-asks the policy: a deadline that is no longer wanted, or not
 * yet due, is stale (the facts changed since it was armed, or it was restored after a restart) and
 * does nothing. Due ones apply their effect: end, remind, notify, transfer, offer a questionnaire.
 */
import { deadlineKey, CONVERSATION_DEADLINE_KINDS, type ConversationDeadlineKind, type ConversationTiming, type Deadline } from "../timers/timeouts.model";
import { diffDeadlines } from "../timers/deadlines.diff";
import { wantedDeadlines } from "../timers/timeouts.policy";
import { AppError } from "../errors";
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

/** Sends the scheduler the difference between the deadlines armed for `c` and those the policy wants now. */
export function syncDeadlines(ctx: EngineContext, c: Conversation): void {
  const wanted = c.state === "ended" ? [] : wantedDeadlines(timingOf(ctx, c), ctx.config);
  const current = ctx.deadlines.get(c.id) ?? [];
  if (current.length === 0 && wanted.length === 0) return;
  const { set, cancel } = diffDeadlines<string>(current, wanted);
  for (const d of set) ctx.scheduler.set(deadlineKey(c.id, d.kind), d.kind, d.dueAt, { conversationId: c.id });
  for (const kind of cancel) ctx.scheduler.cancel(deadlineKey(c.id, kind));
  if (wanted.length === 0) ctx.deadlines.delete(c.id);
  else ctx.deadlines.set(c.id, wanted);
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
  if (!isConversationKind(kind)) throw new AppError("request.invalid", `unknown deadline kind "${kind}"`);
  const c = conversationId ? ctx.conversations.get(conversationId) : undefined;
  if (!c) return;
  ctx.touch(c);
  const due = wantedDeadlines(timingOf(ctx, c), ctx.config).find((d: Deadline) => d.kind === kind);
  if (!due || due.dueAt > ctx.now()) {
    // Stale: forget it, so the sync after this command arms the kind again at its right time if still wanted.
    const armed = ctx.deadlines.get(c.id);
    if (armed) ctx.deadlines.set(c.id, armed.filter((d) => d.kind !== kind));
    return;
  }
  // Due: it stays recorded as armed at this time, so the sync does not re-arm the same instant;
  // a fact change that moves it (new activity, new assignment) arms it again.
  applyEffect(ctx, c, kind);
}

function applyEffect(ctx: EngineContext, c: Conversation, kind: ConversationDeadlineKind): void {
  const now = ctx.now();
  const phrases = ctx.config.widget.phrases;
  switch (kind) {
    case "visitor-inactivity-end":
      return closeConversation(ctx, c, SYSTEM, "inactivity");
    case "operator-timeout-reminder": {
      const endsAt = wantedDeadlines(timingOf(ctx, c), ctx.config).find((d) => d.kind === "visitor-inactivity-end")?.dueAt ?? now;
      ctx.append(c, "operator.reminder", SYSTEM, { endsAt });
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
      if (!autoTransfer(ctx, c, "inactivity")) ctx.scheduler.set(deadlineKey(c.id, kind), kind, now + retryMs, { conversationId: c.id });
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
  }
}
