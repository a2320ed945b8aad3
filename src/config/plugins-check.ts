/**
 * Plugin ids and options can only be checked once the plugin host knows which plugins exist (built
 * in, or loaded from `plugins.dir`). The host calls {@link validateAgainst} at startup, in
 * `check-config` and as a reload validator; issues still point at the line that names the plugin.
 */
import type { TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { positionlessLocator, type ConfigIssue, type IssueLocator, type KeyPath } from "./issue.model";
import type { Config } from "./schema";
import { closest, schemaIssues } from "./schema-errors";
import { sourceOf } from "./yaml-source";

/** A plugin the host knows: its id, and the schema of its options when it declares one. */
export type PluginRef = string | { readonly id: string; readonly optionsSchema?: TSchema };

/** The plugins available to a config. */
export interface KnownPlugins {
  readonly routingStrategies: readonly PluginRef[];
  readonly questionnaires: readonly PluginRef[];
}

/**
 * Issues for plugin ids the config names but the host does not have, and for options that do not
 * match a plugin's `optionsSchema`. Empty when everything resolves.
 */
export function validateAgainst(config: Config, known: KnownPlugins): ConfigIssue[] {
  const locator: IssueLocator = sourceOf(config) ?? positionlessLocator("config");
  const issues: ConfigIssue[] = [];
  const check = (kind: string, id: string, refs: readonly PluginRef[], at: KeyPath, options: unknown, optionsAt: KeyPath) => {
    const plugin = refs.map(normalize).find((ref) => ref.id === id);
    if (!plugin) {
      const ids = refs.map((ref) => normalize(ref).id);
      const suggestion = closest(id, ids);
      const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
      const message = `unknown ${kind} plugin "${id}" (${hint}available: ${ids.join(", ") || "none"})`;
      issues.push(locator.issue(at, message, { expected: `one of ${ids.join(", ")}`, found: JSON.stringify(id) }));
    } else if (plugin.optionsSchema) {
      const filled = Value.Default(plugin.optionsSchema, Value.Clone(options));
      issues.push(...schemaIssues(plugin.optionsSchema, filled, locator, optionsAt));
    }
  };
  check("routing strategy", config.routing.strategy, known.routingStrategies, ["routing", "strategy"], config.routing.options, ["routing", "options"]);
  config.questionnaires.forEach((questionnaire, i) =>
    check("questionnaire", questionnaire.plugin, known.questionnaires, ["questionnaires", i, "plugin"], questionnaire.options, ["questionnaires", i, "options"]),
  );
  return issues;
}

function normalize(ref: PluginRef): { id: string; optionsSchema?: TSchema } {
  return typeof ref === "string" ? { id: ref } : ref;
}
