/**
 * Shared by the config tests: a minimal valid file to extend, and helpers that find where a piece of
 * text sits in it, so assertions on line:column read as "the line that says `email: bob`".
 */
import { parseConfig, type LoadResult } from "./load";
import type { ConfigIssue } from "./issue.model";
import type { Env } from "./interpolate";

/** The smallest valid config: one admin. Tests append sections to it. */
export const MINIMAL = `operators:
  - id: alice
    name: Alice
    email: alice@example.com
    role: admin
`;

/** Parses `text` as `c.yaml` in /srv/parley (no file is read unless the config names one). */
export function parse(text: string, env: Env = {}): LoadResult {
  return parseConfig(text, { file: "/srv/parley/c.yaml", env });
}

/** The errors of a config that must fail; throws if it loaded. */
export function errorsOf(text: string, env: Env = {}): ConfigIssue[] {
  const result = parse(text, env);
  if (result.ok) throw new Error(`expected errors, the config loaded (warnings: ${result.warnings.join("; ")})`);
  return result.errors;
}

/** The warnings of a config that must load; throws with its errors if it did not. */
export function warningsOf(text: string, env: Env = {}): string[] {
  const result = parse(text, env);
  if (!result.ok) throw new Error(`expected the config to load, got:\n${result.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join("\n")}`);
  return result.warnings;
}

/** 1-based line and column where `needle` first appears in `text` (after `after`, if given). */
export function positionOf(text: string, needle: string, after = ""): { line: number; column: number } {
  const start = after === "" ? 0 : text.indexOf(after);
  const offset = text.indexOf(needle, Math.max(0, start));
  if (start < 0 || offset < 0) throw new Error(`"${needle}" not found in the fixture`);
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** The one issue at `path`; throws listing all issues when there is none. */
export function issueAt(issues: readonly ConfigIssue[], path: string): ConfigIssue {
  const found = issues.find((issue) => issue.path === path);
  if (!found) throw new Error(`no issue at ${path}; issues: ${issues.map((i) => `${i.path}: ${i.message}`).join(" | ")}`);
  return found;
}
