/**
 * What operators choose for themselves at runtime (not config): how many conversations at once
 * they take, below their configured ceiling. Kept apart from `operator_states`, which is rewritten on
 * every assignment, so a preference is written only when the operator changes it.
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per operator who ever set a preference. */
export const operatorPreferences = sqliteTable("operator_preferences", {
  operatorId: text("operator_id").primaryKey(),
  /** Their own limit of concurrent conversations; null = follow the configured ceiling. */
  maxConversations: integer("max_conversations"),
  updatedAt: integer("updated_at").notNull(),
});
