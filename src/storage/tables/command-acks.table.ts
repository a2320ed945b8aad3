/**
 * The acks of socket commands that changed state, so a client retrying a command id after a server
 * restart gets the original ack instead of an error or a second effect. Written in the same
 * transaction as the command's effect (group commit), pruned after a retention window. Messages are
 * not here: the event log's unique client id index already makes them idempotent.
 */
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per (principal, client command id). */
export const commandAcks = sqliteTable(
  "command_acks",
  {
    /** `visitor` or `operator`: ids of the two kinds live in different namespaces. */
    principalKind: text("principal_kind", { enum: ["visitor", "operator"] }).notNull(),
    principalId: text("principal_id").notNull(),
    /** The id the client gave the command. */
    clientId: text("client_id").notNull(),
    /** The serialised ack frame, sent again verbatim on a retry. */
    ack: text("ack").notNull(),
    /** When the command took effect (epoch ms): the retention window counts from here. */
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.principalKind, t.principalId, t.clientId] }), index("command_acks_created_idx").on(t.createdAt)],
);
