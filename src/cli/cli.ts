/**
 * The `parley` command line: parses argv, dispatches to one command module, and turns a wrong
 * command line into the usage text and exit code 2. Commands return their exit code instead of
 * exiting, so the whole CLI is testable in-process.
 */
import { parseCommandArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";
import { versionLine } from "./version";

/** The help text, shown by `parley --help` and after every usage error. */
export const USAGE = `Parley — self-hosted live chat. One binary, one YAML file.

Usage:
  parley serve [--config FILE]            run the server (FILE defaults to $PARLEY_CONFIG)
  parley check-config [FILE]              validate a config file: prints "ok" or every error as file:line:col
  parley check-smtp [--config FILE] [--json]
                                          connect and log in to the config's SMTP server once; exit 0 if it accepts
  parley hash-password                    read a password (stdin, or prompted) and print its argon2id hash
  parley backup --to FILE [--config FILE] consistent copy of the live database, safe while serving
  parley healthcheck [--config FILE] [--url URL]
                                          exit 0 if the local server answers /healthz (for container HEALTHCHECK)
  parley version                          print the version
  parley confirm-config --config FILE     (run by serve) the exact YAML reader's confirmation of the
                                          config text on stdin, as one JSON line
  parley --help                           this text

Environment:
  PARLEY_CONFIG                           config file used when --config is not given
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

/**
 * Each command's module is imported when that command runs: `parley healthcheck` (every few seconds
 * in a container) or `parley version` then load a few kilobytes instead of the whole server.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./serve.command")).serveCommand,
  "check-config": async () => (await import("./check-config.command")).checkConfigCommand,
  "check-smtp": async () => (await import("./check-smtp.command")).checkSmtpCommand,
  "confirm-config": async () => (await import("./confirm-config.command")).confirmConfigCommand,
  "hash-password": async () => (await import("./hash-password.command")).hashPasswordCommand,
  backup: async () => (await import("./backup.command")).backupCommand,
  healthcheck: async () => (await import("./healthcheck.command")).healthcheckCommand,
  version: async () => async (args, io) => {
    parseCommandArgs(args, {});
    io.out(versionLine());
    return EXIT.ok;
  },
};

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (name === "--version" || name === "-v") return (await COMMANDS.version!())([], io);
  const load = name === undefined || !Object.hasOwn(COMMANDS, name) ? undefined : COMMANDS[name];
  try {
    if (!load) throw new UsageError(name === undefined ? "no command given" : `unknown command: ${name}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(USAGE);
      return EXIT.ok;
    }
    return await (await load())(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`parley: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
}
