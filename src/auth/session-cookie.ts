/**
 * The staff session cookie: HttpOnly (scripts, hence XSS, cannot read it), SameSite=Lax (not sent on
 * cross-site POSTs), Path=/, and Secure whenever the browser reached us over HTTPS. One place builds
 * and parses it, for HTTP routes and the operator WebSocket upgrade alike.
 */

/** Cookie name of the operator session. */
export const SESSION_COOKIE = "parley_session";

/** `Set-Cookie` value opening (or renewing) a session for `maxAgeMs`. */
export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  return new Bun.Cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)) }).serialize();
}

/** `Set-Cookie` value deleting the session cookie (sign-out, dead session). */
export function clearedSessionCookie(secure: boolean): string {
  return new Bun.Cookie(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: 0 }).serialize();
}

/** The session token from a `Cookie` request header, or null. */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  try {
    return new Bun.CookieMap(cookieHeader).get(SESSION_COOKIE) || null;
  } catch {
    return null;
  }
}
