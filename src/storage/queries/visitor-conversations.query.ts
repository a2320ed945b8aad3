/** A visitor's conversations, newest first (the console's visitor panel lists their past ones). */
import { desc, eq } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { conversations } from "../tables/conversations.table";

/** Ids of the visitor's conversations, newest first, at most `limit` (uses conversations_visitor_idx). */
export function visitorConversationIds(db: BunSQLiteDatabase, visitorId: string, limit: number): string[] {
  return db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.visitorId, visitorId))
    .orderBy(desc(conversations.createdAt))
    .limit(limit)
    .all()
    .map((row) => row.id);
}
