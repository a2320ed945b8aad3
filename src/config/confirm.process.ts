/**
 * The exact reader's confirmation of a quickly read config (src/config/quick-load.ts), run in a
 * child process (`parley confirm-config`, src/cli/confirm-config.command.ts) instead of in the
 * server: the `yaml` package's Document API, its code and the garbage of one exact reading would
 * otherwise stay in the idle server's memory (about 2 MB of idle RSS, scripts/bench-startup.ts). The
 * child reads the same text (given on stdin) with the same environment and prints its confirmation.
 */
import { runChild } from "../lifecycle/child-process";
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
  const { printed, ending } = await runChild({ command: [...where.command, "confirm-config", "--config", where.configFile], input: where.text, timeoutMs: CONFIRM_TIMEOUT_MS });
  const confirmation = confirmationOf(printed);
  return confirmation ? { ok: true, confirmation } : { ok: false, reason: ending };
}

/** The confirmation the child printed, or null when the value is not one. */
function confirmationOf(printed: unknown): Confirmation | null {
  const value = printed as Partial<Confirmation> | null | undefined;
  if (typeof value !== "object" || value === null) return null;
  const issues = (list: unknown): list is ConfigIssue[] => Array.isArray(list) && list.every(isIssue);
  if (!issues(value.errors) || !Array.isArray(value.warnings) || !value.warnings.every((w) => typeof w === "string")) return null;
  if (value.difference !== null && !isIssue(value.difference)) return null;
  return { errors: value.errors, warnings: value.warnings, difference: value.difference };
}

function isIssue(value: unknown): value is ConfigIssue {
  const issue = value as ConfigIssue | null;
  return typeof issue === "object" && issue !== null && typeof issue.file === "string" && typeof issue.line === "number" && typeof issue.column === "number" && typeof issue.path === "string" && typeof issue.message === "string";
}
