/**
 * The plugin subsystem's start-up step for the composition root (src/server.ts): drops the
 * published contract into `plugins.dir`, loads plugins, and follows config reloads. A reload is
 * validated against the plugins it would load (unknown ids and bad options veto it, so Parley keeps
 * running on the last good config and plugins); an accepted reload swaps the staged plugins in.
 * Plugin files are re-read on every reload, even when the YAML itself did not change, so
 * `kill -HUP` after editing a plugin is enough.
 */
import { dirname, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Clock } from "../core/clock";
import { validateAgainst } from "../config/plugins-check";
import type { ConfigIssue } from "../config/issue.model";
import type { Config } from "../config/schema";
import { RESTART_ONLY_KEYS, type ConfigStore } from "../config/store";
import type { PluginLogger } from "./api";
import { writeContractFile } from "./contract-file";
import { PluginService, type StagedPlugins } from "./plugin.service";

/** What the step needs from the composition root. */
export interface PluginStepDeps {
  readonly store: ConfigStore;
  readonly logger: PluginLogger;
  readonly clock: Clock;
  readonly version: string;
}

/** The running plugin subsystem, and how to detach it from the config store. */
export interface PluginStep {
  readonly service: PluginService;
  /** Stops following config reloads. */
  stop(): void;
}

/**
 * Starts the plugin subsystem on the store's current config. Never fails because of a plugin: bad
 * files and unusable references are logged and routing falls back to least-busy.
 */
export async function startPlugins(deps: PluginStepDeps): Promise<PluginStep> {
  const { store, logger } = deps;
  const configDir = dirname(store.file);
  const service = new PluginService({ version: deps.version, clock: deps.clock, logger });
  await dropContract(store.current(), configDir, logger);
  service.commit(await service.stage(store.current(), configDir));

  let staged: StagedPlugins | undefined;
  const removeValidator = store.addValidator(async (candidate: Config, current: Config) => {
    await dropContract(candidate, configDir, logger);
    staged = await service.stage(candidate, configDir);
    const issues = validateAgainst(candidate, staged.snapshot.registry.knownPlugins());
    // An unchanged file calls no listener: put re-read plugin files in service now.
    if (issues.length === 0 && sameApartFromRestartKeys(candidate, current)) service.commit(staged);
    return issues;
  });
  const unsubscribe = store.subscribe(() => {
    if (staged) service.commit(staged);
    staged = undefined;
  });
  return {
    service,
    stop() {
      removeValidator();
      unsubscribe();
    },
  };
}

/** What `check-config` reports about plugins. */
export interface PluginCheck {
  /** Unknown plugin ids and invalid options, at their YAML line (the config is refused). */
  readonly errors: readonly ConfigIssue[];
  /** Plugin files that would not load, one line each (Parley would start without them). */
  readonly warnings: readonly string[];
}

/**
 * Loads the plugins a config would load, without starting anything, and checks the config's
 * references to them: the same verdict a reload gets, for `parley check-config`.
 */
export async function checkPlugins(config: Config, configFile: string, clock: Clock, version: string): Promise<PluginCheck> {
  const quiet: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };
  const service = new PluginService({ version, clock, logger: quiet });
  const staged = await service.stage(config, dirname(resolve(configFile)));
  const errors = validateAgainst(config, staged.snapshot.registry.knownPlugins());
  const warnings = staged.snapshot.report.issues.map((issue) => `plugin ${issue.file}: ${issue.reason}`);
  return { errors, warnings };
}

/** Whether the store will see `candidate` as no change (it keeps restart-only keys at their running values). */
function sameApartFromRestartKeys(candidate: Config, current: Config): boolean {
  let normalized: Record<string, unknown> = candidate;
  for (const [section, key] of RESTART_ONLY_KEYS) {
    const running = (current[section] as Record<string, unknown>)[key];
    normalized = { ...normalized, [section]: { ...(normalized[section] as Record<string, unknown>), [key]: running } };
  }
  return isDeepStrictEqual(normalized, current);
}

async function dropContract(config: Config, configDir: string, logger: PluginLogger): Promise<void> {
  if (config.plugins.dir === undefined) return;
  const dir = resolve(configDir, config.plugins.dir);
  try {
    const result = await writeContractFile(dir);
    if (result !== "unchanged") logger.info("plugin contract file", { file: resolve(dir, "parley-plugin.d.ts"), result });
  } catch (error) {
    logger.warn("cannot write the plugin contract file", { dir, error });
  }
}
