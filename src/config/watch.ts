/**
 * Hot reload: the config is re-read when its file changes and on SIGHUP (the Unix convention for
 * "re-read your configuration"). The directory is watched rather than the file, because editors and
 * deploy tools often replace a file by renaming a new one over it, which ends a watch on the old
 * file. A burst of events (write, rename, chmod) is debounced into one reload. The knowledge base
 * file, when there is one, is watched the same way.
 */
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";
import { formatIssue, type ConfigLogger } from "./issue.model";
import type { ConfigStore, ReloadResult } from "./store";

/** Options of {@link watchConfig}. */
export interface WatchOptions {
  logger: ConfigLogger;
  /** Quiet time after the last file event before reloading (default 200 ms). */
  debounceMs?: number;
  /** Signals that trigger a reload (default SIGHUP; an empty list disables signals). */
  signals?: readonly NodeJS.Signals[];
}

/** Starts watching; returns the function that stops every watcher, timer and signal handler. */
export function watchConfig(store: ConfigStore, options: WatchOptions): () => void {
  const { logger, debounceMs = 200, signals = ["SIGHUP"] } = options;
  const watchers = new Map<string, FSWatcher>();
  let watchedFiles = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const reload = async (trigger: string) => {
    if (stopped) return;
    await reloadAndLog(store, logger, trigger);
    if (!stopped) syncWatchers();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload("file change"), debounceMs);
  };

  /** Watches the directory of every file the config is made of (it and its knowledge base file). */
  const syncWatchers = () => {
    const knowledgeFile = store.current().knowledgeBase.file;
    watchedFiles = new Set([store.file, ...(knowledgeFile ? [knowledgeFile] : [])]);
    const dirs = new Set([...watchedFiles].map((file) => dirname(file)));
    for (const [dir, watcher] of watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name !== null && watchedFiles.has(join(dir, basename(String(name))))) schedule();
        });
        watcher.on("error", (error) => logger.error("config watcher failed", { dir, error }));
        watchers.set(dir, watcher);
      } catch (error) {
        logger.error("cannot watch the config directory; reload with SIGHUP instead", { dir, error });
      }
    }
  };

  const onSignal = (signal: NodeJS.Signals) => void reload(signal);
  for (const signal of signals) process.on(signal, onSignal);
  syncWatchers();

  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const signal of signals) process.off(signal, onSignal);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}

/**
 * Reloads and says what happened in the log: "config reloaded", "config reload refused" with every
 * error, and a warning for changes that wait for a restart. Also the body of an admin "reload" action.
 */
export async function reloadAndLog(store: ConfigStore, logger: ConfigLogger, trigger: string): Promise<ReloadResult> {
  const result = await store.reload();
  if (!result.ok) {
    logger.error("config reload refused", { file: store.file, trigger, errors: result.errors.map(formatIssue) });
    return result;
  }
  logger.info(result.changed ? "config reloaded" : "config reloaded: no change", { file: store.file, trigger });
  for (const warning of result.warnings) logger.warn("config warning", { warning });
  if (result.restartRequired.length > 0) {
    logger.warn("config change needs a restart to take effect", { changes: result.restartRequired });
  }
  return result;
}
