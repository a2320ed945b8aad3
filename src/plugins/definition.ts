/**
 * Checks what a plugin factory returned before anything calls it. Plugins are written in plain
 * TypeScript or JavaScript without the host's type checker, so every promise of the contract is
 * verified at load time and turned into one sentence an admin can act on.
 */
import type { PluginDefinition } from "./api";
import { asTypeBoxSchema } from "./options";

/** Plugin ids: the same rule as config ids, since the YAML names plugins by id. */
export const PLUGIN_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The plugin kinds and the folder of `plugins.dir` each may live in. */
export const PLUGIN_KINDS = { routing: "routing", questionnaire: "questionnaires" } as const;

/** A definition that passed {@link checkDefinition}, or why it did not. */
export type DefinitionCheck = { readonly ok: true; readonly definition: PluginDefinition } | { readonly ok: false; readonly reason: string };

/** Verifies one value returned by a factory against the contract. */
export function checkDefinition(value: unknown): DefinitionCheck {
  const fail = (reason: string): DefinitionCheck => ({ ok: false, reason });
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail(`a definition must be an object, got ${describe(value)}`);
  const def = value as Record<string, unknown>;
  if (def.kind !== "routing" && def.kind !== "questionnaire") return fail(`kind must be "routing" or "questionnaire", got ${describe(def.kind)}`);
  if (typeof def.id !== "string" || !PLUGIN_ID_PATTERN.test(def.id)) {
    return fail(`id must be lower-case letters, digits, - and _ (${PLUGIN_ID_PATTERN.source}), got ${describe(def.id)}`);
  }
  const named = `${def.kind} plugin "${def.id}"`;
  if (def.description !== undefined && typeof def.description !== "string") return fail(`${named}: description must be a string, got ${describe(def.description)}`);
  if (def.optionsSchema !== undefined && !asTypeBoxSchema(def.optionsSchema as never)) {
    return fail(`${named}: optionsSchema must be built with host.t (e.g. host.t.Object({...})), got ${describe(def.optionsSchema)}`);
  }
  const required = def.kind === "routing" ? ["pick"] : ["questions", "score"];
  for (const method of required) {
    if (typeof def[method] !== "function") return fail(`${named}: ${method} must be a function, got ${describe(def[method])}`);
  }
  return { ok: true, definition: value as PluginDefinition };
}

/** A short description of an unexpected value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
