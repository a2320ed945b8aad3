/**
 * Entry point of the `parley` binary and of `bun src/main.ts`: runs the CLI and exits with its code.
 * Exiting explicitly matters for `serve`: after a graceful shutdown nothing may keep the process
 * alive (a stray timer or watcher), whatever module registered it.
 */
import { runCli } from "./cli/cli";
import { processIO } from "./cli/io";

let code: number;
try {
  code = await runCli(process.argv.slice(2), processIO);
} catch (error) {
  processIO.err(`parley: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  code = 1;
}
process.exit(code);
