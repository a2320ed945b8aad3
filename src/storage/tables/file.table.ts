/**
 * Metadata of chat attachments. The bytes live on disk, content-addressed by `sha256`
 * (src/files/blob.store.ts); several rows may share one blob when identical content is uploaded
 * twice, hence the index used to decide whether a blob is still referenced.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per upload (a re-upload of the same bytes is a new row sharing the blob). */
export const files = sqliteTable(
  "files",
  {
    /** Random, unguessable (128 bits, base64url): the download URL is built from it. */
    id: text("id").primaryKey(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    /** Sanitised uploader-supplied name, used for display and Content-Disposition. */
    name: text("name").notNull(),
    /** Sniffed from the bytes; served as Content-Type. */
    contentType: text("content_type").notNull(),
    /** No foreign key: files are kept (and pruned) by their own retention, independent of conversation rows. */
    conversationId: text("conversation_id").notNull(),
    /** `visitor` or `operator`. */
    uploaderKind: text("uploader_kind", { enum: ["visitor", "operator"] }).notNull(),
    /** Visitor id or operator id, according to `uploaderKind`. */
    uploaderId: text("uploader_id").notNull(),
    /** Epoch milliseconds. */
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    index("files_conversation_idx").on(table.conversationId, table.createdAt),
    index("files_sha256_idx").on(table.sha256),
    index("files_created_idx").on(table.createdAt),
  ],
);
