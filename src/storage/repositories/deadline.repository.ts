/**
 * The SQLite implementation of the scheduler's {@link DeadlineStore}. The statements the scheduler
 * runs on every message or timer tick are prepared once; the payload is stored as JSON text.
 */
import { and, asc, count, eq, lte, min, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { DeadlineStore, StoredDeadline } from "../../jobs/deadline.model";
import { deadlines } from "../tables/deadline.table";

type Row = typeof deadlines.$inferSelect;
const toStored = (row: Row): StoredDeadline => ({ ...row, payload: JSON.parse(row.payload) as unknown });
const p = sql.placeholder;

/** A {@link DeadlineStore} over Parley's database (see `openDatabase`). */
export function createDeadlineRepository(db: BunSQLiteDatabase): DeadlineStore {
  const upsert = db
    .insert(deadlines)
    .values({ key: p("key"), kind: p("kind"), conversationId: p("conversationId"), dueAt: p("dueAt"), fireAt: p("dueAt"), payload: p("payload") })
    .onConflictDoUpdate({
      target: deadlines.key,
      set: {
        kind: sql`excluded.kind`,
        conversationId: sql`excluded.conversation_id`,
        dueAt: sql`excluded.due_at`,
        fireAt: sql`excluded.fire_at`,
        payload: sql`excluded.payload`,
        attempts: 0,
        lastError: null,
        version: sql`${deadlines.version} + 1`,
      },
    })
    .prepare();
  const byKey = db.select().from(deadlines).where(eq(deadlines.key, p("key"))).prepare();
  const deleteByKey = db.delete(deadlines).where(eq(deadlines.key, p("key"))).returning({ key: deadlines.key }).prepare();
  const deleteAtVersion = db
    .delete(deadlines)
    .where(and(eq(deadlines.key, p("key")), eq(deadlines.version, p("version"))))
    .returning({ key: deadlines.key })
    .prepare();
  const reschedule = db
    .update(deadlines)
    .set({ fireAt: sql`${p("fireAt")}`, attempts: sql`${p("attempts")}`, lastError: sql`${p("lastError")}` })
    .where(and(eq(deadlines.key, p("key")), eq(deadlines.version, p("version"))))
    .prepare();
  const ofConversation = db
    .select()
    .from(deadlines)
    .where(eq(deadlines.conversationId, p("conversationId")))
    .orderBy(asc(deadlines.dueAt), asc(deadlines.key))
    .prepare();
  const earliest = db.select({ fireAt: min(deadlines.fireAt) }).from(deadlines).prepare();
  const due = db
    .select()
    .from(deadlines)
    .where(lte(deadlines.fireAt, p("now")))
    .orderBy(asc(deadlines.fireAt), asc(deadlines.dueAt), asc(deadlines.key))
    .limit(p("limit"))
    .prepare();

  return {
    upsert(d) {
      upsert.run({ key: d.key, kind: d.kind, conversationId: d.conversationId, dueAt: d.dueAt, payload: JSON.stringify(d.payload ?? null) });
    },
    get(key) {
      const row = byKey.get({ key });
      return row ? toStored(row) : null;
    },
    delete(key) {
      return deleteByKey.all({ key }).length > 0;
    },
    deleteForConversation(conversationId) {
      return db.delete(deadlines).where(eq(deadlines.conversationId, conversationId)).returning({ key: deadlines.key }).all().length;
    },
    deleteIfVersion(key, version) {
      return deleteAtVersion.all({ key, version }).length > 0;
    },
    reschedule(key, version, fireAt, attempts, lastError) {
      reschedule.run({ key, version, fireAt, attempts, lastError });
    },
    earliestFireAt() {
      return earliest.get()?.fireAt ?? null;
    },
    due(now, limit) {
      return due.all({ now, limit }).map(toStored);
    },
    listForConversation(conversationId) {
      return ofConversation.all({ conversationId }).map(toStored);
    },
    count() {
      return db.select({ n: count() }).from(deadlines).get()?.n ?? 0;
    },
  } satisfies DeadlineStore;
}
