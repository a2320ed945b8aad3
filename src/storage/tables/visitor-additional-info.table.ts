/**
 * The visitor's "Additional information": values operators fill in on the visitor's record, one row
 * per visitor and field (`visitors.additionalInfoFields` of the configuration), with who changed it
 * last and when. Kept per visitor, not per conversation, so it follows them into later chats.
 */
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One value of one visitor's additional information. */
export const visitorAdditionalInfo = sqliteTable(
  "visitor_additional_info",
  {
    visitorId: text("visitor_id").notNull(),
    /** The `visitors.additionalInfoFields[].id`; a value whose field left the config is kept but not shown. */
    fieldId: text("field_id").notNull(),
    value: text("value").notNull(),
    /** Epoch ms of the last change. */
    updatedAt: integer("updated_at").notNull(),
    /** Operator id of the last change. */
    updatedBy: text("updated_by").notNull(),
  },
  (table) => [primaryKey({ columns: [table.visitorId, table.fieldId] })],
);
