/**
 * CSRF defence for cookie-authenticated staff requests (synchroniser token): every session has a
 * random token that login and /me return to the page; state-changing requests must echo it in
 * `X-CSRF-Token`. A forging site can make the browser send the cookie but cannot read the token.
 * The Origin check (origin.policy.ts) is the second, independent layer.
 */
import { secretsEqual } from "./secrets";

/** The header the staff UI sends the token in. */
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request method changes state and therefore needs the CSRF token and Origin check. */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Whether the presented header matches the session's token (constant time). */
export function csrfTokenValid(sessionToken: string, presented: string | null | undefined): boolean {
  return !!presented && secretsEqual(sessionToken, presented);
}
