/**
 * The staff conversation list: filters (state, assignee, department, tag, priority, importance,
 * unread/unresolved/done, visitor search), the viewer's visibility scope, and keyset paging. Built
 * with drizzle's query builder over the conversations table; keyset (not offset) paging keeps every
 * page an index range however deep the list, and stays stable while conversations keep changing.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conversation, ConversationState, Priority } from "../../core/conversation/conversation.model";
import { fromConversationRow } from "../repositories/conversation.repository";
import { conversations } from "../tables/conversations.table";
import { encodeCursor, readCursor } from "./keyset-cursor";

/** "unread": the visitor wrote and nobody answered yet; "unresolved": not ended; "done": ended. */
export type ConversationView = "unread" | "unresolved" | "done";

/** List filters; every one optional. */
export interface ConversationFilter {
  readonly states?: readonly ConversationState[];
  readonly operatorId?: string;
  readonly department?: string;
  readonly tag?: string;
  readonly priority?: Priority;
  readonly important?: boolean;
  readonly view?: ConversationView;
  /** Case-insensitive substring of the visitor's name or e-mail. */
  readonly search?: string;
}

/** Who is looking: supervisors see everything; others their own and the waiting ones of their departments. */
export type ListScope = { readonly all: true } | { readonly all: false; readonly operatorId: string; readonly departments: readonly string[] };

/** Sort orders: most recent activity first, or nearest first-response deadline first. */
export type ConversationSort = "recent" | "sla";

/** One page of the list. */
export interface ConversationPage {
  readonly items: Conversation[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Re-exported: the list's cursors are the shared keyset cursors (other lists import them from here too). */
export { decodeCursor, encodeCursor } from "./keyset-cursor";

/** SLA sort puts conversations without a deadline last. */
const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/** Lists conversations for one viewer. */
export function listConversations(
  db: BunSQLiteDatabase,
  scope: ListScope,
  filter: ConversationFilter,
  page: { readonly limit: number; readonly cursor?: string; readonly sort?: ConversationSort },
): ConversationPage {
  const t = conversations;
  const where: (SQL | undefined)[] = [];
  if (!scope.all) {
    const mine = eq(t.operatorId, scope.operatorId);
    const departments = scope.departments.length > 0 ? or(isNull(t.departmentId), inArray(t.departmentId, [...scope.departments])) : isNull(t.departmentId);
    where.push(or(mine, and(inArray(t.state, ["pending", "waiting"]), departments)));
  }
  if (filter.states?.length) where.push(inArray(t.state, [...filter.states]));
  if (filter.operatorId) where.push(eq(t.operatorId, filter.operatorId));
  if (filter.department) where.push(eq(t.departmentId, filter.department));
  if (filter.priority) where.push(eq(t.priority, filter.priority));
  if (filter.important !== undefined) where.push(eq(t.important, filter.important));
  if (filter.tag) where.push(sql`EXISTS (SELECT 1 FROM json_each(${t.tags}) WHERE json_each.value = ${filter.tag})`);
  if (filter.view === "unread") where.push(and(ne(t.state, "ended"), isNotNull(t.visitorAwaitingReplySince)));
  if (filter.view === "unresolved") where.push(ne(t.state, "ended"));
  if (filter.view === "done") where.push(eq(t.state, "ended"));
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(sql`lower(${t.visitorName}) LIKE ${pattern} ESCAPE '\\'`, sql`lower(${t.visitorEmail}) LIKE ${pattern} ESCAPE '\\'`));
  }

  const sort = page.sort ?? "recent";
  const key = sort === "sla" ? sql<number>`coalesce(${t.slaDueAt}, ${NO_DEADLINE})` : sql<number>`${t.lastMessageAt}`;
  // A cursor this server did not issue is refused (request.invalid), never read as "from the start".
  const cursor = readCursor(page.cursor);
  if (cursor) {
    // Keyset: strictly after the cursor's (key, id) in the sort order.
    where.push(sort === "sla" ? or(gt(key, cursor.k), and(eq(key, cursor.k), gt(t.id, cursor.id))) : or(lt(key, cursor.k), and(eq(key, cursor.k), lt(t.id, cursor.id))));
  }
  const rows = db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(...(sort === "sla" ? [asc(key), asc(t.id)] : [desc(key), desc(t.id)]))
    .limit(page.limit + 1)
    .all();
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map(fromConversationRow);
  const last = items.at(-1);
  const nextKey = last ? (sort === "sla" ? (last.slaDueAt ?? NO_DEADLINE) : last.lastMessageAt) : 0;
  return { items, nextCursor: more && last ? encodeCursor({ k: nextKey, id: last.id }) : null };
}

