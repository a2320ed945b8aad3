/**
 * `parley serve [--config FILE]`: loads and validates the config (refusing to start on any error,
 * listed as file:line:col), starts the server, and stops it gracefully on SIGTERM/SIGINT: new
 * connections refused, sockets closed with a reason, WAL checkpointed, database closed, exit 0.
 * If that takes more than 5 s, or a second signal arrives, the process exits at once with 1.
 *
 * The config is read by the quick reader (src/config/quick-load.ts) and confirmed by the exact one
 * {@link AFTER_START_MS} after listening, off the cold start and in a child process: a file the
 * exact reader refuses stops the server the same graceful way, with its errors printed and exit code 1.
 */
import { formatIssues, type ConfigIssue } from "../config/issue.model";
import { confirmInChildProcess } from "../config/confirm.process";
import { loadConfigQuickly, type QuickLoadResult } from "../config/quick-load";
import { releaseIdleMemory } from "../lifecycle/idle-memory";
import { jitPolicy } from "../lifecycle/jit-policy";
import { startServer, type ParleyServer } from "../server";
import { configFileFrom, parseCommandArgs } from "./args";
import { selfCommand } from "./self";
import { EXIT, type CliIO } from "./io";

/** How long a supervisor typically waits after SIGTERM before SIGKILL; we finish inside it. */
export const FORCED_EXIT_AFTER_MS = 5000;
/**
 * When the exact config reader confirms the quick one: after the first probes, before anyone relies
 * on the server for long, and after the rest of the start's deferred work (the cron jobs are armed
 * 200 ms after registration, src/jobs/jobs.registry.ts).
 */
export const AFTER_START_MS = 500;

/** Runs the command; resolves with the exit code once the server has stopped. */
export async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, { config: { type: "string" } });
  const file = configFileFrom(values.config, io);
  const { result: loaded, confirm } = loadConfigQuickly(file, io.env);
  if (!loaded.ok) {
    io.err(formatIssues(loaded.errors));
    io.err(`parley: not starting: ${loaded.errors.length} error${loaded.errors.length === 1 ? "" : "s"} in ${file}`);
    return EXIT.failed;
  }

  let server;
  try {
    server = await startServer({ configFile: loaded.file, config: loaded.config, warnings: loaded.warnings });
  } catch (error) {
    io.err(`parley: ${(error as Error).message}`);
    return EXIT.failed;
  }

  const signal = await new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
    scheduleAfterStart(server, confirm && { file, ...confirm }, io, () => resolve("invalid configuration"));
  });
  const force = (why: string) => {
    io.err(`parley: ${why}; exiting now`);
    process.exit(EXIT.failed);
  };
  setTimeout(() => force(`shutdown took longer than ${FORCED_EXIT_AFTER_MS / 1000} s`), FORCED_EXIT_AFTER_MS).unref();
  process.once("SIGTERM", () => force("second signal during shutdown"));
  process.once("SIGINT", () => force("second signal during shutdown"));
  const report = await server.shutdown(signal);
  return report.clean && signal !== "invalid configuration" ? EXIT.ok : EXIT.failed;
}

/**
 * The work that waits until the server has listened a while: the exact reader's confirmation of a
 * quickly read config (`refuse` stops the server when it refuses the file), then the release of what
 * the start used once (src/lifecycle/idle-memory.ts).
 */
function scheduleAfterStart(server: ParleyServer, confirm: PendingConfirmation | null, io: CliIO, refuse: () => void): void {
  const afterStart = async () => {
    try {
      if (confirm) await confirmConfig(server, confirm, io, refuse);
    } finally {
      // The start's code and garbage (and the exact reader's document) are not needed by an idle server.
      releaseIdleMemory(server.database.sqlite);
    }
  };
  setTimeout(() => afterStart().catch((error) => server.logger.error("after-start work failed", { error })), AFTER_START_MS).unref();
}

/** A quickly read config still to confirm: the file as named on the command line, the text read, the in-process confirmation. */
type PendingConfirmation = NonNullable<QuickLoadResult["confirm"]> & { readonly file: string };

/**
 * The exact reader's confirmation of the quickly read config, in a child process
 * (src/config/confirm.process.ts), or in the server should that fail; `refuse` stops the server
 * when it refuses the file.
 */
async function confirmConfig(server: ParleyServer, pending: PendingConfirmation, io: CliIO, refuse: () => void): Promise<void> {
  const outcome = await confirmInChildProcess({ command: selfCommand(), configFile: pending.file, text: pending.text });
  if (!outcome.ok) server.logger.warn("the config's confirmation could not run in a child process; running it in the server", { reason: outcome.reason });
  // In the server it is one-shot code like the start: kept out of the optimizing JITs (src/lifecycle/jit-policy.ts).
  const { errors, warnings, difference } = outcome.ok ? outcome.confirmation : jitPolicy.oneShot(pending.inProcess);
  for (const warning of warnings) server.logger.warn("config warning", { warning });
  const refusal = errors.length > 0 ? errors : difference ? await applyExactReading(server, difference) : [];
  if (refusal.length > 0) {
    io.err(formatIssues(refusal));
    io.err(`parley: stopping: ${refusal.length} error${refusal.length === 1 ? "" : "s"} in ${server.config.file}`);
    server.logger.error("configuration refused by the exact YAML reader; stopping", { errors: refusal.length });
    return refuse();
  }
}

/**
 * The exact reader accepted the file but read a value differently from the quick one: the file is
 * reloaded through the config store (the exact reader, listeners notified as on any reload). Returns
 * the issues that must stop the server: the reload's errors, or a difference in a key that cannot
 * change while running (the socket, the data directory).
 */
async function applyExactReading(server: ParleyServer, difference: ConfigIssue): Promise<ConfigIssue[]> {
  server.logger.warn("config warning", { warning: formatIssues([difference]) });
  const reloaded = await server.config.reload();
  if (!reloaded.ok) return reloaded.errors;
  if (reloaded.restartRequired.length === 0) return [];
  const message = `the exact reading changes keys that need a restart (${reloaded.restartRequired.join("; ")})`;
  return [{ ...difference, message }];
}
