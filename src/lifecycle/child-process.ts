/**
 * One-shot child processes of this `parley` (the checks `serve` runs outside the long-running server:
 * src/config/confirm.process.ts, src/mail/smtp-check.process.ts): run, wait, and keep what the
 * caller reads — the JSON value the child printed last on stdout — and how it ended, for the reason
 * the caller gives when there is no usable value.
 */

/** What to run and how long to wait. */
export interface ChildRun {
  readonly command: readonly string[];
  /** Given on stdin (none when absent). */
  readonly input?: string;
  readonly timeoutMs: number;
  /** Ends the child early (shutdown). */
  readonly signal?: AbortSignal;
}

/** How a child run ended. */
export interface ChildResult {
  /** Its last stdout line parsed as JSON; undefined when that line is not JSON (or it could not start). */
  readonly printed: unknown;
  /** `exit 1: <its last stderr line>`, `exit SIGTERM`, or `could not be started: <why>`. */
  readonly ending: string;
}

/** Runs the command and waits for it. Never throws. */
export async function runChild(run: ChildRun): Promise<ChildResult> {
  try {
    const timeout = AbortSignal.timeout(run.timeoutMs);
    const child = Bun.spawn([...run.command], {
      stdin: run.input === undefined ? "ignore" : new Blob([run.input]),
      stdout: "pipe",
      stderr: "pipe",
      signal: run.signal ? AbortSignal.any([run.signal, timeout]) : timeout,
    });
    const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    const lastError = stderr.trim().split("\n").at(-1);
    return { printed: lastJson(stdout), ending: `exit ${child.exitCode ?? child.signalCode}${lastError ? `: ${lastError}` : ""}` };
  } catch (error) {
    return { printed: undefined, ending: `could not be started: ${(error as Error).message}` };
  }
}

function lastJson(stdout: string): unknown {
  try {
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
  } catch {
    return undefined;
  }
}
