/**
 * The exact reader's confirmation of a quickly read config (src/config/quick-load.ts), run in a
 * child process (`parley confirm-config`, src/cli/confirm-config.command.ts) instead of in the
 * server: the `yaml` package's Document API, its code and the garbage of one exact reading would
 * otherwise stay in the idle server's memory (about 2 MB of idle RSS, scripts/bench-startup.ts). The
 * child reads the same text (given on stdin) with the same environment and prints its confirmation.
 */
import type { ConfigIssue } from "./issue.model";
import type { Confirmation } from "./quick-load";

/** Longer than any confirmation takes (the exact reader needs ~50 ms on the example config). */
const CONFIRM_TIMEOUT_MS = 30_000;

/** What the child needs: the command that starts this `parley` (src/cli/self.ts), the file and the text the server read. */
export interface ConfirmProcess {
  readonly command: readonly string[];
  readonly configFile: string;
  readonly text: string;
}

/** The child's confirmation, or why there is none (it failed to run or printed something else). */
export type ConfirmOutcome = { readonly ok: true; readonly confirmation: Confirmation } | { readonly ok: false; readonly reason: string };

/** Runs the confirmation in a child process. Never throws. */
export async function confirmInChildProcess(where: ConfirmProcess): Promise<ConfirmOutcome> {
  try {
    const child = Bun.spawn([...where.command, "confirm-config", "--config", where.configFile], {
      stdin: new Blob([where.text]),
      stdout: "pipe",
      stderr: "pipe",
      signal: AbortSignal.timeout(CONFIRM_TIMEOUT_MS),
    });
    const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    const confirmation = child.exitCode === 0 ? confirmationOf(stdout) : null;
    if (confirmation) return { ok: true, confirmation };
    return { ok: false, reason: `exit ${child.exitCode ?? child.signalCode}${stderr.trim() ? `: ${stderr.trim().split("\n").at(-1)}` : ""}` };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** The confirmation the child printed (its last line), or null when the line is not one. */
function confirmationOf(stdout: string): Confirmation | null {
  try {
    const parsed = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as Partial<Confirmation>;
    const issues = (value: unknown): value is ConfigIssue[] => Array.isArray(value) && value.every(isIssue);
    if (!issues(parsed.errors) || !Array.isArray(parsed.warnings) || !parsed.warnings.every((w) => typeof w === "string")) return null;
    if (parsed.difference !== null && !isIssue(parsed.difference)) return null;
    return { errors: parsed.errors, warnings: parsed.warnings, difference: parsed.difference };
  } catch {
    return null;
  }
}

function isIssue(value: unknown): value is ConfigIssue {
  const issue = value as ConfigIssue | null;
  return typeof issue === "object" && issue !== null && typeof issue.file === "string" && typeof issue.line === "number" && typeof issue.column === "number" && typeof issue.path === "string" && typeof issue.message === "string";
}
