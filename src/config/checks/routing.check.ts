/**
 * Routing: department routing and URL routing are exclusive (per the product), and each needs
 * something to route to. URL rules must name real departments or operators.
 */
import type { ConfigCheck } from "./check-context";

/** The chosen mode has what it needs; URL rules are flagged when they would be ignored. */
export const routingModeIsUsable: ConfigCheck = (context) => {
  const { routing, departments } = context.config;
  if (routing.mode === "department" && departments.length === 0) {
    context.error(["routing", "mode"], 'routing mode "department" needs at least one department in departments', { expected: "at least one department", found: "none" });
  }
  if (routing.mode === "url" && routing.urlRules.length === 0) {
    context.error(["routing", "mode"], 'routing mode "url" needs at least one rule in routing.urlRules', { expected: "at least one URL rule", found: "none" });
  }
  if (routing.mode !== "url" && routing.urlRules.length > 0) {
    context.warn(["routing", "urlRules"], `URL rules are ignored because routing.mode is "${routing.mode}" (they apply only with mode: url)`);
  }
};

/** Each URL rule targets exactly one department or a list of operators, all of which exist. */
export const urlRulesTargetExist: ConfigCheck = (context) => {
  const { routing, departments, operators } = context.config;
  const departmentIds = new Set(departments.map((d) => d.id));
  const operatorIds = new Set(operators.map((o) => o.id));
  routing.urlRules.forEach((rule, i) => {
    const path = ["routing", "urlRules", i] as const;
    if ((rule.department === undefined) === (rule.operators === undefined)) {
      const found = rule.department === undefined ? "neither" : "both";
      context.error(path, `a URL rule needs exactly one of department or operators, found ${found}`, { expected: "exactly one of department, operators", found });
    }
    if (rule.department !== undefined && !departmentIds.has(rule.department)) {
      context.error([...path, "department"], `unknown department "${rule.department}"`, { expected: "the id of a department" });
    }
    rule.operators?.forEach((operator, j) => {
      if (!operatorIds.has(operator)) context.error([...path, "operators", j], `unknown operator "${operator}"`, { expected: "the id of an operator" });
    });
  });
};
