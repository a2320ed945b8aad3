/**
 * Key/value metadata about this Parley instance (instance id, first start, schema facts).
 * A table rather than a file so it is covered by the same backups and transactions as the data.
 */
import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

/** One row per metadata key; values are strings so the table never needs a migration to grow. */
export const appMeta = sqliteTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  /** Epoch milliseconds of the last write, for diagnostics. */
  updatedAt: integer("updated_at").notNull(),
});

/** Well-known metadata keys, so readers and writers never disagree on spelling. */
export const META_KEYS = {
  instanceId: "instance_id",
  firstStartedAt: "first_started_at",
} as const;
