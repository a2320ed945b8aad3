/**
 * Offline messages: what visitors leave through the widget's form when nobody can chat (outside
 * opening hours, queue full, no operator). Operators list and handle them from the console; the
 * ones whose profile says `receivesOfflineMessages` are also e-mailed when SMTP is configured.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per message left by a visitor. */
export const offlineMessages = sqliteTable(
  "offline_messages",
  {
    id: text("id").primaryKey(),
    /** The widget visitor who left it, when the form was sent with their token. */
    visitorId: text("visitor_id"),
    name: text("name").notNull(),
    email: text("email").notNull(),
    message: text("message").notNull(),
    departmentId: text("department_id"),
    pageUrl: text("page_url"),
    /** Why the visitor could not chat: after_hours, queue_full, no_operator, queue_closed, queue_timeout, or null. */
    reason: text("reason"),
    createdAt: integer("created_at").notNull(),
    /** Set when an operator marks it handled. */
    handledAt: integer("handled_at"),
    handledBy: text("handled_by"),
  },
  (table) => [index("offline_messages_created_idx").on(table.createdAt), index("offline_messages_department_idx").on(table.departmentId, table.createdAt)],
);
