/**
 * The SMTP check run in a child process: `parley check-smtp --config FILE --json`. The server checks
 * its SMTP settings after it starts and whenever they change; doing it in-process would load the
 * SMTP client (nodemailer with Node's net, tls and dns) into the long-running server before any
 * e-mail is sent: about 2.5 MB of idle RSS kept for good, for a check that runs once
 * (scripts/bench-startup.ts). The child reads the same config file with the same environment,
 * checks, prints its outcome and exits.
 */
import { runChild } from "../lifecycle/child-process";
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
  const { printed, ending } = await runChild({ command: [...where.command, "check-smtp", "--config", where.configFile, "--json"], timeoutMs: CHECK_TIMEOUT_MS, signal: where.signal });
  return outcomeOf(printed) ?? { ok: false, reason: `the check did not finish (${ending})` };
}

/** The outcome the child printed, or null when it printed none. */
function outcomeOf(printed: unknown): SmtpCheckResult | null {
  const value = printed as { ok?: unknown; reason?: unknown } | null | undefined;
  if (value?.ok === true) return { ok: true };
  if (value?.ok === false && typeof value.reason === "string") return { ok: false, reason: value.reason };
  return null;
}
