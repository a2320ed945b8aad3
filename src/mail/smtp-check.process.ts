/**
 * The SMTP check run in a child process: `parley check-smtp --config FILE --json`. The server checks
 * its SMTP settings after it starts and whenever they change; doing it in-process would load the
 * SMTP client (nodemailer with Node's net, tls and dns) into the long-running server before any
 * e-mail is sent: about 3 MB of idle RSS for a one-minute check (scripts/bench-startup.ts). The child
 * reads the same config file with the same environment, checks, prints its outcome and exits.
 */
import type { SmtpCheckResult } from "./smtp.transport";

/** Longer than nodemailer's own connection, greeting and DNS limits (15 s each, smtp.transport.ts). */
const CHECK_TIMEOUT_MS = 60_000;

/** Where the check runs: the command that starts this `parley` (src/cli/self.ts) and the config file it reads. */
export interface SmtpCheckProcess {
  readonly command: readonly string[];
  readonly configFile: string;
  /** Ends a check still running (shutdown). */
  readonly signal?: AbortSignal;
}

/** Runs the check in a child process; resolves with its outcome (a failure to run is one too). Never throws. */
export async function checkSmtpInChildProcess(where: SmtpCheckProcess): Promise<SmtpCheckResult> {
  try {
    const child = Bun.spawn([...where.command, "check-smtp", "--config", where.configFile, "--json"], {
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      signal: where.signal ? AbortSignal.any([where.signal, AbortSignal.timeout(CHECK_TIMEOUT_MS)]) : AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    return outcomeOf(stdout) ?? { ok: false, reason: `the check did not finish (exit ${child.exitCode ?? child.signalCode})${stderr.trim() ? `: ${stderr.trim().split("\n").at(-1)}` : ""}` };
  } catch (error) {
    return { ok: false, reason: `the check could not be started: ${(error as Error).message}` };
  }
}

/** The outcome line the child printed, or null when there is none. */
function outcomeOf(stdout: string): SmtpCheckResult | null {
  try {
    const parsed = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as { ok?: unknown; reason?: unknown };
    if (parsed.ok === true) return { ok: true };
    if (parsed.ok === false && typeof parsed.reason === "string") return { ok: false, reason: parsed.reason };
  } catch {
    // not a JSON line: the child failed before it could check
  }
  return null;
}
