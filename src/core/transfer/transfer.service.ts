/**
 * Transfers. A direct transfer moves an active conversation now: to an operator (who must be
 * connected, accepting, on shift and below capacity, else it is refused with the reason) or to a
 * department (routed among its operators, or queued there). The receiver sees who transferred it
 * and the message. Automatic transfers (operator inactive or disconnected) use the same path.
 * Transfer requests (`/t Name`, `/a`) live in transfer-request.service.ts.
 */
import { isManager, requireHandlerOrManager } from "../conversation/actor.policy";
import { SYSTEM, viewOf, type Actor, type ConversationView } from "../conversation/conversation.events";
import { requireState, type Conversation } from "../conversation/conversation.model";
import type { EngineContext } from "../conversation/engine.context";
import { AppError } from "../errors";
import type { OperatorRuntime } from "../operator/operator.model";
import { queueKeyOf } from "../queue/queue.model";
import { assignTo, enqueue, release } from "../routing/assignment";
import { requireEligible, servesTarget } from "../routing/eligibility";
import { chooseOperator } from "../routing/router";
import { requireDepartment } from "../routing/routing-target";
import { autoTransferRound } from "./auto-transfer.round";
import { cancelTransfersFor } from "./transfer-request.service";

/** Where a conversation is transferred. */
export type TransferTarget = { readonly operatorId: string } | { readonly department: string };

/** Options of a direct transfer. */
export interface TransferOptions {
  /** Shown to the receiving operator, never to the visitor. */
  readonly message?: string | null;
  /** A manager may hand a conversation to an operator above capacity (recorded). */
  readonly overrideCapacity?: boolean;
}

/** How a hand-over is recorded. */
interface HandOver {
  readonly by: Actor;
  readonly message: string | null;
  readonly transferId: string | null;
  readonly automatic: boolean;
  readonly reason: string;
  readonly capacityOverride?: boolean;
}

/** Moves an active conversation from its operator to `op` (all checks done by the caller). */
export function handOver(ctx: EngineContext, c: Conversation, op: OperatorRuntime, h: HandOver): void {
  const from = release(ctx, c);
  cancelTransfersFor(ctx, c, "conversation transferred", h.transferId);
  ctx.append(c, "conversation.transferred", h.by, {
    transferId: h.transferId,
    fromOperatorId: from?.id ?? null,
    toOperatorId: op.id,
    toDepartment: null,
    message: h.message,
    automatic: h.automatic,
    reason: h.reason,
  });
  assignTo(ctx, c, op, { mode: "transfer", by: h.by, reason: h.reason, capacityOverride: h.capacityOverride ?? false });
}

/** Takes an active conversation from its operator and puts it back in its queue. */
export function requeue(ctx: EngineContext, c: Conversation, reason: string): void {
  const from = release(ctx, c);
  cancelTransfersFor(ctx, c, reason, null);
  c.operatorId = null;
  ctx.append(c, "conversation.requeued", SYSTEM, { fromOperatorId: from?.id ?? "", reason });
  enqueue(ctx, c, "requeue");
}

/** Transfers an active conversation now. */
export function transferConversation(ctx: EngineContext, conversationId: string, target: TransferTarget, by: Actor, options: TransferOptions = {}): ConversationView {
  const c = ctx.loadOpen(conversationId);
  requireState(c, "active");
  requireHandlerOrManager(c, by);
  if (options.overrideCapacity && !isManager(by)) throw new AppError("auth.forbidden", "only a manager may override capacity");
  const message = options.message?.trim() || null;
  if ("operatorId" in target) {
    if (target.operatorId === c.operatorId) throw new AppError("transfer.invalid", `conversation ${c.id} is already with ${target.operatorId}`);
    const op = ctx.roster.require(target.operatorId);
    const { capacityOverride } = requireEligible(ctx, op, c, { allowCapacityOverride: options.overrideCapacity === true, checkTarget: false });
    handOver(ctx, c, op, { by, message, transferId: null, automatic: false, reason: "transferred to an operator", capacityOverride });
  } else {
    transferToDepartment(ctx, c, target.department, by, message);
  }
  return viewOf(c);
}

/**
 * Routes the conversation among the department's operators (other than the current one), or
 * queues it there; refused when nobody else serving the department is connected.
 */
function transferToDepartment(ctx: EngineContext, c: Conversation, department: string, by: Actor, message: string | null): void {
  requireDepartment(ctx.config, department);
  const probe: Conversation = { ...c, department, targetOperatorIds: null };
  const current = c.operatorId ? ctx.roster.get(c.operatorId) : undefined;
  const choice = chooseOperator(ctx, probe, { exclude: new Set(current ? [current.id] : []) });
  if (!choice) {
    const { connected } = ctx.staffing.get(queueKeyOf(probe), probe);
    const currentCounts = current && current.presence !== "offline" && current.status !== "offline" && servesTarget(current, probe) ? 1 : 0;
    if (connected - currentCounts <= 0) throw new AppError("operator.unavailable", `nobody else from department ${department} is connected`, { department });
  }
  const from = release(ctx, c);
  cancelTransfersFor(ctx, c, "conversation transferred", null);
  c.department = department;
  c.targetOperatorIds = null;
  ctx.append(c, "conversation.transferred", by, {
    transferId: null,
    fromOperatorId: from?.id ?? null,
    toOperatorId: null,
    toDepartment: department,
    message,
    automatic: false,
    reason: "transferred to a department",
  });
  if (choice) {
    assignTo(ctx, c, choice.operator, { mode: "transfer", by, reason: choice.reason });
  } else {
    c.operatorId = null;
    enqueue(ctx, c, "transfer");
  }
}

/**
 * Automatic transfer (operator inactive, or disconnected with `transferOnOperatorDisconnect`), to
 * an operator who has not already had the conversation in this round (see auto-transfer.round.ts),
 * so two silent operators never pass a waiting visitor back and forth.
 *
 * - inactivity: when everyone available was tried, the conversation stays with its operator (the
 *   reference only ever transfers "to another operator"; the queue would hand it straight back to
 *   one of them) and the caller retries later, which reaches an operator who became available since.
 * - disconnect: an untried operator if possible, else anyone connected, else back to the queue.
 *
 * The visitor hears about it (`autoTransferNotifyVisitor`) at most once per round.
 * Returns whether the conversation moved.
 */
export function autoTransfer(ctx: EngineContext, c: Conversation, cause: "inactivity" | "disconnect"): boolean {
  const round = autoTransferRound(ctx, c);
  let choice = chooseOperator(ctx, c, { exclude: round.tried });
  if (!choice && cause === "disconnect") choice = chooseOperator(ctx, c, { exclude: new Set(c.operatorId ? [c.operatorId] : []) });
  const reason = cause === "inactivity" ? "operator did not answer in time" : "operator disconnected";
  if (choice) handOver(ctx, c, choice.operator, { by: SYSTEM, message: null, transferId: null, automatic: true, reason });
  else if (cause === "disconnect") requeue(ctx, c, reason);
  else return false;
  if (ctx.config.timeouts.autoTransferNotifyVisitor && !round.visitorNotified) {
    ctx.append(c, "notice", SYSTEM, { kind: "auto_transfer", offlineForm: false }, { body: ctx.config.widget.phrases.autoTransferNotice });
  }
  return true;
}
