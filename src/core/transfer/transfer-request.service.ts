/**
 * The request/accept flow behind `/t Name` and `/a`: a request waits for its target operator, who
 * accepts (`/a` takes the oldest pending request addressed to them), declines, or lets it expire
 * after `timeouts.transferRequestSeconds`. Accepting runs the same eligibility checks as any
 * assignment. Ending or transferring the conversation cancels its pending request.
 */
import { requireHandlerOrManager, requireStaff } from "../conversation/actor.policy";
import { viewOf, type Actor, type ConversationView } from "../conversation/conversation.events";
import { requireState, type Conversation } from "../conversation/conversation.model";
import type { EngineContext } from "../conversation/engine.context";
import { AppError } from "../errors";
import { requireEligible } from "../routing/eligibility";
import type { TransferRequest, TransferState } from "./transfer.model";
import { handOver } from "./transfer.service";

/** Deadline kind and key of a request's expiry. */
export const TRANSFER_EXPIRY = "transfer-expiry";
const expiryKey = (transferId: string) => `transfer:${transferId}`;

/** Pending requests addressed to an operator, oldest first (what `/a` picks from). */
export function pendingTransfersFor(ctx: EngineContext, operatorId: string): TransferRequest[] {
  return [...ctx.transfers.values()].filter((t) => t.toOperatorId === operatorId).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

function finish(ctx: EngineContext, request: TransferRequest, state: TransferState): void {
  request.state = state;
  request.resolvedAt = ctx.now();
  ctx.markWritten();
  ctx.stores.transfers.update(request);
  ctx.transfers.delete(request.id);
  if (state !== "expired" && request.expiresAt !== null) ctx.scheduler.cancel(expiryKey(request.id));
}

/** Asks `toOperatorId` to take an active conversation; pending until accepted, declined or expired. */
export function requestTransfer(ctx: EngineContext, conversationId: string, toOperatorId: string, by: Actor, message?: string | null): TransferRequest {
  const c = ctx.loadOpen(conversationId);
  requireState(c, "active");
  requireHandlerOrManager(c, by);
  const staff = requireStaff(by);
  if ([...ctx.transfers.values()].some((t) => t.conversationId === c.id)) {
    throw new AppError("transfer.invalid", `conversation ${c.id} already has a pending transfer request`);
  }
  const target = ctx.roster.require(toOperatorId);
  if (target.id === c.operatorId) throw new AppError("transfer.invalid", `conversation ${c.id} is already with ${target.profile.name}`);
  if (target.presence === "offline") throw new AppError("operator.unavailable", `${target.profile.name} is not connected`, { operatorId: target.id, reason: "offline" });
  const now = ctx.now();
  const seconds = ctx.config.timeouts.transferRequestSeconds;
  const request: TransferRequest = {
    id: ctx.ids.next("transfer"),
    conversationId: c.id,
    fromOperatorId: c.operatorId!,
    toOperatorId: target.id,
    message: message?.trim() || null,
    requestedBy: staff.id,
    state: "pending",
    createdAt: now,
    expiresAt: seconds > 0 ? now + seconds * 1000 : null,
    resolvedAt: null,
  };
  ctx.markWritten();
  ctx.stores.transfers.insert(request);
  ctx.transfers.set(request.id, request);
  ctx.append(c, "transfer.requested", by, { transferId: request.id, fromOperatorId: request.fromOperatorId, toOperatorId: target.id, message: request.message, expiresAt: request.expiresAt });
  if (request.expiresAt !== null) ctx.scheduler.set(expiryKey(request.id), TRANSFER_EXPIRY, request.expiresAt, { transferId: request.id });
  return request;
}

/** The request an operator answers: the given one (which must be theirs) or their oldest pending one. */
function requestFor(ctx: EngineContext, operatorId: string, transferId?: string): TransferRequest {
  const request = transferId ? ctx.transfers.get(transferId) : pendingTransfersFor(ctx, operatorId)[0];
  if (!request) throw new AppError("transfer.not_found", transferId ? `no pending transfer request ${transferId}` : "no pending transfer request for you");
  if (request.toOperatorId !== operatorId) throw new AppError("auth.forbidden", `transfer request ${request.id} is addressed to another operator`);
  return request;
}

/** `/a`: the target operator takes the conversation (if eligible right now: connected, accepting, on shift, below capacity). */
export function acceptTransfer(ctx: EngineContext, operatorId: string, transferId?: string): ConversationView {
  const op = ctx.roster.require(operatorId);
  const request = requestFor(ctx, operatorId, transferId);
  const c = ctx.loadOpen(request.conversationId);
  requireEligible(ctx, op, c, { checkTarget: false });
  finish(ctx, request, "accepted");
  handOver(ctx, c, op, { by: { kind: "operator", id: op.id, role: op.profile.role }, message: request.message, transferId: request.id, automatic: false, reason: "transfer request accepted" });
  return viewOf(c);
}

/** The target operator refuses; the conversation stays where it is. */
export function declineTransfer(ctx: EngineContext, operatorId: string, transferId?: string): TransferRequest {
  ctx.roster.require(operatorId);
  const request = requestFor(ctx, operatorId, transferId);
  finish(ctx, request, "declined");
  const c = ctx.load(request.conversationId);
  ctx.append(c, "transfer.declined", { kind: "operator", id: operatorId, role: ctx.roster.require(operatorId).profile.role }, { transferId: request.id, toOperatorId: operatorId });
  return request;
}

/** The expiry deadline fired: a still-pending request lapses. */
export function expireTransfer(ctx: EngineContext, transferId: string): void {
  const request = ctx.transfers.get(transferId);
  if (!request || request.expiresAt === null || request.expiresAt > ctx.now()) return;
  finish(ctx, request, "expired");
  ctx.append(ctx.load(request.conversationId), "transfer.expired", { kind: "system", id: null }, { transferId: request.id, toOperatorId: request.toOperatorId });
}

/** Cancels a conversation's pending requests (it ended or moved), except `keep` (the one being accepted). */
export function cancelTransfersFor(ctx: EngineContext, c: Conversation, reason: string, keep: string | null): void {
  for (const request of [...ctx.transfers.values()]) {
    if (request.conversationId !== c.id || request.id === keep) continue;
    finish(ctx, request, "cancelled");
    ctx.append(c, "transfer.cancelled", { kind: "system", id: null }, { transferId: request.id, toOperatorId: request.toOperatorId, reason });
  }
}
