/**
 * What the engine remembers about each operator across restarts: their status (a break survives a
 * deploy), whether they were present (they get a grace period to reconnect instead of losing their
 * conversations), and their last assignment (round-robin fairness).
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per operator id that has ever connected. */
export const operatorStates = sqliteTable("operator_states", {
  operatorId: text("operator_id").primaryKey(),
  status: text("status").notNull(),
  statusSince: integer("status_since").notNull(),
  present: integer("present", { mode: "boolean" }).notNull(),
  lastAssignedAt: integer("last_assigned_at").notNull().default(0),
});
