/**
 * Operator login sessions. Only the SHA-256 of the session token is stored, so a leaked database
 * (or backup) cannot be replayed as a cookie. Revoked sessions keep their row until they would have
 * expired, so the client is told *why* it was signed out (`auth.session_expired`) instead of a bare 401.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per signed-in browser of an operator. */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    /** Hex SHA-256 of the opaque cookie token. */
    tokenHash: text("token_hash").primaryKey(),
    operatorId: text("operator_id").notNull(),
    /** Role at sign-in: a different role in a reloaded config revokes the session. */
    role: text("role").notNull(),
    /** Per-session anti-CSRF token, echoed by the client in `X-CSRF-Token`; useless without the cookie. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Last sliding renewal (epoch ms); renewal is written at most once a minute. */
    lastSeenAt: integer("last_seen_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    revokedAt: integer("revoked_at"),
    /** Why the session was revoked (shown to the operator): role_changed, operator_removed, password_changed. */
    revokedReason: text("revoked_reason"),
  },
  (table) => [index("auth_sessions_operator_idx").on(table.operatorId), index("auth_sessions_expires_idx").on(table.expiresAt)],
);
