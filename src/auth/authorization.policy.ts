/**
 * Server-side authorization, as pure functions over a {@link Principal}: every HTTP route and socket
 * command asks these instead of re-deriving role rules, so "who may see what" is written (and tested)
 * once. The UI hides what a role cannot do, but only these checks are trusted.
 */
import type { Permission, Role } from "../config/schema";
import { AppError } from "../core/errors";
import type { OperatorPrincipal, Principal } from "./principal.model";

/** Higher rank = more power; a role may do everything a lower-ranked role may. */
const ROLE_RANK: Readonly<Record<Role, number>> = { operator: 1, manager: 2, admin: 3 };

/**
 * The facts about a conversation that decide who may see it. Structural, so the conversation engine
 * passes its own model without this module importing it.
 */
export interface ConversationAccess {
  readonly visitorId: string;
  readonly state: "pending" | "waiting" | "active" | "ended";
  /** The operator currently (or, once ended, last) assigned. */
  readonly operatorId?: string | null;
  readonly departmentId?: string | null;
  /** A transfer offered but not yet accepted. */
  readonly pendingTransfer?: { readonly toOperatorId?: string | null; readonly toDepartmentId?: string | null } | null;
}

/** True for staff of `role` or a more powerful role. */
export function hasRoleAtLeast(principal: Principal, role: Role): boolean {
  return principal.kind === "operator" && ROLE_RANK[principal.role] >= ROLE_RANK[role];
}

/** Supervisors (manager, admin) see everything and may override routing decisions. */
function isSupervisor(principal: Principal): boolean {
  return hasRoleAtLeast(principal, "manager");
}

/**
 * Visitor: only their own conversation. Operator: the ones assigned to them, the ones waiting in
 * their departments (or in no department, when routing is not by department), and the ones being
 * transferred to them or their departments. Manager/admin: all.
 */
export function canViewConversation(principal: Principal, conv: ConversationAccess): boolean {
  if (principal.kind === "visitor") return conv.visitorId === principal.visitorId;
  if (isSupervisor(principal)) return true;
  if (conv.operatorId === principal.id) return true;
  const inMyDepartments = (dept: string | null | undefined) => !!dept && principal.departments.includes(dept);
  if (conv.state === "pending" || conv.state === "waiting") {
    if (!conv.departmentId || inMyDepartments(conv.departmentId)) return true;
  }
  const transfer = conv.pendingTransfer;
  if (transfer && (transfer.toOperatorId === principal.id || inMyDepartments(transfer.toDepartmentId))) return true;
  return false;
}

/**
 * Who may post into a live conversation: its visitor, its assigned operator, and supervisors
 * stepping in (the "request manager help" flow). Nobody writes into an ended conversation.
 */
export function canReplyToConversation(principal: Principal, conv: ConversationAccess): boolean {
  if (conv.state === "ended") return false;
  if (principal.kind === "visitor") return conv.visitorId === principal.visitorId;
  if (isSupervisor(principal)) return conv.state === "active";
  return conv.state === "active" && conv.operatorId === principal.id;
}

/** Silent monitoring of other operators' conversations is a supervisor's tool. */
export function canMonitor(principal: Principal): boolean {
  return isSupervisor(principal);
}

/** Whether the principal's role has a dashboard feature switched on in config.permissions. */
export function hasPermission(principal: Principal, flag: Permission): boolean {
  return principal.kind === "operator" && principal.permissions[flag] === true;
}

/** Throws `auth.forbidden` unless the principal is staff of at least `role`. */
export function assertRoleAtLeast(principal: Principal, role: Role): asserts principal is OperatorPrincipal {
  if (principal.kind !== "operator" || !hasRoleAtLeast(principal, role)) throw new AppError("auth.forbidden", `This action requires the ${role} role or above.`);
}

/** Throws `permission.disabled` when the feature is switched off for the principal's role. */
export function assertPermission(principal: Principal, flag: Permission): void {
  if (!hasPermission(principal, flag)) throw new AppError("permission.disabled", `The "${flag}" feature is disabled for your role.`);
}
