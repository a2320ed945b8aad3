/**
 * Who may receive a conversation. One rule set for every way a conversation reaches an operator
 * (routing, manual assignment, "assign to me", transfer, re-escalation): configured, connected, in a
 * status that accepts new conversations, on shift, serving the conversation's target, and below
 * capacity (only a manager may override capacity, and that is recorded).
 */
import type { Config } from "../../config/schema";
import type { RoutingCandidate, RoutingConversation } from "../../plugins/api";
import { effectiveHours, operatorOnShift } from "../hours/hours.resolve";
import { nextHoursTransition } from "../hours/hours.service";
import { AppError } from "../errors";
import type { Conversation } from "../conversation/conversation.model";
import type { EngineContext } from "../conversation/engine.context";
import type { OperatorRuntime } from "../operator/operator.model";
import { requiredSkills, type RoutingTarget } from "./routing-target";

/**
 * Whether the operator is on shift now. Cached until the next boundary of any schedule that
 * decides it, so a routing decision does not redo calendar math for every candidate.
 */
export function isOnShift(config: Config, op: OperatorRuntime, now: number): boolean {
  if (now < op.shiftKnownUntil) return op.onShift;
  const profile = op.profile;
  const schedules = profile.shift
    ? [profile.shift]
    : profile.departments.length > 0
      ? profile.departments.map((d) => effectiveHours(config, d))
      : [config.openingHours ?? null];
  op.onShift = operatorOnShift(config, profile, now);
  let until = Number.POSITIVE_INFINITY;
  for (const hours of schedules) until = Math.min(until, nextHoursTransition(hours, now)?.at ?? Number.POSITIVE_INFINITY);
  op.shiftKnownUntil = until;
  return op.onShift;
}

/**
 * Whether the operator works for this target: listed by the URL rule; or a member of the
 * department (an operator without departments serves every department); or anyone for the general queue.
 */
export function servesTarget(op: OperatorRuntime, target: RoutingTarget): boolean {
  if (target.targetOperatorIds) return target.targetOperatorIds.includes(op.id);
  if (target.department) return op.profile.departments.length === 0 || op.profile.departments.includes(target.department);
  return true;
}

/** How to check an operator for a conversation. */
export interface EligibilityOptions {
  /** A manager assigning may exceed capacity; the assignment is then flagged. */
  readonly allowCapacityOverride?: boolean;
  /** Require the operator to serve the conversation's department / URL rule (false for a manager's explicit choice). */
  readonly checkTarget?: boolean;
}

/**
 * Refuses, with the reason, an operator who may not receive `c`; returns whether the assignment
 * would exceed their capacity (only possible with `allowCapacityOverride`).
 */
export function requireEligible(ctx: EngineContext, op: OperatorRuntime, c: Conversation, options: EligibilityOptions = {}): { capacityOverride: boolean } {
  const name = op.profile.name;
  const details = { operatorId: op.id };
  if (!op.configured) throw new AppError("operator.not_found", `no operator ${op.id}`);
  if (op.presence !== "online") throw new AppError("operator.unavailable", `${name} is not connected`, { ...details, reason: "offline" });
  if (!op.accepting) {
    const label = ctx.roster.statusOf(op).label;
    throw new AppError("operator.unavailable", `${name} is "${label}" and does not take new conversations`, { ...details, reason: "status", status: op.status });
  }
  if (!isOnShift(ctx.config, op, ctx.now())) throw new AppError("operator.unavailable", `${name}'s shift has ended`, { ...details, reason: "shift" });
  if (options.checkTarget !== false && !servesTarget(op, c)) {
    throw new AppError("operator.unavailable", `${name} does not serve ${c.department ? `department ${c.department}` : "this conversation"}`, { ...details, reason: "target" });
  }
  if (op.active.size >= op.capacity) {
    if (!options.allowCapacityOverride) {
      throw new AppError("operator.at_capacity", `${name} already has ${op.active.size} of ${op.capacity} conversations`, { ...details, capacity: op.capacity });
    }
    return { capacityOverride: true };
  }
  return { capacityOverride: false };
}

/** Whether an available operator (online, accepting, below capacity) is a routing candidate for the target now. */
function isCandidate(ctx: EngineContext, op: OperatorRuntime, target: RoutingTarget, now: number): boolean {
  return servesTarget(op, target) && isOnShift(ctx.config, op, now);
}

/** Operators routing may choose for `c` now (excluding some, e.g. the operator transferring it away). */
export function candidatesFor(ctx: EngineContext, c: RoutingTarget, exclude?: ReadonlySet<string>): OperatorRuntime[] {
  const now = ctx.now();
  const result: OperatorRuntime[] = [];
  for (const op of ctx.roster.available) {
    if (exclude?.has(op.id) || !isCandidate(ctx, op, c, now)) continue;
    result.push(op);
  }
  return result;
}

/** Whether routing would find anyone for the target now (stops at the first candidate; no strategy call). */
export function hasCandidate(ctx: EngineContext, target: RoutingTarget): boolean {
  const now = ctx.now();
  for (const op of ctx.roster.available) if (isCandidate(ctx, op, target, now)) return true;
  return false;
}

/** An operator as a routing strategy sees it. */
export function toCandidate(op: OperatorRuntime): RoutingCandidate {
  return {
    id: op.id,
    name: op.profile.name,
    departments: op.profile.departments,
    skills: op.profile.skills,
    activeConversations: op.active.size,
    capacity: op.capacity,
    lastAssignedAt: op.lastAssignedAt,
    availableSince: op.availableSince,
  };
}

/** A conversation as a routing strategy sees it. */
export function toRoutingConversation(config: Config, c: Conversation): RoutingConversation {
  return {
    id: c.id,
    priority: c.priority,
    department: c.department,
    requiredSkills: requiredSkills(config, c.department, c.requiredSkills),
    createdAt: c.createdAt,
    pageUrl: c.visitor.pageUrl,
    previousOperatorIds: c.previousOperatorIds,
    language: c.visitor.language,
  };
}
