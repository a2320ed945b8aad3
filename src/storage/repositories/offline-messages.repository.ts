/**
 * Offline messages in SQLite: insert, keyset-paged listing newest first within the viewer's
 * departments, and marking handled.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { encodeCursor, readCursor } from "../queries/keyset-cursor";
import { offlineMessages } from "../tables/offline-messages.table";

/** One stored offline message. */
export type OfflineMessageRow = typeof offlineMessages.$inferSelect;

/** Listing filters. `departments: "all"` for supervisors; otherwise theirs plus messages without department. */
export interface OfflineListQuery {
  readonly departments: readonly string[] | "all";
  readonly department?: string;
  readonly status: "open" | "handled" | "all";
  readonly limit: number;
  readonly cursor?: string;
}

/** The repository. */
export class OfflineMessageRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  insert(row: OfflineMessageRow): void {
    this.db.insert(offlineMessages).values(row).run();
  }

  get(id: string): OfflineMessageRow | null {
    return this.db.select().from(offlineMessages).where(eq(offlineMessages.id, id)).get() ?? null;
  }

  /** Marks handled (idempotent: the first handler and time are kept). */
  markHandled(id: string, by: string, at: number): void {
    this.db.update(offlineMessages).set({ handledAt: at, handledBy: by }).where(and(eq(offlineMessages.id, id), isNull(offlineMessages.handledAt))).run();
  }

  /** Unhandled messages within the viewer's departments (the console's badge). */
  countOpen(departments: readonly string[] | "all"): number {
    const t = offlineMessages;
    const scope = departments === "all" ? undefined : or(isNull(t.departmentId), departments.length ? inArray(t.departmentId, [...departments]) : undefined);
    return this.db.select({ n: count() }).from(t).where(and(isNull(t.handledAt), scope)).get()?.n ?? 0;
  }

  list(query: OfflineListQuery): { items: OfflineMessageRow[]; nextCursor: string | null } {
    const t = offlineMessages;
    const where: (SQL | undefined)[] = [];
    if (query.departments !== "all") where.push(or(isNull(t.departmentId), query.departments.length ? inArray(t.departmentId, [...query.departments]) : undefined));
    if (query.department) where.push(eq(t.departmentId, query.department));
    if (query.status === "open") where.push(isNull(t.handledAt));
    if (query.status === "handled") where.push(isNotNull(t.handledAt));
    const cursor = readCursor(query.cursor);
    if (cursor) where.push(or(lt(t.createdAt, cursor.k), and(eq(t.createdAt, cursor.k), lt(t.id, cursor.id))));
    const rows = this.db.select().from(t).where(and(...where)).orderBy(desc(t.createdAt), desc(t.id)).limit(query.limit + 1).all();
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeCursor({ k: last.createdAt, id: last.id }) : null };
  }
}
