/**
 * `parley serve [--config FILE]`: loads and validates the config (refusing to start on any error,
 * listed as file:line:col), starts the server, and stops it gracefully on SIGTERM/SIGINT: new
 * connections refused, sockets closed with a reason, WAL checkpointed, database closed, exit 0.
 * If that takes more than 5 s, or a second signal arrives, the process exits at once with 1.
 */
import { loadConfig } from "../config/load";
import { formatIssues } from "../config/issue.model";
import { startServer } from "../server";
import { configFileFrom, parseCommandArgs } from "./args";
import { EXIT, type CliIO } from "./io";

/** How long a supervisor typically waits after SIGTERM before SIGKILL; we finish inside it. */
export const FORCED_EXIT_AFTER_MS = 5000;

/** Runs the command; resolves with the exit code once the server has stopped. */
export async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, { config: { type: "string" } });
  const file = configFileFrom(values.config, io);
  const loaded = loadConfig(file, io.env);
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

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  const force = (why: string) => {
    io.err(`parley: ${why}; exiting now`);
    process.exit(EXIT.failed);
  };
  setTimeout(() => force(`shutdown took longer than ${FORCED_EXIT_AFTER_MS / 1000} s`), FORCED_EXIT_AFTER_MS).unref();
  process.once("SIGTERM", () => force("second signal during shutdown"));
  process.once("SIGINT", () => force("second signal during shutdown"));
  const report = await server.shutdown(signal);
  return report.clean ? EXIT.ok : EXIT.failed;
}
