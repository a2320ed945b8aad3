/**
 * Who sees which offline message, written once for the REST list, the "mark handled" check and the
 * live `offline` push: supervisors (manager, admin) see every message; an operator sees messages
 * of their departments and those left without a department; an operator with no department at all
 * serves every department (as routing and the e-mail notification treat them), so sees them all.
 */

/** The facts about a staff member that decide their scope (an `OperatorPrincipal` fits). */
export interface OfflineViewer {
  readonly role: "admin" | "manager" | "operator";
  readonly departments: readonly string[];
}

/** Departments whose messages the viewer sees, or "all". */
export type OfflineScope = readonly string[] | "all";

/** The viewer's scope. */
export function offlineScope(viewer: OfflineViewer): OfflineScope {
  return viewer.role !== "operator" || viewer.departments.length === 0 ? "all" : viewer.departments;
}

/** Whether a message of `departmentId` (null: none chosen) is within `scope`. */
export function inOfflineScope(scope: OfflineScope, departmentId: string | null): boolean {
  return scope === "all" || departmentId === null || scope.includes(departmentId);
}
