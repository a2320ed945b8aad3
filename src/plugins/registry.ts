/**
 * An immutable snapshot of the available plugins, by id: built-ins plus the user plugins that
 * loaded. A reload builds a new registry and swaps it in whole (see plugin.service.ts), so a
 * routing decision never sees half of one load and half of another.
 */
import { KindGuard, Type, type TSchema as TypeBoxSchema } from "@sinclair/typebox";
import type { KnownPlugins } from "../config/plugins-check";
import type { PluginDefinition, QuestionnairePlugin, RoutingStrategy } from "./api";
import { pluginHealth } from "./health";
import type { LoadedDefinition } from "./loader";
import { asTypeBoxSchema, resolveOptions, type OptionIssue, type OptionPath, type OptionsResult } from "./options";

/** One line of the plugin listing (admin API, `check-config`, start-up log). */
export interface PluginInfo {
  readonly id: string;
  readonly kind: PluginDefinition["kind"];
  /** "builtin", or the path of the file that defined it. */
  readonly source: string;
  readonly description: string | null;
  /** The options' JSON Schema (TypeBox schemas are JSON Schema), for a settings form; null if none. */
  readonly optionsSchema: unknown;
  /** True when the guards bypass it after repeated faults, until the next reload. */
  readonly degraded: boolean;
}

/** A problem with how the config uses plugins, located by config key path. */
export interface PluginConfigIssue {
  /** Key path in the config, e.g. `["routing", "options", "reserveForHighPriority"]`. */
  readonly path: OptionPath;
  readonly message: string;
  readonly expected: string;
  readonly found: string;
}

/** The slice of the config that refers to plugins. */
export interface PluginConfigRefs {
  readonly routing: { readonly strategy: string; readonly options: Readonly<Record<string, unknown>> };
  readonly questionnaires: ReadonlyArray<{ readonly id: string; readonly plugin: string; readonly options: Readonly<Record<string, unknown>> }>;
}

/** Available plugins by id. Immutable once built. */
export class PluginRegistry {
  private readonly byId: ReadonlyMap<string, LoadedDefinition>;

  constructor(entries: readonly LoadedDefinition[]) {
    this.byId = new Map(entries.map((entry) => [entry.definition.id, entry]));
  }

  /** The routing strategy with this id, if any. */
  strategy(id: string): RoutingStrategy | undefined {
    const definition = this.byId.get(id)?.definition;
    return definition?.kind === "routing" ? definition : undefined;
  }

  /** The questionnaire plugin with this id, if any. */
  questionnaire(id: string): QuestionnairePlugin | undefined {
    const definition = this.byId.get(id)?.definition;
    return definition?.kind === "questionnaire" ? definition : undefined;
  }

  /** Every plugin, routing strategies first, then by id. */
  list(): PluginInfo[] {
    return [...this.byId.values()]
      .map(({ definition, source }) => ({
        id: definition.id,
        kind: definition.kind,
        source,
        description: definition.description ?? null,
        optionsSchema: definition.optionsSchema ?? null,
        degraded: pluginHealth(definition).degraded,
      }))
      .sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.kind === "routing" ? -1 : 1));
  }

  /**
   * The plugins in the shape `validateAgainst` (src/config/plugins-check.ts) takes, so
   * `check-config` and reload validation report plugin problems at their YAML line. Object schemas
   * that do not say otherwise refuse unknown keys there too, exactly as {@link resolveOptions} does.
   */
  knownPlugins(): KnownPlugins {
    const refs = (kind: PluginDefinition["kind"]) =>
      [...this.byId.values()]
        .filter(({ definition }) => definition.kind === kind)
        .map(({ definition }) => ({ id: definition.id, optionsSchema: strictSchema(asTypeBoxSchema(definition.optionsSchema)) }));
    return { routingStrategies: refs("routing"), questionnaires: refs("questionnaire") };
  }

  /** Validates options for plugin `id` against its own schema; an unknown id is an issue too. */
  validateOptions(id: string, raw: unknown): OptionsResult {
    const entry = this.byId.get(id);
    if (!entry) return { ok: false, issues: [{ pluginId: id, path: [], message: `no plugin has the id "${id}"`, expected: "a plugin id", found: JSON.stringify(id) }] };
    return resolveOptions(entry.definition, raw);
  }

  /**
   * Every problem with the config's references to plugins: `routing.strategy` must name a routing
   * strategy, each `questionnaires[].plugin` a questionnaire plugin, and their `options` must match
   * the plugin's schema. Paths point at the config keys, ready for `check-config`.
   */
  checkConfig(config: PluginConfigRefs): PluginConfigIssue[] {
    const issues: PluginConfigIssue[] = [];
    const idsOf = (kind: PluginDefinition["kind"]) => this.list().filter((p) => p.kind === kind).map((p) => p.id).join(", ");
    const check = (kind: PluginDefinition["kind"], id: string, options: unknown, idPath: OptionPath, optionsPath: OptionPath) => {
      const definition = this.byId.get(id)?.definition;
      if (!definition || definition.kind !== kind) {
        const what = kind === "routing" ? "routing strategy" : "questionnaire plugin";
        const other = definition ? ` ("${id}" is a ${definition.kind} plugin)` : "";
        issues.push({ path: idPath, message: `unknown ${what} "${id}"${other}; available: ${idsOf(kind)}`, expected: `one of ${idsOf(kind)}`, found: JSON.stringify(id) });
        return;
      }
      const result = resolveOptions(definition, options);
      if (!result.ok) issues.push(...result.issues.map((issue) => toConfigIssue(issue, optionsPath)));
    };
    check("routing", config.routing.strategy, config.routing.options, ["routing", "strategy"], ["routing", "options"]);
    config.questionnaires.forEach((q, i) => check("questionnaire", q.plugin, q.options, ["questionnaires", i, "plugin"], ["questionnaires", i, "options"]));
    return issues;
  }
}

/** A plugin without options accepts an empty mapping only. */
const NO_OPTIONS = Type.Object({}, { additionalProperties: false });

function strictSchema(schema: TypeBoxSchema | undefined): TypeBoxSchema {
  if (!schema) return NO_OPTIONS;
  if (!KindGuard.IsObject(schema) || schema.additionalProperties !== undefined) return schema;
  return { ...schema, additionalProperties: false };
}

function toConfigIssue(issue: OptionIssue, prefix: OptionPath): PluginConfigIssue {
  return { path: [...prefix, ...issue.path], message: `${issue.message} (plugin "${issue.pluginId}")`, expected: issue.expected, found: issue.found };
}
