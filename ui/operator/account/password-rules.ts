/**
 * The new-password rules the server enforces (src/auth/password.service.ts: at least 12 characters,
 * at most 1024, not only spaces, different from the current one), checked in the dialog first so
 * the operator learns at once; the server's answer stays the authority and is shown as it comes.
 */

/** Shortest password the server accepts. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password the server accepts. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Why the form cannot be sent yet, or null. */
export type PasswordFormProblem = "missing-current" | "too-short" | "too-long" | "blank" | "same" | "mismatch";

/** The first problem of the form, or null when it may go to the server. */
export function passwordFormProblem(current: string, next: string, confirm: string): PasswordFormProblem | null {
  if (!current) return "missing-current";
  if (next.length < MIN_PASSWORD_LENGTH) return "too-short";
  if (next.length > MAX_PASSWORD_LENGTH) return "too-long";
  if (next.trim().length === 0) return "blank";
  if (next === current) return "same";
  if (next !== confirm) return "mismatch";
  return null;
}
