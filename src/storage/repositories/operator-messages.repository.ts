/**
 * Operator-to-operator messages in SQLite: the store behind the team chat (src/team-chat). A thread
 * pages newest first on (thread_key, created_at, id); unread counts come from the recipient index.
 */
import { and, count, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { threadKeyOf, type TeamMessage, type TeamMessageStore, type ThreadPosition } from "../../team-chat/team-chat.model";
import { operatorMessages } from "../tables/operator-messages.table";

/** Rows deleted per statement by retention, so a large first prune never holds the write lock long. */
const PRUNE_BATCH = 1000;

const t = operatorMessages;
const columns = { id: t.id, senderId: t.senderId, recipientId: t.recipientId, clientId: t.clientId, text: t.text, createdAt: t.createdAt, readAt: t.readAt };

/** The team chat's store over SQLite. */
export class OperatorMessageRepository implements TeamMessageStore {
  constructor(private readonly db: BunSQLiteDatabase) {}

  insert(message: TeamMessage): void {
    this.db.insert(t).values({ ...message, threadKey: threadKeyOf(message.senderId, message.recipientId) }).run();
  }

  findByClientId(senderId: string, clientId: string): TeamMessage | null {
    return this.db.select(columns).from(t).where(and(eq(t.senderId, senderId), eq(t.clientId, clientId))).get() ?? null;
  }

  newestOfThread(a: string, b: string, limit: number, before: ThreadPosition | null): TeamMessage[] {
    const inThread = eq(t.threadKey, threadKeyOf(a, b));
    const where = before ? and(inThread, or(lt(t.createdAt, before.beforeAt), and(eq(t.createdAt, before.beforeAt), lt(t.id, before.beforeId)))) : inThread;
    return this.db.select(columns).from(t).where(where).orderBy(desc(t.createdAt), desc(t.id)).limit(limit).all();
  }

  markRead(recipientId: string, senderId: string, at: number): number {
    return this.db.update(t).set({ readAt: at }).where(and(eq(t.recipientId, recipientId), isNull(t.readAt), eq(t.senderId, senderId))).returning({ id: t.id }).all().length;
  }

  unreadBySender(recipientId: string): Record<string, number> {
    const rows = this.db.select({ senderId: t.senderId, n: count() }).from(t).where(and(eq(t.recipientId, recipientId), isNull(t.readAt))).groupBy(t.senderId).all();
    return Object.fromEntries(rows.map((r) => [r.senderId, r.n]));
  }

  deleteOlderThan(createdBefore: number): number {
    let removed = 0;
    for (;;) {
      const batch = this.db.select({ id: t.id }).from(t).where(lt(t.createdAt, createdBefore)).limit(PRUNE_BATCH);
      const changes = this.db.delete(t).where(inArray(t.id, batch)).returning({ id: t.id }).all().length;
      removed += changes;
      if (changes < PRUNE_BATCH) return removed;
    }
  }
}

