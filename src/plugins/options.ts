/**
 * Plugin options: the YAML's free-form `options` mapping checked against the plugin's own
 * `optionsSchema`, defaults filled in, then frozen. This is also the one place where the contract's
 * opaque `TSchema` is treated as the TypeBox schema it is at runtime (guarded by `KindGuard`).
 */
import { KindGuard, type TSchema as TypeBoxSchema } from "@sinclair/typebox";
import { Value, ValueErrorType, type ValueError } from "@sinclair/typebox/value";
import { closest, describeExpected } from "../config/schema-errors";
import { describeFound } from "../config/issue.model";
import type { PluginDefinition, TSchema } from "./api";

/** A key path inside the options, list indices as numbers (same shape as config key paths). */
export type OptionPath = readonly (string | number)[];

/** One problem with a plugin's options, located inside its `options` mapping. */
export interface OptionIssue {
  readonly pluginId: string;
  /** Path inside the options, e.g. `["reserveForHighPriority"]`; empty for the mapping itself. */
  readonly path: OptionPath;
  readonly message: string;
  readonly expected: string;
  readonly found: string;
}

/** Validated options (defaults filled, deeply frozen), or why they are refused. */
export type OptionsResult = { readonly ok: true; readonly options: unknown } | { readonly ok: false; readonly issues: readonly OptionIssue[] };

/** The runtime TypeBox schema behind a contract schema, or undefined if the plugin passed something else. */
export function asTypeBoxSchema(schema: TSchema | undefined): TypeBoxSchema | undefined {
  return KindGuard.IsSchema(schema) ? schema : undefined;
}

/**
 * Checks `raw` (the YAML mapping, possibly absent) against the plugin's schema. Unknown top-level
 * keys are refused unless the schema opts in with `additionalProperties: true`, because a typo in
 * an option name would otherwise be silently ignored.
 */
export function resolveOptions(plugin: PluginDefinition, raw: unknown): OptionsResult {
  const schema = asTypeBoxSchema(plugin.optionsSchema);
  const given = raw ?? {};
  const issue = (path: OptionPath, message: string, expected: string, found: string): OptionIssue => ({ pluginId: plugin.id, path, message, expected, found });
  if (!schema) {
    const keys = isPlainObject(given) ? Object.keys(given) : ["(value)"];
    if (keys.length === 0) return { ok: true, options: Object.freeze({}) };
    return { ok: false, issues: keys.map((key) => issue([key], `plugin "${plugin.id}" takes no options`, "no options", describeFound(key))) };
  }
  const value = Value.Default(schema, Value.Clone(given));
  const issues = [...unknownKeys(schema, value, issue), ...schemaIssues(schema, value, issue)];
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, options: deepFreeze(value) };
}

type IssueMaker = (path: OptionPath, message: string, expected: string, found: string) => OptionIssue;

function unknownKeys(schema: TypeBoxSchema, value: unknown, issue: IssueMaker): OptionIssue[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (!KindGuard.IsObject(schema) || !properties || schema.additionalProperties !== undefined || !isPlainObject(value)) return [];
  const known = Object.keys(properties);
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const suggestion = closest(key, known);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : "";
      return issue([key], `unknown option "${key}"${hint}`, `one of the options ${known.join(", ") || "(none)"}`, JSON.stringify(key));
    });
}

function schemaIssues(schema: TypeBoxSchema, value: unknown, issue: IssueMaker): OptionIssue[] {
  const byPath = new Map<string, ValueError>();
  for (const error of Value.Errors(schema, value)) {
    if (error.type === ValueErrorType.ObjectAdditionalProperties) continue; // reported by unknownKeys when not opted in
    const seen = byPath.get(error.path);
    if (!seen || (error.type === ValueErrorType.ObjectRequiredProperty && seen.type !== ValueErrorType.ObjectRequiredProperty)) byPath.set(error.path, error);
  }
  return [...byPath.values()].map((error) => {
    const path = decodePointer(error.path);
    const expected = describeExpected(error.schema);
    if (error.type === ValueErrorType.ObjectRequiredProperty) {
      return issue(path, `missing required option "${String(path[path.length - 1])}" (${expected})`, expected, "nothing");
    }
    const found = describeFound(error.value);
    return issue(path, `expected ${expected}, found ${found}`, expected, found);
  });
}

/** A JSON pointer (`/weights/0`) as a key path, all-digit segments as list indices. */
function decodePointer(pointer: string): OptionPath {
  if (pointer === "") return [];
  return pointer
    .split("/")
    .slice(1)
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Renders an option path for a log line: `weights[0].skill`. */
export function formatOptionPath(path: OptionPath): string {
  return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Freezes a JSON-like value all the way down, so a plugin cannot change options shared by every call. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
