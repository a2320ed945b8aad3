/**
 * Reads for the transcripts export: conversations started in a period, page by page in a stable
 * order (keyset on created_at, id — the export streams while chats keep arriving, so offsets would
 * skip or repeat rows), and each one's readable events (messages, internal notes, notices) in seq
 * order. Both are prepared once and use the created_at index and the event log's primary key.
 */
import type { Db } from "../db";
import { sqliteOf } from "../db";
import type { ReportFilter } from "./reporting-series.query";

/** The conversation columns a transcript row repeats. */
export interface TranscriptConversation {
  readonly id: string;
  readonly createdAt: number;
  readonly visitorName: string | null;
  readonly visitorEmail: string | null;
  readonly department: string | null;
  readonly priority: string;
  readonly state: string;
  readonly operatorId: string | null;
  readonly endReason: string | null;
}

/** One line of a transcript. */
export interface TranscriptLine {
  readonly seq: number;
  readonly type: "message" | "note" | "notice";
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly visibility: string;
  readonly body: string | null;
  /** The attached file's name, if any. */
  readonly fileName: string | null;
  readonly createdAt: number;
}

/** Where the previous page stopped. */
export interface TranscriptCursor {
  readonly createdAt: number;
  readonly id: string;
}

const PAGE_SQL = `select c.id as id, c.created_at as createdAt, c.visitor_name as visitorName, c.visitor_email as visitorEmail,
    c.department_id as department, c.priority as priority, c.state as state, c.operator_id as operatorId, c.end_reason as endReason
  from conversations c
  where c.created_at >= $start and c.created_at < $end and ($department is null or c.department_id = $department)
    and (c.created_at > $afterAt or (c.created_at = $afterAt and c.id > $afterId))
  order by c.created_at, c.id limit $limit`;

const LINES_SQL = `select seq, type, actor_kind as actorKind, actor_id as actorId, visibility, body,
    json_extract(payload, '$.file.name') as fileName, created_at as createdAt
  from conversation_events where conversation_id = $id and type in ('message', 'note', 'notice') order by seq`;

/** The next page of conversations started in `[start, end)` after `after` (null: from the first). */
export function transcriptConversations(db: Db, start: number, end: number, filter: ReportFilter, after: TranscriptCursor | null, limit: number): TranscriptConversation[] {
  return sqliteOf(db)
    .query<TranscriptConversation, { start: number; end: number; department: string | null; afterAt: number; afterId: string; limit: number }>(PAGE_SQL)
    .all({ start, end, department: filter.department, afterAt: after?.createdAt ?? start - 1, afterId: after?.id ?? "", limit });
}

/** The readable lines of one conversation, oldest first. */
export function transcriptLines(db: Db, conversationId: string): TranscriptLine[] {
  return sqliteOf(db).query<TranscriptLine, { id: string }>(LINES_SQL).all({ id: conversationId });
}
