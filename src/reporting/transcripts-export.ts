/**
 * The transcripts export: every conversation started in a period (optionally one department) as
 * CSV, one line per message, internal note or notice, with the conversation's facts repeated on
 * each line so the file filters and pivots in a spreadsheet. Streamed: conversations are read a
 * page at a time as the client consumes the response, so a year of chats never sits in memory and
 * a slow download holds no database lock between pages. Times are local to the report's zone.
 */
import type { Db } from "../storage/db";
import type { ReportFilter } from "../storage/queries/reporting-series.query";
import { transcriptConversations, transcriptLines, type TranscriptConversation, type TranscriptCursor } from "../storage/queries/reporting-transcripts.query";
import { CSV_BOM, csvLine } from "./csv";
import type { ReportPeriod } from "./report-period";

/** Conversations read per page (one chunk of the response). */
const PAGE_SIZE = 100;

/** The columns of the transcripts CSV. */
export const TRANSCRIPT_COLUMNS = [
  "conversation_id",
  "conversation_started",
  "visitor_name",
  "visitor_email",
  "department",
  "priority",
  "status",
  "end_reason",
  "operator",
  "seq",
  "time",
  "author_role",
  "author",
  "type",
  "visibility",
  "text",
  "attachment",
] as const;

/** What the export needs. */
export interface TranscriptsExportContext {
  readonly db: Db;
  /** The operator's display name (config), or null for someone no longer configured. */
  readonly operatorName: (id: string) => string | null;
}

/** A local "YYYY-MM-DD HH:MM:SS" (the format spreadsheets parse as a date and time). */
export function localTime(at: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: "second" }).replace("T", " ");
}

/** The transcripts of `period` as a UTF-8 CSV stream (BOM and header first). */
export function transcriptsCsv(context: TranscriptsExportContext, period: ReportPeriod, filter: ReportFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: TranscriptCursor | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(TRANSCRIPT_COLUMNS)));
        return;
      }
      const page = transcriptConversations(context.db, period.start, period.end, filter, cursor, PAGE_SIZE);
      if (page.length === 0) return controller.close();
      const last = page.at(-1)!;
      cursor = { createdAt: last.createdAt, id: last.id };
      controller.enqueue(encoder.encode(page.map((c) => conversationLines(context, c, period.timeZone)).join("")));
    },
  }, { highWaterMark: 1 });
}

/** The CSV lines of one conversation (a conversation without messages still gets one line). */
function conversationLines(context: TranscriptsExportContext, c: TranscriptConversation, timeZone: string): string {
  const operator = c.operatorId === null ? null : (context.operatorName(c.operatorId) ?? c.operatorId);
  const facts = [c.id, localTime(c.createdAt, timeZone), c.visitorName, c.visitorEmail, c.department, c.priority, c.state, c.endReason, operator];
  const lines = transcriptLines(context.db, c.id);
  if (lines.length === 0) return csvLine(facts);
  let out = "";
  for (const line of lines) {
    const author = line.actorKind === "visitor" ? (c.visitorName ?? "Visitor") : line.actorKind === "operator" && line.actorId !== null ? (context.operatorName(line.actorId) ?? line.actorId) : "";
    out += csvLine([...facts, line.seq, localTime(line.createdAt, timeZone), line.actorKind, author, line.type, line.visibility, line.body, line.fileName]);
  }
  return out;
}
