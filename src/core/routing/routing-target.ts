/**
 * Where a new conversation should go, from `routing.mode`: the department the visitor picked
 * (`department` mode), the first URL rule whose glob matches the page (`url` mode: a department or
 * a list of operators), or anyone (`none`). The two modes are exclusive, as in the product: in
 * `url` mode a department sent by the widget is ignored, in `none` mode both are.
 */
import type { Config, UrlRuleConfig } from "../../config/schema";
import { AppError } from "../errors";

/** The routing target of a conversation. */
export interface RoutingTarget {
  readonly department: string | null;
  readonly targetOperatorIds: readonly string[] | null;
}

/** Anyone may take it. */
export const ANYONE: RoutingTarget = { department: null, targetOperatorIds: null };

/**
 * Turns a URL glob into an anchored, case-insensitive regular expression: `*` matches any run of
 * characters (including none and `/`), everything else is literal.
 */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i");
}

interface CompiledRule {
  readonly rule: UrlRuleConfig;
  readonly regexp: RegExp;
}

const compiledRules = new WeakMap<readonly UrlRuleConfig[], CompiledRule[]>();

/** Rules compiled once per config snapshot. */
function compile(rules: readonly UrlRuleConfig[]): CompiledRule[] {
  let compiled = compiledRules.get(rules);
  if (!compiled) {
    compiled = rules.map((rule) => ({ rule, regexp: globToRegExp(rule.pattern) }));
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

/** The first URL rule matching a page, if any. */
export function matchUrlRule(rules: readonly UrlRuleConfig[], pageUrl: string): UrlRuleConfig | null {
  for (const { rule, regexp } of compile(rules)) if (regexp.test(pageUrl)) return rule;
  return null;
}

/** `department.not_found` unless the department is configured. */
export function requireDepartment(config: Pick<Config, "departments">, department: string): void {
  if (!config.departments.some((d) => d.id === department)) {
    throw new AppError("department.not_found", `no department ${department}`, { known: config.departments.map((d) => d.id) });
  }
}

/** The routing target for a new conversation. */
export function resolveTarget(config: Pick<Config, "routing" | "departments">, input: { department?: string | null; pageUrl?: string | null }): RoutingTarget {
  switch (config.routing.mode) {
    case "department": {
      if (!input.department) return ANYONE;
      requireDepartment(config, input.department);
      return { department: input.department, targetOperatorIds: null };
    }
    case "url": {
      const rule = input.pageUrl ? matchUrlRule(config.routing.urlRules, input.pageUrl) : null;
      if (!rule) return ANYONE;
      if (rule.operators) return { department: rule.department ?? null, targetOperatorIds: rule.operators };
      return { department: rule.department ?? null, targetOperatorIds: null };
    }
    case "none":
      return ANYONE;
  }
}

/** Skills a conversation needs: its department's plus its own, without repeats. */
export function requiredSkills(config: Pick<Config, "departments">, department: string | null, own: readonly string[]): string[] {
  const fromDepartment = department ? (config.departments.find((d) => d.id === department)?.skills ?? []) : [];
  return [...new Set([...fromDepartment, ...own])];
}
