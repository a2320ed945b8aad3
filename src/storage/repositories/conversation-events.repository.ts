/**
 * SQLite implementation of the engine's `EventLogRepository`: the append-only conversation log.
 * Append (every message) and the clientId lookup (every send, for idempotency) are raw statements prepared once;
 * history reads are range scans on the (conversation_id, seq) primary key.
 */
import { and, asc, desc, eq, getTableName, gt, lt, type SQL } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { sqliteOf } from "../db";
import type { ActorRef, AnyStoredEvent, EventType, Visibility } from "../../core/conversation/conversation.events";
import type { EventLogRepository } from "../../core/conversation/conversation.ports";
import { conversationEvents } from "../tables/conversation-events.table";

type Row = typeof conversationEvents.$inferSelect;

/** The engine's event from a log row. */
export function fromEventRow(r: Row): AnyStoredEvent {
  return {
    conversationId: r.conversationId,
    seq: r.seq,
    type: r.type as EventType,
    actor: { kind: r.actorKind as ActorRef["kind"], id: r.actorId },
    visibility: r.visibility as Visibility,
    payload: JSON.parse(r.payload),
    body: r.body,
    clientId: r.clientId,
    createdAt: r.createdAt,
  } as AnyStoredEvent;
}

/** The log's columns, by property, in the order of the raw statements below. */
const COLUMNS = ["conversationId", "seq", "type", "actorKind", "actorId", "visibility", "payload", "body", "clientId", "createdAt"] as const;

/** An `EventLogRepository` over Parley's database. */
export function createEventLogRepository(db: BunSQLiteDatabase): EventLogRepository {
  // Append and the clientId lookup run for every message: raw prepared statements with positional
  // values (drizzle's placeholder filling and row mapping cost more than SQLite's work here).
  // Table and column names come from the table definition.
  const table = getTableName(conversationEvents);
  const name = (k: (typeof COLUMNS)[number]) => conversationEvents[k].name;
  const append = sqliteOf(db).prepare<never, (string | number | null)[]>(`INSERT INTO ${table} (${COLUMNS.map(name).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
  const byClientId = sqliteOf(db).prepare<Row, [string, string]>(
    `SELECT ${COLUMNS.map((k) => `${name(k)} AS ${k}`).join(", ")} FROM ${table} WHERE ${name("conversationId")} = ? AND ${name("clientId")} = ?`,
  );

  return {
    append(e) {
      append.run(e.conversationId, e.seq, e.type, e.actor.kind, e.actor.id, e.visibility, JSON.stringify(e.payload), e.body, e.clientId, e.createdAt);
    },
    findByClientId(conversationId, clientId) {
      const row = byClientId.get(conversationId, clientId);
      return row ? fromEventRow(row) : null;
    },
    list(conversationId, query) {
      const conditions: SQL[] = [eq(conversationEvents.conversationId, conversationId)];
      if (query.afterSeq !== undefined) conditions.push(gt(conversationEvents.seq, query.afterSeq));
      if (query.beforeSeq !== undefined) conditions.push(lt(conversationEvents.seq, query.beforeSeq));
      if (!query.includeStaff) conditions.push(eq(conversationEvents.visibility, "all"));
      const backwards = query.beforeSeq !== undefined && query.limit !== undefined;
      const base = db
        .select()
        .from(conversationEvents)
        .where(and(...conditions))
        .orderBy(backwards ? desc(conversationEvents.seq) : asc(conversationEvents.seq));
      const rows = query.limit !== undefined ? base.limit(query.limit).all() : base.all();
      if (backwards) rows.reverse();
      return rows.map(fromEventRow);
    },
  };
}
