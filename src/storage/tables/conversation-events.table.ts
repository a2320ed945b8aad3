/**
 * The append-only log of every conversation: state changes, messages, internal notes, notices.
 * `(conversation_id, seq)` is the primary key, so seqs are unique per conversation and history and
 * resume-after-reconnect are index range scans; `(conversation_id, client_id)` is unique where a
 * client id is given, which is what makes retried sends idempotent even across restarts.
 */
import { sql } from "drizzle-orm";
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** One row per event; never updated or deleted except by retention pruning of whole conversations. */
export const conversationEvents = sqliteTable(
  "conversation_events",
  {
    conversationId: text("conversation_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    /** visitor | operator | system */
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    /** all | staff (internal notes and transfer messages are staff only) */
    visibility: text("visibility").notNull(),
    /** JSON payload of the event type. */
    payload: text("payload").notNull().default("{}"),
    /** Text of messages, notes and notices. */
    body: text("body"),
    /** The sender's idempotency key. */
    clientId: text("client_id"),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.conversationId, table.seq] }),
    uniqueIndex("conversation_events_client_idx").on(table.conversationId, table.clientId).where(sql`${table.clientId} IS NOT NULL`),
    // No index on created_at: no query reads the log by time (retention deletes whole conversations
    // by id), and every message paid for keeping it.
  ],
);
