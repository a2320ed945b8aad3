/** Argument parsing shared by every command: strict (unknown flags are usage errors) and env-aware. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError, type CliIO } from "./io";

/** Parsed flags and positionals of one command (string flags only, plus booleans for switches). */
export type ParsedArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/** Parses a command's arguments strictly: unknown flags and missing values are usage errors. */
export function parseCommandArgs(args: string[], options: NonNullable<ParseArgsConfig["options"]>, maxPositionals = 0): ParsedArgs {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, "."));
  }
  if (parsed.positionals.length > maxPositionals) throw new UsageError(`unexpected argument: ${parsed.positionals[maxPositionals]}`);
  return parsed;
}

/** The config file named by `--config`, else `$PARLEY_CONFIG`; a usage error if neither is set. */
export function configFileFrom(flag: string | boolean | undefined, io: CliIO): string {
  if (typeof flag === "string" && flag !== "") return flag;
  const fromEnv = io.env.PARLEY_CONFIG;
  if (fromEnv) return fromEnv;
  throw new UsageError("no config file: pass --config FILE or set PARLEY_CONFIG");
}
