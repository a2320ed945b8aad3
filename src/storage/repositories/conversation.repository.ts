/**
 * SQLite implementation of the engine's `ConversationRepository`. The engine writes a conversation
 * through on every command that changes it, so insert and update are prepared once (drizzle
 * `.prepare()` with placeholders); JSON columns hold the small arrays and the visitor context.
 */
import { and, asc, desc, eq, getTableColumns, getTableName, inArray, isNotNull, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { sqliteOf } from "../db";
import type { Conversation, ConversationState, EndReason, Priority } from "../../core/conversation/conversation.model";
import type { ConversationRepository } from "../../core/conversation/conversation.ports";
import { conversations } from "../tables/conversations.table";

type Row = typeof conversations.$inferSelect;
const p = sql.placeholder;

/** The columns of a conversation row, from the engine's record. */
export function toConversationRow(c: Conversation): Row {
  const { id, name, email, ...context } = c.visitor;
  return {
    id: c.id,
    visitorId: id,
    visitorName: name,
    visitorEmail: email,
    visitorContext: JSON.stringify(context),
    state: c.state,
    priority: c.priority,
    departmentId: c.department,
    targetOperatorIds: c.targetOperatorIds ? JSON.stringify(c.targetOperatorIds) : null,
    requiredSkills: JSON.stringify(c.requiredSkills),
    tags: JSON.stringify(c.tags),
    important: c.important,
    operatorId: c.operatorId,
    previousOperatorIds: JSON.stringify(c.previousOperatorIds),
    capacityOverride: c.capacityOverride,
    createdAt: c.createdAt,
    requestedAt: c.requestedAt,
    enqueuedAt: c.enqueuedAt,
    slaDueAt: c.slaDueAt,
    assignedAt: c.assignedAt,
    firstResponseAt: c.firstResponseAt,
    endedAt: c.endedAt,
    endReason: c.endReason,
    lastVisitorActivityAt: c.lastVisitorActivityAt,
    visitorAwaitingReplySince: c.visitorAwaitingReplySince,
    lastOperatorActivityAt: c.lastOperatorActivityAt,
    lastMessageAt: c.lastMessageAt,
    visitorReminderSentAt: c.visitorReminderSentAt,
    reengagementSentAt: c.reengagementSentAt,
    questionnaireOfferedAt: c.questionnaireOfferedAt,
    disconnectNoticeSentAt: c.disconnectNoticeSentAt,
    stillBusyNoticeSentAt: c.stillBusyNoticeSentAt,
    firedDeadlines: JSON.stringify(c.firedDeadlines),
    visitorReadSeq: c.visitorReadSeq,
    operatorReadSeq: c.operatorReadSeq,
    lastSeq: c.lastSeq,
  };
}

/** The engine's record from a conversation row. */
export function fromConversationRow(r: Row): Conversation {
  const context = JSON.parse(r.visitorContext) as Omit<Conversation["visitor"], "id" | "name" | "email">;
  return {
    id: r.id,
    visitor: {
      id: r.visitorId,
      name: r.visitorName,
      email: r.visitorEmail,
      fields: context.fields ?? {},
      pageUrl: context.pageUrl ?? null,
      referrer: context.referrer ?? null,
      userAgent: context.userAgent ?? null,
      language: context.language ?? null,
      timezone: context.timezone ?? null,
    },
    state: r.state as ConversationState,
    priority: r.priority as Priority,
    department: r.departmentId,
    targetOperatorIds: r.targetOperatorIds === null ? null : (JSON.parse(r.targetOperatorIds) as string[]),
    requiredSkills: JSON.parse(r.requiredSkills) as string[],
    tags: JSON.parse(r.tags) as string[],
    important: r.important,
    operatorId: r.operatorId,
    previousOperatorIds: JSON.parse(r.previousOperatorIds) as string[],
    capacityOverride: r.capacityOverride,
    createdAt: r.createdAt,
    requestedAt: r.requestedAt,
    enqueuedAt: r.enqueuedAt,
    slaDueAt: r.slaDueAt,
    assignedAt: r.assignedAt,
    firstResponseAt: r.firstResponseAt,
    endedAt: r.endedAt,
    endReason: r.endReason as EndReason | null,
    lastVisitorActivityAt: r.lastVisitorActivityAt,
    visitorAwaitingReplySince: r.visitorAwaitingReplySince,
    lastOperatorActivityAt: r.lastOperatorActivityAt,
    lastMessageAt: r.lastMessageAt,
    visitorReminderSentAt: r.visitorReminderSentAt,
    reengagementSentAt: r.reengagementSentAt,
    questionnaireOfferedAt: r.questionnaireOfferedAt,
    disconnectNoticeSentAt: r.disconnectNoticeSentAt,
    stillBusyNoticeSentAt: r.stillBusyNoticeSentAt,
    firedDeadlines: JSON.parse(r.firedDeadlines) as Record<string, number>,
    visitorReadSeq: r.visitorReadSeq,
    operatorReadSeq: r.operatorReadSeq,
    lastSeq: r.lastSeq,
  };
}

/** A placeholder per column, named after the column's property. */
function placeholders(omit: readonly string[] = []): Record<string, ReturnType<typeof p>> {
  return Object.fromEntries(
    Object.keys(getTableColumns(conversations))
      .filter((k) => !omit.includes(k))
      .map((k) => [k, p(k)]),
  );
}

/**
 * Columns that appear in an index. Most writes (every message) change none of them, and SQLite
 * rewrites the index entries of every indexed column an UPDATE names, so those writes use a
 * statement that leaves them out (about a third of the cost of the full-row update).
 */
const INDEXED_COLUMNS = ["visitorId", "state", "operatorId", "departmentId", "createdAt", "endedAt", "assignedAt"] as const;
type IndexedValues = readonly unknown[];
const indexedValuesOf = (row: Row): IndexedValues => INDEXED_COLUMNS.map((k) => row[k]);
const sameValues = (a: IndexedValues, b: IndexedValues) => a.every((v, i) => v === b[i]);

/** The columns a message or note changes (ConversationRepository.updateActivity), by property. */
const ACTIVITY_COLUMNS = ["lastSeq", "lastVisitorActivityAt", "visitorAwaitingReplySince", "lastOperatorActivityAt", "lastMessageAt", "firstResponseAt"] as const;

/**
 * A busy conversation's row takes activity-only writes at most this often; the ones in between are
 * deferred and coalesced (`flushDeferred`). At 5 messages a second each, a saturated server writes
 * each row once a second instead of five times; a quiet chat is written at every message.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = 1000;

/** What this process last wrote of a conversation's row. */
interface WrittenRow {
  /** Its indexed column values (null: unknown, the next whole-row write names them all). */
  indexed: IndexedValues | null;
  /** When (the repository's clock). */
  at: number;
}

/** The SQLite repository, plus what its unit of work and the runtime must tell it. */
export interface SqliteConversationRepository extends ConversationRepository {
  /** A transaction rolled back: what this repository remembers of its writes may be wrong. */
  forgetWrites(): void;
  /**
   * Writes the deferred activity of the conversations whose row was last written at least
   * ACTIVITY_WRITE_INTERVAL_MS ago, read from `current` (the engine's live record: deferred ids
   * outlive a rollback, the values do not); returns how many rows it wrote. Call it in a transaction.
   */
  flushDeferred(current: (id: string) => Conversation | null): number;
}

/** A `ConversationRepository` over Parley's database; `now` times the activity write interval (tests pass their own). */
export function createConversationRepository(db: BunSQLiteDatabase, now: () => number = Date.now): SqliteConversationRepository {
  const insert = db.insert(conversations).values(placeholders() as never).prepare();
  const update = db.update(conversations).set(placeholders(["id"]) as never).where(eq(conversations.id, p("id"))).prepare();
  const updateUnindexed = db.update(conversations).set(placeholders(["id", ...INDEXED_COLUMNS]) as never).where(eq(conversations.id, p("id"))).prepare();
  // Every message writes this: a raw prepared statement with positional values, no row object, no
  // JSON columns (a third of the full-row update's cost). Column names come from the table definition.
  const updateActivity = sqliteOf(db).prepare<never, (string | number | null)[]>(
    `UPDATE ${getTableName(conversations)} SET ${ACTIVITY_COLUMNS.map((k) => `${conversations[k].name} = ?`).join(", ")} WHERE ${conversations.id.name} = ?`,
  );
  /** Per conversation this process wrote (open ones, mostly). */
  const written = new Map<string, WrittenRow>();
  /** Conversations whose latest activity is not written yet, oldest first. */
  const deferred = new Set<string>();
  const writeActivity = (c: Conversation, at: number) => {
    updateActivity.run(...ACTIVITY_COLUMNS.map((k) => c[k]), c.id);
    deferred.delete(c.id);
    const row = written.get(c.id);
    if (row) row.at = at;
    else written.set(c.id, { indexed: null, at });
  };
  const byId = db.select().from(conversations).where(eq(conversations.id, p("id"))).prepare();
  const open = db
    .select()
    .from(conversations)
    .where(inArray(conversations.state, ["pending", "waiting", "active"]))
    .orderBy(asc(conversations.createdAt), asc(conversations.id))
    .prepare();
  const recentWaits = db
    .select({ ms: sql<number>`${conversations.assignedAt} - ${conversations.requestedAt}` })
    .from(conversations)
    .where(isNotNull(conversations.assignedAt))
    .orderBy(desc(conversations.assignedAt))
    .limit(p("limit"))
    .prepare();
  const recentHandlings = db
    .select({ ms: sql<number>`${conversations.endedAt} - ${conversations.assignedAt}` })
    .from(conversations)
    .where(and(isNotNull(conversations.endedAt), isNotNull(conversations.assignedAt)))
    .orderBy(desc(conversations.endedAt))
    .limit(p("limit"))
    .prepare();

  return {
    insert(c) {
      const row = toConversationRow(c);
      insert.run(row);
      written.set(c.id, { indexed: indexedValuesOf(row), at: now() });
    },
    update(c) {
      const row = toConversationRow(c);
      const indexed = indexedValuesOf(row);
      const before = written.get(c.id)?.indexed;
      if (before && sameValues(before, indexed)) {
        updateUnindexed.run(row);
      } else {
        update.run(row);
      }
      deferred.delete(c.id);
      // Ended conversations are rarely written again: forget them so the map follows the open ones.
      if (c.state === "ended") written.delete(c.id);
      else written.set(c.id, { indexed, at: now() });
    },
    updateActivity(c) {
      const at = now();
      const row = written.get(c.id);
      if (row && at - row.at < ACTIVITY_WRITE_INTERVAL_MS) deferred.add(c.id);
      else writeActivity(c, at);
    },
    flushDeferred(current) {
      const at = now();
      let n = 0;
      for (const id of deferred) {
        const row = written.get(id);
        if (row && at - row.at < ACTIVITY_WRITE_INTERVAL_MS) continue;
        const c = current(id);
        if (c) {
          writeActivity(c, at);
          n++;
        } else deferred.delete(id);
      }
      return n;
    },
    forgetWrites() {
      written.clear();
    },
    get(id) {
      const row = byId.get({ id });
      return row ? fromConversationRow(row) : null;
    },
    listOpen() {
      return open.all().map(fromConversationRow);
    },
    recentDurations(limit) {
      return {
        waits: recentWaits.all({ limit }).map((r) => r.ms).reverse(),
        handlings: recentHandlings.all({ limit }).map((r) => r.ms).reverse(),
      };
    },
  };
}
