/**
 * The plugin subsystem as the rest of Parley sees it: loads built-ins and `plugins.dir`, binds the
 * configured routing strategy and questionnaires to their validated options, and answers routing
 * and questionnaire calls under guard. Each load (start, config reload) builds a complete new
 * snapshot and swaps it in with one assignment, so callers never see a half-loaded state.
 */
import { resolve } from "node:path";
import type { Clock } from "../core/clock";
import { AppError } from "../core/errors";
import type { Answers, PluginLogger, Question, QuestionnairePlugin } from "./api";
import { BUILTIN_PLUGINS, FALLBACK_STRATEGY_ID } from "./builtins";
import type { GuardOptions } from "./health";
import { createPluginHost, type HostContext } from "./host";
import { instantiate, loadPluginDir, type LoadedDefinition, type ModuleRecord, type PluginIssue } from "./loader";
import { formatOptionPath, resolveOptions } from "./options";
import { checkAnswers, safeQuestions, safeScore, type GuardedScore } from "./questionnaire-guard";
import { PluginRegistry, type PluginConfigIssue, type PluginConfigRefs, type PluginInfo } from "./registry";
import { safePick, type BoundStrategy, type GuardedDecision, type RoutingRequest } from "./routing-guard";

/** What the service needs once, at construction. */
export interface PluginServiceDeps {
  /** Parley's version, handed to plugins. */
  readonly version: string;
  readonly clock: Clock;
  readonly logger: PluginLogger;
  /** Monotonic ms for measuring plugin calls; `performance.now` by default. */
  readonly timer?: () => number;
  /** Faulty calls in a row before a plugin is bypassed (default 3). */
  readonly degradeAfter?: number;
  /** Longest a plugin module may take to evaluate (default 10 s). */
  readonly importTimeoutMs?: number;
}

/** The slice of the config the plugin subsystem reads (a full `Config` fits). */
export interface PluginSettings extends PluginConfigRefs {
  readonly plugins: { readonly dir?: string; readonly timeoutMs: number };
  readonly departments: HostContext["departments"];
}

/** The outcome of a load, for the start-up log, `check-config` and the admin API. */
export interface PluginLoadReport {
  readonly plugins: readonly PluginInfo[];
  /** Plugin files that failed (skipped, or kept at their previous version). */
  readonly issues: readonly PluginIssue[];
  /** Config entries referring to missing plugins or with invalid options. */
  readonly configIssues: readonly PluginConfigIssue[];
}

/** A configured questionnaire (`questionnaires[]` entry) bound to its plugin and options. */
export interface ConfiguredQuestionnaire {
  /** The config entry's id. */
  readonly id: string;
  readonly pluginId: string;
  /** Validated questions; throws `AppError("plugin.failed")` when the plugin cannot produce them. */
  questions(): readonly Question[];
  /** Checks answers against the questions; throws `AppError("questionnaire.invalid_answers")`. */
  checkAnswers(answers: unknown): Answers;
  /** Scores checked answers; never throws (a failing plugin gives a null score). */
  score(answers: Answers): GuardedScore;
}

/** A load not yet in service (see {@link PluginService.stage}). */
export interface StagedPlugins {
  /** The registry this load would put in service, e.g. to validate a candidate config against. */
  readonly snapshot: PluginSnapshot;
  readonly modules: ReadonlyMap<string, ModuleRecord>;
  readonly files: readonly LoadedDefinition[];
  readonly builtinCount: number;
  readonly dir: string | undefined;
  readonly settings: PluginSettings;
}

/** Everything one load put in service; replaced whole, never modified. */
export interface PluginSnapshot {
  readonly registry: PluginRegistry;
  readonly report: PluginLoadReport;
  readonly router: BoundStrategy;
  readonly fallback: BoundStrategy;
  readonly guard: GuardOptions;
  readonly questionnaires: ReadonlyMap<string, QuestionnaireBinding>;
}

