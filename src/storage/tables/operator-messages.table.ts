/**
 * Chat between operators (the team drawer's threads): every line one operator sends another, kept so
 * a colleague who is offline, reloading or on another tab still gets it, with its read state for the
 * unread badges. Pruned by the conversation retention (storage.retention.conversationsDays).
 */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** One row per operator-to-operator message. */
export const operatorMessages = sqliteTable(
  "operator_messages",
  {
    id: text("id").primaryKey(),
    /** The pair of operators, order-free (`threadKeyOf`), so a thread pages on one index. */
    threadKey: text("thread_key").notNull(),
    senderId: text("sender_id").notNull(),
    recipientId: text("recipient_id").notNull(),
    /** The sender's command id: a retried send finds its first row instead of adding a second. */
    clientId: text("client_id").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull(),
    /** When the recipient opened the thread (null: unread). */
    readAt: integer("read_at"),
  },
  (table) => [
    uniqueIndex("operator_messages_client_idx").on(table.senderId, table.clientId),
    index("operator_messages_thread_idx").on(table.threadKey, table.createdAt, table.id),
    index("operator_messages_unread_idx").on(table.recipientId, table.readAt, table.senderId),
    index("operator_messages_created_idx").on(table.createdAt),
  ],
);
