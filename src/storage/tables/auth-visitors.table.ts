/**
 * Visitor identities. A visitor is anonymous until the host site vouches for a user id with an HMAC
 * (identity verification); one visitor may hold several tokens (one per browser/device), each stored
 * only as its SHA-256, so the same verified user is the same visitor everywhere.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per person chatting through the widget. */
export const visitors = sqliteTable("visitors", {
  id: text("id").primaryKey(),
  createdAt: integer("created_at").notNull(),
  lastSeenAt: integer("last_seen_at").notNull(),
  name: text("name"),
  email: text("email"),
  /** The host site's user id, set only after a valid identity HMAC; unique so devices converge on one visitor. */
  identityUserId: text("identity_user_id").unique(),
});

/** Bearer tokens the widget keeps in the host page's localStorage. */
export const visitorTokens = sqliteTable(
  "visitor_tokens",
  {
    /** Hex SHA-256 of the token. */
    tokenHash: text("token_hash").primaryKey(),
    visitorId: text("visitor_id")
      .notNull()
      .references(() => visitors.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at").notNull(),
  },
  (table) => [index("visitor_tokens_visitor_idx").on(table.visitorId)],
);
