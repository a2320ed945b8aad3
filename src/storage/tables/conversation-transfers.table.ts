/**
 * Transfer requests (`/t Name` … `/a`): pending ones are restored after a restart; resolved ones
 * stay as history (who asked whom, and what became of it).
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per transfer request. */
export const conversationTransfers = sqliteTable(
  "conversation_transfers",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    fromOperatorId: text("from_operator_id").notNull(),
    toOperatorId: text("to_operator_id").notNull(),
    message: text("message"),
    requestedBy: text("requested_by").notNull(),
    /** pending | accepted | declined | expired | cancelled */
    state: text("state").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    resolvedAt: integer("resolved_at"),
  },
  (table) => [index("conversation_transfers_state_idx").on(table.state, table.toOperatorId), index("conversation_transfers_conversation_idx").on(table.conversationId)],
);
