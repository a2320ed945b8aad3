/**
 * Rebuilding the engine from the store: at startup (after a restart or deploy) and after a command
 * failed mid-way. Conversations, their queue order and operator holdings, pending transfer
 * requests, wait samples and operator statuses all come back; every open conversation's deadlines
 * are re-armed from its facts (the scheduler upserts, and fires overdue ones at once).
 */
import { armRestoredGrace } from "../operator/operator.service";
import { entryOf } from "../queue/queue.model";
import { requeue } from "../transfer/transfer.service";
import { routeNow } from "../routing/router";
import { enqueue } from "../routing/assignment";
import { queueRefusal } from "./admission";
import { closeConversation } from "./conversation.service";
import type { EngineContext } from "./engine.context";
import { SYSTEM } from "./conversation.events";
import type { Conversation } from "./conversation.model";
import { recordMessageActivity } from "./message.service";

/** Reloads memory from the store. `startup` means no socket is connected yet (operators get a grace period). */
export function restoreFromStore(ctx: EngineContext, startup: boolean): void {
  const now = ctx.now();
  ctx.conversations.clear();
  ctx.queue.clear();
  ctx.transfers.clear();
  ctx.deadlines.clear();
  ctx.staffing.clear();
  ctx.roster.reset(now, !startup);
  for (const record of ctx.stores.operators.all()) ctx.roster.restore(record, now);
  for (const preference of ctx.stores.preferences?.all() ?? []) {
    const op = ctx.roster.get(preference.operatorId);
    if (op) ctx.roster.setOwnLimit(op, preference.maxConversations, now);
  }

  const { waits, handlings } = ctx.stores.conversations.recentDurations(ctx.config.queue.estimateSampleSize);
  ctx.estimator.resize(ctx.config.queue.estimateSampleSize);
  for (const ms of waits) ctx.estimator.recordWait(ms);
  for (const ms of handlings) ctx.estimator.recordHandling(ms);

  for (const c of ctx.stores.conversations.listOpen()) {
    catchUpWithLog(ctx, c);
    ctx.conversations.set(c.id, c);
    if (c.state === "waiting") ctx.queue.add(entryOf(c));
    const op = c.state === "active" && c.operatorId ? ctx.roster.get(c.operatorId) : undefined;
    if (op) ctx.roster.hold(op, c.id, now, true);
  }
  for (const request of ctx.stores.transfers.listPending()) ctx.transfers.set(request.id, request);
}

/**
 * A store may write a conversation's message activity later than its log (`updateActivity`): the
 * log is the truth, so the messages and notes after the row's lastSeq are replayed onto it.
 */
function catchUpWithLog(ctx: EngineContext, c: Conversation): void {
  for (const event of ctx.stores.events.list(c.id, { afterSeq: c.lastSeq, includeStaff: true })) {
    c.lastSeq = event.seq;
    if (event.type === "message" && (event.actor.kind === "visitor" || event.actor.kind === "operator")) recordMessageActivity(c, event.actor.kind, event.createdAt);
  }
}

/**
 * Startup follow-ups, run as one command after `restoreFromStore`: conversations left pending are
 * routed, conversations held by an operator who no longer exists are requeued, deadlines and
 * presence grace periods are armed, and the queues drained.
 */
export function reconcileAfterRestore(ctx: EngineContext): void {
  for (const c of [...ctx.conversations.values()]) {
    if (c.state === "pending") {
      if (routeNow(ctx, c)) continue;
      if (queueRefusal(ctx, c)) closeConversation(ctx, c, SYSTEM, "no_operator");
      else enqueue(ctx, c, "new");
    } else if (c.state === "active" && !(c.operatorId && ctx.roster.get(c.operatorId)?.configured)) {
      requeue(ctx, c, "operator no longer exists");
    } else {
      ctx.touch(c);
    }
  }
  for (const op of ctx.roster.all()) armRestoredGrace(ctx, op);
  ctx.requestDrain();
}
