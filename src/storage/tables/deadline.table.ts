/**
 * Persistent deadlines (conversation timeouts and other one-shot timers), so a restart or deploy
 * never forgets that a conversation must be closed, transferred or nudged at a given time.
 * The scheduler (src/jobs/deadlines.ts) arms one timer for the smallest `fire_at`, read via its index.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per pending deadline; a fired deadline is deleted once its handler succeeded. */
export const deadlines = sqliteTable(
  "deadlines",
  {
    /** Caller-chosen identity (e.g. `conversation:<id>:<kind>`); setting the same key again moves the deadline. */
    key: text("key").primaryKey(),
    kind: text("kind").notNull(),
    /** The conversation it belongs to, so ending a conversation cancels all of its deadlines at once. */
    conversationId: text("conversation_id"),
    /** When it is due, as the caller set it (epoch ms). */
    dueAt: integer("due_at").notNull(),
    /** When the next attempt runs: `due_at`, pushed back by the retry backoff after a failed handler. */
    fireAt: integer("fire_at").notNull(),
    /** Failed handler attempts so far (drives the backoff). */
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** JSON given to the handler. */
    payload: text("payload").notNull().default("null"),
    /** Bumped on every set, so a handler finishing late never deletes a deadline re-set meanwhile. */
    version: integer("version").notNull().default(1),
  },
  (table) => [index("deadlines_fire_at_idx").on(table.fireAt), index("deadlines_conversation_idx").on(table.conversationId)],
);
