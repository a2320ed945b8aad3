/**
 * Who is making a request, as every route and socket sees it after authentication. Staff of every
 * role share one shape (`kind: "operator"`) so policies branch on `role`, never on where the
 * principal came from; visitors are a separate kind because they never hold staff powers.
 */
import type { Config, OperatorConfig, PermissionFlags, Role } from "../config/schema";

/** A signed-in staff member (operator, manager or admin), resolved against the *current* config. */
export interface OperatorPrincipal {
  readonly kind: "operator";
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly departments: readonly string[];
  /** The dashboard features this role may use (config.permissions[role]). */
  readonly permissions: Readonly<PermissionFlags>;
}

/** A widget visitor; `conversationId` is set by the socket layer once a conversation is bound. */
export interface VisitorPrincipal {
  readonly kind: "visitor";
  readonly visitorId: string;
  readonly conversationId?: string;
}

/** Anyone the authorization policy can reason about. */
export type Principal = OperatorPrincipal | VisitorPrincipal;

/** Builds the principal of a configured operator, so permissions always follow the live config. */
export function operatorPrincipal(operator: OperatorConfig, config: Config): OperatorPrincipal {
  return {
    kind: "operator",
    id: operator.id,
    name: operator.name,
    email: operator.email,
    role: operator.role,
    departments: operator.departments,
    permissions: config.permissions[operator.role],
  };
}

/** Finds a configured operator by login e-mail, case-insensitively (e-mail addresses are, in practice). */
export function findOperatorByEmail(config: Config, email: string): OperatorConfig | undefined {
  const wanted = normaliseEmail(email);
  return config.operators.find((op) => normaliseEmail(op.email) === wanted);
}

/** The canonical form of a login e-mail: trimmed, lower-cased. Also the lockout key. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