type QuestionnaireBinding = { readonly plugin: QuestionnairePlugin; readonly options: unknown } | { readonly unavailable: string };

function bindQuestionnaire(registry: PluginRegistry, entry: PluginSettings["questionnaires"][number]): QuestionnaireBinding {
  const plugin = registry.questionnaire(entry.plugin);
  if (!plugin) return { unavailable: `plugin "${entry.plugin}" is not loaded` };
  const options = resolveOptions(plugin, entry.options);
  if (!options.ok) return { unavailable: `invalid options: ${options.issues.map((i) => `${formatOptionPath(i.path)} ${i.message}`).join("; ")}` };
  return { plugin, options: options.options };
}

const NO_SETTINGS: PluginSettings = { plugins: { timeoutMs: 50 }, departments: [], routing: { strategy: FALLBACK_STRATEGY_ID, options: {} }, questionnaires: [] };

/** Owns the current plugin snapshot. Usable at once (built-ins only) and after every `load`. */
export class PluginService {
  private snapshot: PluginSnapshot;
  private modules: ReadonlyMap<string, ModuleRecord> = new Map();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PluginServiceDeps) {
    this.snapshot = this.buildSnapshot(NO_SETTINGS, this.builtins(NO_SETTINGS), []);
  }

  /** The current registry (replaced whole on each load; do not keep it across calls). */
  get registry(): PluginRegistry {
    return this.snapshot.registry;
  }

  /** The strategy routing uses now: the configured one, or the fallback when that is unusable. */
  get routingStrategyId(): string {
    return this.snapshot.router.strategy.id;
  }

  /** What the last load found. */
  get report(): PluginLoadReport {
    return this.snapshot.report;
  }

  /**
   * Loads built-ins and `settings.plugins.dir` (relative to `configDir`) and swaps the result in.
   * Concurrent calls run one after another, in call order. Never rejects for a plugin's fault.
   */
  load(settings: PluginSettings, configDir: string = process.cwd()): Promise<PluginLoadReport> {
    const run = this.queue.then(async () => this.commit(await this.stage(settings, configDir)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Routes one conversation with the configured strategy, under guard. Never throws. */
  pick(request: RoutingRequest): GuardedDecision {
    const { router, fallback, guard } = this.snapshot;
    return safePick(router.strategy, { ...request, options: router.options }, fallback, guard);
  }

  /** The configured questionnaire `id` (a `questionnaires[].id`), ready to show and score. */
  questionnaire(id: string): ConfiguredQuestionnaire {
    const { questionnaires, guard } = this.snapshot;
    const entry = questionnaires.get(id);
    if (!entry) throw new AppError("questionnaire.not_found", `no questionnaire "${id}" is configured`);
    if ("unavailable" in entry) throw new AppError("plugin.failed", `questionnaire "${id}" is unavailable: ${entry.unavailable}`);
    const { plugin, options } = entry;
    return {
      id,
      pluginId: plugin.id,
      questions: () => safeQuestions(plugin, options, guard),
      checkAnswers: (answers) => checkAnswers(safeQuestions(plugin, options, guard), answers),
      score: (answers) => safeScore(plugin, answers, options, guard),
    };
  }

  /**
   * Loads everything for `settings` without putting it in service: a config reload validates the
   * staged registry first and {@link commit}s it only if the new config is accepted. Problems with
   * plugin files are logged here, so they are seen even when the reload is refused.
   */
  async stage(settings: PluginSettings, configDir: string = process.cwd()): Promise<StagedPlugins> {
    const { logger } = this.deps;
    const builtins = this.builtins(settings);
    const dir = settings.plugins.dir === undefined ? undefined : resolve(configDir, settings.plugins.dir);
    const loaded = dir === undefined ? { definitions: [], issues: [], modules: new Map<string, ModuleRecord>() } : await loadPluginDir({
      dir,
      hostFor: (source) => createPluginHost(this.hostContext(settings), source),
      takenIds: new Map(builtins.map((b) => [b.definition.id, "builtin"])),
      previous: this.modules,
      importTimeoutMs: this.deps.importTimeoutMs,
    });
    for (const issue of loaded.issues) {
      const fields = { file: issue.file, pluginId: issue.pluginId, reason: issue.reason };
      if (issue.file === dir) logger.warn("plugins folder unavailable", fields);
      else if (issue.keptPrevious) logger.warn("plugin reload failed, previous version kept", fields);
      else logger.error("plugin not loaded", fields);
    }
    const snapshot = this.buildSnapshot(settings, [...builtins, ...loaded.definitions], loaded.issues);
    return { snapshot, modules: loaded.modules, files: loaded.definitions, builtinCount: builtins.length, dir, settings };
  }

  /** Puts a staged load in service (one assignment) and logs what is now available. */
  commit(staged: StagedPlugins): PluginLoadReport {
    const { logger } = this.deps;
    const { snapshot, settings, files } = staged;
    this.snapshot = snapshot;
    this.modules = staged.modules;
    for (const { definition, source } of files) logger.info("plugin loaded", { plugin: definition.id, kind: definition.kind, file: source });
    for (const issue of snapshot.report.configIssues) logger.error("plugin configuration problem", { path: formatOptionPath(issue.path), problem: issue.message });
    if (snapshot.router.strategy.id !== settings.routing.strategy) {
      logger.warn("configured routing strategy unusable; routing with the built-in fallback", { configured: settings.routing.strategy, using: FALLBACK_STRATEGY_ID });
    }
    const { builtinCount: builtin, dir } = staged;
    logger.info("plugins ready", { builtin, fromDir: files.length, failed: snapshot.report.issues.length, dir: dir ?? null, routing: snapshot.router.strategy.id });
    return snapshot.report;
  }

  private hostContext(settings: PluginSettings): HostContext {
    return { version: this.deps.version, clock: this.deps.clock, logger: this.deps.logger, departments: settings.departments };
  }

  private builtins(settings: PluginSettings): LoadedDefinition[] {
    return BUILTIN_PLUGINS.flatMap(({ file, factory }) => {
      const made = instantiate(factory, "builtin", (source) => createPluginHost(this.hostContext(settings), source));
      // A built-in that fails its own contract is a bug in Parley, not an admin's problem.
      if (made.issues.length > 0) throw new Error(`built-in plugin ${file} is invalid: ${made.issues.map((i) => i.reason).join("; ")}`);
      return made.definitions.map((definition) => ({ definition, source: "builtin" }));
    });
  }

  private buildSnapshot(settings: PluginSettings, entries: readonly LoadedDefinition[], issues: readonly PluginIssue[]): PluginSnapshot {
    const registry = new PluginRegistry(entries);
    const guard: GuardOptions = { timeoutMs: settings.plugins.timeoutMs, logger: this.deps.logger, timer: this.deps.timer, degradeAfter: this.deps.degradeAfter };
    const fallbackStrategy = registry.strategy(FALLBACK_STRATEGY_ID)!;
    const fallbackOptions = resolveOptions(fallbackStrategy, {});
    const fallback: BoundStrategy = { strategy: fallbackStrategy, options: fallbackOptions.ok ? fallbackOptions.options : {} };
    const configIssues = registry.checkConfig(settings);
    const configured = registry.strategy(settings.routing.strategy);
    const routerOptions = configured ? resolveOptions(configured, settings.routing.options) : undefined;
    const router = configured && routerOptions?.ok ? { strategy: configured, options: routerOptions.options } : fallback;
    const questionnaires = new Map<string, QuestionnaireBinding>(settings.questionnaires.map((q) => [q.id, bindQuestionnaire(registry, q)]));
    return { registry, guard, fallback, router, questionnaires, report: { plugins: registry.list(), issues, configIssues } };
  }
}
