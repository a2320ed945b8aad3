/**
 * `parley backup --to FILE [--config FILE]`: a consistent copy of the live database, taken from a
 * second process while the server keeps serving (SQLite WAL + `VACUUM INTO`), verified with
 * `PRAGMA integrity_check` before it is renamed into place. The config only tells where the data is.
 */
import { loadConfig } from "../config/load";
import { formatIssues } from "../config/issue.model";
import { backupDatabaseFile } from "../storage/backup";
import { databasePath } from "../storage/db";
import { configFileFrom, parseCommandArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";

/** Runs the command; see the module comment. */
export async function backupCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, { to: { type: "string" }, config: { type: "string" } });
  if (typeof values.to !== "string" || values.to === "") throw new UsageError("backup needs --to FILE");
  const file = configFileFrom(values.config, io);
  const loaded = loadConfig(file, io.env);
  if (!loaded.ok) {
    io.err(formatIssues(loaded.errors));
    io.err(`parley: cannot find the database: ${file} has errors`);
    return EXIT.failed;
  }
  try {
    const result = backupDatabaseFile(databasePath(loaded.config.storage.dataDir), values.to);
    io.out(`backup written to ${result.file} (${result.bytes} bytes, integrity verified, ${result.durationMs} ms)`);
    return EXIT.ok;
  } catch (error) {
    io.err(`parley: backup failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
}
