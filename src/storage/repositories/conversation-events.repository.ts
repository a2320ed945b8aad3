/**
 * SQLite implementation of the engine's `EventLogRepository`: the append-only conversation log.
 * Append (every message) and the clientId lookup (every send, for idempotency) are prepared once;
 * history reads are range scans on the (conversation_id, seq) primary key.
 */
import { and, asc, desc, eq, gt, lt, sql, type SQL } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { ActorRef, AnyStoredEvent, EventType, Visibility } from "../../core/conversation/conversation.events";
import type { EventLogRepository } from "../../core/conversation/conversation.ports";
import { conversationEvents } from "../tables/conversation-events.table";

type Row = typeof conversationEvents.$inferSelect;
const p = sql.placeholder;

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

/** An `EventLogRepository` over Parley's database. */
export function createEventLogRepository(db: BunSQLiteDatabase): EventLogRepository {
  const append = db
    .insert(conversationEvents)
    .values({
      conversationId: p("conversationId"),
      seq: p("seq"),
      type: p("type"),
      actorKind: p("actorKind"),
      actorId: p("actorId"),
      visibility: p("visibility"),
      payload: p("payload"),
      body: p("body"),
      clientId: p("clientId"),
      createdAt: p("createdAt"),
    })
    .prepare();
  const byClientId = db
    .select()
    .from(conversationEvents)
    .where(and(eq(conversationEvents.conversationId, p("conversationId")), eq(conversationEvents.clientId, p("clientId"))))
    .prepare();

  return {
    append(e) {
      append.run({
        conversationId: e.conversationId,
        seq: e.seq,
        type: e.type,
        actorKind: e.actor.kind,
        actorId: e.actor.id,
        visibility: e.visibility,
        payload: JSON.stringify(e.payload),
        body: e.body,
        clientId: e.clientId,
        createdAt: e.createdAt,
      });
    },
    findByClientId(conversationId, clientId) {
      const row = byClientId.get({ conversationId, clientId });
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
