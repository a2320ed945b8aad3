/**
 * The drizzle implementation of the file domain's {@link FileRepository}. Rows map one to one onto
 * {@link StoredFile}; the deletes return what they removed so the caller can drop blobs that no
 * row references any more.
 */
import { asc, eq, lt, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { FileRepository, StoredFile } from "../../files/file.model";
import { files } from "../tables/file.table";

/** A {@link FileRepository} over Parley's database (see `openDatabase`). */
export function createFileRepository(db: BunSQLiteDatabase): FileRepository {
  const byId = db.select().from(files).where(eq(files.id, sql.placeholder("id"))).prepare();
  const referenced = db.select({ id: files.id }).from(files).where(eq(files.sha256, sql.placeholder("sha256"))).limit(1).prepare();
  return {
    insert(file) {
      db.insert(files).values(file).run();
    },
    findById(id) {
      return byId.get({ id }) ?? null;
    },
    listByConversation(conversationId) {
      return db.select().from(files).where(eq(files.conversationId, conversationId)).orderBy(asc(files.createdAt), asc(files.id)).all();
    },
    deleteCreatedBefore(createdBefore) {
      return db.delete(files).where(lt(files.createdAt, createdBefore)).returning().all();
    },
    deleteByConversation(conversationId) {
      return db.delete(files).where(eq(files.conversationId, conversationId)).returning().all();
    },
    isBlobReferenced(sha256) {
      return referenced.get({ sha256 }) !== undefined;
    },
  } satisfies FileRepository;
}
