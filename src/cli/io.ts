/**
 * The terminal a command talks to, injected so commands run in tests without a process of their
 * own: output is collected, stdin is a string, and nothing calls `process.exit`.
 */

/** Input and output of one CLI invocation. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Everything piped to stdin (read lazily; only commands that need input call it). */
  readStdin(): Promise<string>;
  /** Whether stdin is an interactive terminal (then passwords are prompted without echo). */
  readonly stdinIsTTY: boolean;
  /** Asks on the terminal and reads a line without echoing it (passwords). Only when `stdinIsTTY`. */
  promptSecret(question: string): Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process's terminal. */
export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
  readStdin: () => Bun.stdin.text(),
  stdinIsTTY: Boolean(process.stdin.isTTY),
  promptSecret: promptWithoutEcho,
  env: process.env,
};

/** Raw-mode line reader: nothing typed is shown; Backspace edits, Enter ends, Ctrl-C / Ctrl-D cancel. */
function promptWithoutEcho(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          return resolve(value);
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          return reject(new Error("cancelled"));
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

/** Exit codes: 0 success, 1 the command failed, 2 the command line was wrong (usage printed). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A command-line mistake: the dispatcher prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
