/**
 * `parley check-config [FILE]`: validates a config file exactly as `serve` would (same loader, same
 * messages) without starting anything, so a deploy pipeline can refuse a broken file before it
 * reaches a server. Prints "ok" and any warnings (exit 0), or every error, one per line as
 * `file:line:col path: message` (exit 1).
 */
import { loadConfig } from "../config/load";
import { formatIssues } from "../config/issue.model";
import { checkPlugins } from "../plugins/plugins.step";
import { systemClock } from "../system";
import { configFileFrom, parseCommandArgs } from "./args";
import { VERSION } from "./version";
import { EXIT, type CliIO } from "./io";

/** Runs the command; see the module comment. */
export async function checkConfigCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { config: { type: "string" } }, 1);
  const file = positionals[0] ?? configFileFrom(values.config, io);
  const result = loadConfig(file, io.env);
  if (!result.ok) {
    io.err(formatIssues(result.errors));
    io.err(`${result.errors.length} error${result.errors.length === 1 ? "" : "s"} in ${file}`);
    return EXIT.failed;
  }
  // Plugins: the ids and options the file names must exist and validate, as on a reload.
  const plugins = await checkPlugins(result.config, file, systemClock, VERSION);
  if (plugins.errors.length > 0) {
    io.err(formatIssues(plugins.errors));
    io.err(`${plugins.errors.length} plugin error${plugins.errors.length === 1 ? "" : "s"} in ${file}`);
    return EXIT.failed;
  }
  io.out("ok");
  for (const warning of [...result.warnings, ...plugins.warnings]) io.out(`warning: ${warning}`);
  return EXIT.ok;
}
