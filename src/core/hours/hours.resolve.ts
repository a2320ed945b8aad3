/**
 * Which schedule applies to whom. Departments may have their own opening hours ("hours can be set
 * by skill"), operators may have a personal shift; everything else falls back to the global
 * `openingHours`, and no schedule at all means always open.
 */
import type { Config, OpeningHoursConfig } from "../../config/schema";
import { isOpen } from "./hours.service";

/** The parts of the config the resolution reads (a narrow type keeps tests and callers small). */
export type HoursConfig = Pick<Config, "openingHours" | "departments">;

/**
 * The schedule governing conversations of `departmentId`: the department's own hours, else the
 * global hours, else `null` (= always open). An unknown department (e.g. removed by a config
 * reload while a conversation still names it) falls back to the global hours rather than failing.
 */
export function effectiveHours(config: HoursConfig, departmentId: string | null): OpeningHoursConfig | null {
  const department = departmentId === null ? undefined : config.departments.find((d) => d.id === departmentId);
  return department?.openingHours ?? config.openingHours ?? null;
}

/**
 * Whether an operator may be given new conversations at `at` as far as time goes (status and
 * capacity are checked elsewhere). Their personal `shift` wins; else they are on shift while any
 * of their departments is open (each by its effective hours); an operator without departments
 * follows the global hours, or is always on shift when none are set. Conversations already in
 * progress are not affected: a shift ending only stops new assignments.
 */
export function operatorOnShift(config: HoursConfig, operator: { readonly shift?: OpeningHoursConfig; readonly departments: readonly string[] }, at: number): boolean {
  if (operator.shift) return isOpen(operator.shift, at);
  if (operator.departments.length > 0) return operator.departments.some((id) => isOpen(effectiveHours(config, id), at));
  return isOpen(config.openingHours ?? null, at);
}
