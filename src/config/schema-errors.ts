/**
 * TypeBox validation errors rewritten for the person editing the YAML: "expected an integer from 0
 * to 65535, found 70000" at the right line, unknown keys with a "did you mean" suggestion, one issue
 * per key (TypeBox may report several constraints of the same value; one is enough to fix it).
 */
import type { TSchema } from "@sinclair/typebox";
import { Value, ValueErrorType, type ValueError } from "@sinclair/typebox/value";
import { describeFound, type ConfigIssue, type IssueLocator, type KeyPath } from "./issue.model";
import { knownKeys } from "./schema-walk";

/**
 * Every schema violation of `data` (defaults already applied), located through `source`. `prefix`
 * is where `data` sits in the file (plugin options validated after loading).
 */
export function schemaIssues(schema: TSchema, data: unknown, source: IssueLocator, prefix: KeyPath = []): ConfigIssue[] {
  const byPath = new Map<string, ValueError>();
  for (const error of Value.Errors(schema, data)) {
    const seen = byPath.get(error.path);
    const required = error.type === ValueErrorType.ObjectRequiredProperty;
    if (!seen || (required && seen.type !== ValueErrorType.ObjectRequiredProperty)) byPath.set(error.path, error);
  }
  return [...byPath.values()].map((error) => translate(error, [...prefix, ...decodePointer(error.path, data)], source));
}

function translate(error: ValueError, path: KeyPath, source: IssueLocator): ConfigIssue {
  const key = String(path[path.length - 1] ?? "");
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const keys = knownKeys(error.schema);
    const suggestion = closest(key, keys);
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : "";
    const expected = `one of the keys ${keys.join(", ")}`;
    return source.issue(path, `unknown key "${key}"${hint}`, { expected, found: JSON.stringify(key), anchor: "key" });
  }
  const expected = describeExpected(error.schema);
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    return source.issue(path, `missing required key "${key}" (${expected})`, { expected, found: "nothing" });
  }
  const found = describeFound(error.value);
  return source.issue(path, `expected ${expected}, found ${found}`, { expected, found });
}

type Described = TSchema & {
  expected?: string;
  anyOf?: Described[];
  const?: unknown;
  type?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  patternProperties?: unknown;
};

/** What a schema accepts, as a phrase that completes "expected …". */
export function describeExpected(schema: TSchema): string {
  const s = schema as Described;
  if (s.expected) return s.expected;
  if (s.anyOf) {
    const literals = s.anyOf.filter((variant) => variant.const !== undefined).map((variant) => String(variant.const));
    if (literals.length === s.anyOf.length) return `one of ${literals.join(", ")}`;
    return s.anyOf.map(describeExpected).join(" or ");
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  switch (s.type) {
    case "string":
      if (s.pattern) return `a string matching ${s.pattern}`;
      return s.minLength ? "a non-empty string" : "a string";
    case "integer":
      return `an integer${range(s)}`;
    case "number":
      return `a number${range(s)}`;
    case "boolean":
      return "true or false";
    case "array":
      return s.minItems ? `a list of at least ${s.minItems} item${s.minItems === 1 ? "" : "s"}` : "a list";
    case "object":
      return "a mapping";
    default:
      return "a value";
  }
}

function range(s: Described): string {
  if (s.minimum !== undefined && s.maximum !== undefined) return ` from ${s.minimum} to ${s.maximum}`;
  if (s.minimum !== undefined) return ` of at least ${s.minimum}`;
  if (s.maximum !== undefined) return ` of at most ${s.maximum}`;
  return "";
}

/** A JSON pointer from TypeBox (`/operators/2/email`) as a key path, indices as numbers. */
function decodePointer(pointer: string, data: unknown): KeyPath {
  const path: (string | number)[] = [];
  let value = data;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const index = Array.isArray(value) && /^\d+$/.test(segment) ? Number(segment) : segment;
    path.push(index);
    value = value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[index] : undefined;
  }
  return path;
}

/** The candidate nearest to `word` if it is a plausible typo (case slips, a few letters off). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  return best && best.distance <= tolerance ? best.candidate : undefined;
}

/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`: "prot" is 1 from "port". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i]![j] = best;
    }
  }
  return at(a.length, b.length);
}
