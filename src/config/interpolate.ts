/**
 * `${ENV_VAR}` and `${ENV_VAR:-default}` in string values, so secrets (SMTP password, identity
 * secret) and per-host settings (port) stay out of the file. `$${` writes a literal `${`.
 *
 * Typing rule: an interpolated value is text; where the schema wants a number or a boolean and the
 * text reads as one ("8080", "true"), it becomes one. So `port: ${PORT}` works, while a password of
 * digits stays a string. Quoting does not matter. Values the file writes literally are never
 * converted: `port: "8080"` is still an error, as it would be without interpolation.
 */
import type { Scalar } from "yaml";
import type { TSchema } from "@sinclair/typebox";
import type { ConfigIssue, KeyPath } from "./issue.model";
import { schemaAt } from "./schema-walk";
import type { YamlSource } from "./yaml-source";

/** Environment variables as given to the process (values may be undefined). */
export type Env = Record<string, string | undefined>;

const reference = /\$\$\{|\$\{([^{}]*)\}|\$\{/g;
const body = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

/**
 * Replaces references in every scalar of `source` in place. Returns the paths whose value came
 * (even partly) from the environment, and an issue per unset variable or malformed reference.
 */
export function interpolateEnv(source: YamlSource, env: Env): { paths: KeyPath[]; issues: ConfigIssue[] } {
  const paths: KeyPath[] = [];
  const issues: ConfigIssue[] = [];
  source.forEachScalar((node, path) => {
    if (typeof node.value !== "string" || !node.value.includes("${")) return;
    const original = node.value;
    const problem = (index: number, message: string, expected: string, found: string) => {
      const { line, column } = source.position(offsetInFile(source, node, original, index));
      issues.push({ ...source.issue(path, message, { expected, found }), line, column });
    };
    const result = substitute(original, env, problem);
    node.value = result.text;
    if (result.touched) paths.push(path);
  });
  return { paths, issues };
}

/** Why a reference could not be substituted: where it starts in the value, the message, what was expected and found. */
type ReferenceProblem = (index: number, message: string, expected: string, found: string) => void;

/** `original` with its references replaced from `env`; `touched` when it held any (even a broken one). */
function substitute(original: string, env: Env, problem: ReferenceProblem): { text: string; touched: boolean } {
  let touched = false;
  const text = original.replace(reference, (match: string, inner: string | undefined, index: number) => {
    if (match === "$${") return "${";
    touched = true;
    if (inner === undefined) {
      problem(index, "unclosed ${: write ${NAME} or ${NAME:-default} (or $${ for a literal ${)", "${NAME}", JSON.stringify(original.slice(index, index + 20)));
      return match;
    }
    const parts = body.exec(inner);
    if (!parts) {
      problem(index, `malformed reference ${match}: write \${NAME} or \${NAME:-default}`, "${NAME} or ${NAME:-default}", JSON.stringify(match));
      return match;
    }
    const [, name = "", fallback] = parts;
    const value = env[name];
    if (fallback !== undefined && (value === undefined || value === "")) return fallback;
    if (value === undefined) {
      problem(index, `environment variable ${name} is not set (write \${${name}:-default} to give a default)`, `environment variable ${name}`, "nothing (unset)");
      return match;
    }
    return value;
  });
  return { text, touched };
}

/**
 * The same substitution over plain data (the quick loader's, which has no YAML nodes): replaces the
 * references in every string value in place (not in keys) and returns the paths it touched, or null
 * at the first reference that cannot be substituted (the exact loader then reports it with its line).
 */
export function interpolateData(data: unknown, env: Env): KeyPath[] | null {
  const paths: KeyPath[] = [];
  let broken = false;
  const visit = (container: Record<string | number, unknown>, key: string | number, path: KeyPath): void => {
    const value = container[key];
    if (typeof value === "string") {
      if (!value.includes("${")) return;
      const result = substitute(value, env, () => void (broken = true));
      container[key] = result.text;
      if (result.touched) paths.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((_, index) => visit(value as unknown as Record<number, unknown>, index, [...path, index]));
    } else if (value !== null && typeof value === "object") {
      for (const child of Object.keys(value)) visit(value as Record<string, unknown>, child, [...path, child]);
    }
  };
  if (data !== null && typeof data === "object") for (const key of Object.keys(data)) visit(data as Record<string, unknown>, key, [key]);
  return broken ? null : paths;
}

/** Offset of character `index` of a scalar's value in the file, when the source maps one to one. */
function offsetInFile(source: YamlSource, node: Scalar, value: string, index: number): number {
  const [start = 0, end = start] = node.range ?? [];
  const raw = source.text.slice(start, end);
  if (raw === value) return start + index;
  if (raw.slice(1, -1) === value && (node.type === "QUOTE_SINGLE" || node.type === "QUOTE_DOUBLE")) return start + 1 + index;
  return start;
}

const numeric = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Applies the typing rule to the plain data converted from the document: at each interpolated
 * path, text becomes a number or boolean where `schema` asks for one and the text reads as one.
 */
export function typeInterpolated(data: unknown, paths: readonly KeyPath[], schema: TSchema): void {
  for (const path of paths) {
    const parent = valueAt(data, path.slice(0, -1));
    const last = path[path.length - 1];
    if (last === undefined || parent === null || typeof parent !== "object") continue;
    const container = parent as Record<string | number, unknown>;
    const text = container[last];
    if (typeof text !== "string") continue;
    const type = (schemaAt(schema, path) as { type?: unknown } | undefined)?.type;
    const trimmed = text.trim();
    if ((type === "integer" || type === "number") && numeric.test(trimmed)) container[last] = Number(trimmed);
    if (type === "boolean" && /^(true|false)$/i.test(trimmed)) container[last] = trimmed.toLowerCase() === "true";
  }
}

function valueAt(data: unknown, path: KeyPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

