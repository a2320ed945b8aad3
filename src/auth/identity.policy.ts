/**
 * Visitor identity verification: the host site, which knows its signed-in user, sends
 * `userHash = hex(HMAC-SHA256(key = auth.visitorIdentitySecret, message = userId))` alongside the
 * user id. Only the server and the host site know the secret, so a visitor cannot claim someone
 * else's id (and with it their conversation history) by editing the widget call.
 */
import { createHmac } from "node:crypto";
import { secretsEqual } from "./secrets";

/** The identity hash the host site must send for `userId` (exported for docs, tests and tooling). */
export function identityHash(userId: string, secret: string): string {
  return createHmac("sha256", secret).update(userId, "utf8").digest("hex");
}

/** Constant-time check of a host-supplied hash; case-insensitive hex. */
export function verifyIdentityHash(userId: string, userHash: string, secret: string): boolean {
  return secretsEqual(identityHash(userId, secret), userHash.trim().toLowerCase());
}
