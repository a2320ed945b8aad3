/**
 * How this same `parley` is started again, for the checks the server runs in a child process
 * (src/mail/smtp-check.process.ts): the compiled binary is its own command; from source it is bun
 * running src/main.ts.
 */
import { fileURLToPath } from "node:url";
import { RUNS_FROM_BINARY } from "../lifecycle/binary";

/** The command line (before the subcommand) that runs this `parley`. */
export function selfCommand(): string[] {
  if (RUNS_FROM_BINARY) return [process.execPath];
  return [process.execPath, fileURLToPath(new URL("../main.ts", import.meta.url))];
}
