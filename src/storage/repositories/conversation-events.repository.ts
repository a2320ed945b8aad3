/**
 * SQLite implementation of the engine's `EventLogRepository`: the append-only conversation log.
 * Append (every message; it answers the idempotency question itself) and the clientId lookup (a retried send) are raw statements prepared once;
 * history reads are range scans on the (conversation_id, seq) primary key, one prepared statement per query shape.
 */
import type { Statement } from "bun:sqlite";
import { getTableName } from "drizzle-orm";
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
  // A client id already logged in the conversation writes nothing (the unique index answers the
  // idempotency question the insert has to ask anyway; a lookup before it cost a second index walk).
  const clientKey = `(${name("conversationId")}, ${name("clientId")}) WHERE ${name("clientId")} IS NOT NULL`;
  const append = sqliteOf(db).prepare<never, (string | number | null)[]>(
    `INSERT INTO ${table} (${COLUMNS.map(name).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")}) ON CONFLICT ${clientKey} DO NOTHING`,
  );
  const selectColumns = `SELECT ${COLUMNS.map((k) => `${name(k)} AS ${k}`).join(", ")} FROM ${table}`;
  const byClientId = sqliteOf(db).prepare<Row, [string, string]>(`${selectColumns} WHERE ${name("conversationId")} = ? AND ${name("clientId")} = ?`);
  const listStatements = new Map<string, Statement<Row, (string | number)[]>>();

  return {
    append(e) {
      return append.run(e.conversationId, e.seq, e.type, e.actor.kind, e.actor.id, e.visibility, JSON.stringify(e.payload), e.body, e.clientId, e.createdAt).changes > 0;
    },
    findByClientId(conversationId, clientId) {
      const row = byClientId.get(conversationId, clientId);
      return row ? fromEventRow(row) : null;
    },
    list(conversationId, query) {
      // Every (re)connection and follow reads the log: one prepared statement per query shape, kept
      // (a statement compiled per call is native memory held until the garbage collector finalizes it).
      const backwards = query.beforeSeq !== undefined && query.limit !== undefined;
      const shape = `${query.afterSeq !== undefined ? "a" : ""}${query.beforeSeq !== undefined ? "b" : ""}${query.limit !== undefined ? "l" : ""}${query.includeStaff ? "s" : ""}`;
      let statement = listStatements.get(shape);
      if (!statement) {
        const conditions = [`${name("conversationId")} = ?`];
        if (query.afterSeq !== undefined) conditions.push(`${name("seq")} > ?`);
        if (query.beforeSeq !== undefined) conditions.push(`${name("seq")} < ?`);
        if (!query.includeStaff) conditions.push(`${name("visibility")} = 'all'`);
        const sql = `${selectColumns} WHERE ${conditions.join(" AND ")} ORDER BY ${name("seq")} ${backwards ? "DESC" : "ASC"}${query.limit !== undefined ? " LIMIT ?" : ""}`;
        listStatements.set(shape, (statement = sqliteOf(db).prepare<Row, (string | number)[]>(sql)));
      }
      const values: (string | number)[] = [conversationId];
      if (query.afterSeq !== undefined) values.push(query.afterSeq);
      if (query.beforeSeq !== undefined) values.push(query.beforeSeq);
      if (query.limit !== undefined) values.push(query.limit);
      const rows = statement.all(...values);
      if (backwards) rows.reverse();
      return rows.map(fromEventRow);
    },
  };
}
