/**
 * The live configuration: one immutable snapshot, swapped atomically on reload. Modules read
 * `current()` when they act (so they always see one coherent version) and `subscribe` when they
 * must react to a change (log level, timers, plugin options). A reload that fails validation, or
 * that a validator vetoes, changes nothing: Parley keeps running on the last good file.
 *
 * A few keys cannot change under a running process (the listening socket, the database location):
 * on reload they keep their running values in the snapshot and are reported in `restartRequired`.
 */
import { resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Env } from "./interpolate";
import type { ConfigIssue, ConfigLogger } from "./issue.model";
import { deepFreeze, loadConfig, type LoadResult } from "./load";
import type { Config } from "./schema";
import { attachSource, sourceOf } from "./yaml-source";

/** Called with the new and the previous snapshot after a successful reload that changed something. */
export type ConfigListener = (next: Config, prev: Config) => void;

/** Extra check a reload must pass (e.g. the plugin host: do the named plugins exist?). */
export type ConfigValidator = (candidate: Config, current: Config) => ConfigIssue[] | Promise<ConfigIssue[]>;

/** The outcome of a reload. */
export type ReloadResult =
  | {
      ok: true;
      /** False when the file's content is equivalent to the running config (listeners not called). */
      changed: boolean;
      config: Config;
      warnings: string[];
      /** Keys whose new value waits for a restart, e.g. `server.port: 8080 → 9090`. */
      restartRequired: string[];
    }
  | { ok: false; errors: ConfigIssue[] };

/** Keys read once at startup; changing them on a running process would split its state. */
export const RESTART_ONLY_KEYS = [
  ["server", "host"],
  ["server", "port"],
  ["storage", "dataDir"],
] as const;

/** Options of {@link ConfigStore}. */
export interface ConfigStoreOptions {
  /** Environment for `${VAR}` references on reload; the process environment by default. */
  env?: Env;
  /** Where a listener that throws is reported (the other listeners still run). */
  logger?: Pick<ConfigLogger, "error">;
  /** How the file is loaded; `loadConfig` by default (tests may stub it). */
  load?: (file: string, env: Env) => LoadResult;
}

/** Holds the current config snapshot and swaps it on reload. */
export class ConfigStore {
  private snapshot: Config;
  private readonly listeners = new Set<ConfigListener>();
  private readonly validators = new Set<ConfigValidator>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Absolute path of the config file re-read on reload. */
  readonly file: string;

  /** `file` is the config file to re-read on reload; `initial` its already-validated content. */
  constructor(
    file: string,
    initial: Config,
    private readonly options: ConfigStoreOptions = {},
  ) {
    this.file = resolve(file);
    this.snapshot = initial;
  }

  /** The snapshot in effect. Never mutated; hold it for one operation, call again for the next. */
  current(): Config {
    return this.snapshot;
  }

  /** Calls `listener` after each effective reload; returns the unsubscribe function. */
  subscribe(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a check every reload must pass; returns the function that removes it. */
  addValidator(validator: ConfigValidator): () => void {
    this.validators.add(validator);
    return () => this.validators.delete(validator);
  }

  /**
   * Re-reads the file. Valid: swapped in, listeners called, `{ok: true}`. Invalid or vetoed: the
   * current snapshot stays, `{ok: false, errors}`. Concurrent calls run one after another.
   */
  reload(): Promise<ReloadResult> {
    const run = this.queue.then(() => this.reloadNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(): Promise<ReloadResult> {
    const load = this.options.load ?? loadConfig;
    const loaded = load(this.file, this.options.env ?? process.env);
    if (!loaded.ok) return loaded;
    const prev = this.snapshot;
    const vetoes = await this.validate(loaded.config, prev);
    if (vetoes.length > 0) return { ok: false, errors: vetoes };

    const { config, restartRequired } = keepRestartOnlyKeys(loaded.config, prev);
    if (isDeepStrictEqual(config, prev)) return { ok: true, changed: false, config: prev, warnings: loaded.warnings, restartRequired };
    this.snapshot = config;
    for (const listener of [...this.listeners]) {
      try {
        listener(config, prev);
      } catch (error) {
        this.options.logger?.error("config listener failed", { error });
      }
    }
    return { ok: true, changed: true, config, warnings: loaded.warnings, restartRequired };
  }

  private async validate(candidate: Config, current: Config): Promise<ConfigIssue[]> {
    const issues: ConfigIssue[] = [];
    for (const validator of [...this.validators]) {
      try {
        issues.push(...(await validator(candidate, current)));
      } catch (error) {
        const message = `a reload check failed: ${(error as Error).message ?? String(error)}`;
        issues.push({ file: this.file, line: 0, column: 0, path: "", expected: "", found: "", message });
      }
    }
    return issues;
  }
}

/**
 * The candidate with restart-only keys put back to their running values, and a description of each
 * change that therefore waits for a restart.
 */
function keepRestartOnlyKeys(candidate: Config, running: Config): { config: Config; restartRequired: string[] } {
  const restartRequired: string[] = [];
  for (const [section, key] of RESTART_ONLY_KEYS) {
    const before = (running[section] as Record<string, unknown>)[key];
    const after = (candidate[section] as Record<string, unknown>)[key];
    if (before !== after) restartRequired.push(`${section}.${key}: ${String(before)} → ${String(after)}`);
  }
  if (restartRequired.length === 0) return { config: candidate, restartRequired };
  const config: Config = {
    ...candidate,
    server: { ...candidate.server, host: running.server.host, port: running.server.port },
    storage: { ...candidate.storage, dataDir: running.storage.dataDir },
  };
  deepFreeze(config);
  const source = sourceOf(candidate);
  if (source) attachSource(config, source);
  return { config, restartRequired };
}
