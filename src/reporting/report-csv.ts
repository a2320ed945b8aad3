/**
 * A report as CSV, one table per file — the series (one line per day or week, then the period's
 * total), or one of the breakdowns — since a spreadsheet works on one table at a time. Durations
 * are whole seconds, the unit spreadsheets sum and average without conversion.
 */
import { CSV_BOM, csvLine, type CsvValue } from "./csv";
import type { Report, ReportFigures } from "./report.schema";

/** The tables a report exports. */
export const REPORT_TABLES = ["series", "departments", "priorities", "statuses", "operators"] as const;
/** One of {@link REPORT_TABLES}. */
export type ReportTable = (typeof REPORT_TABLES)[number];

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));

const FIGURE_COLUMNS = ["started", "answered", "abandoned", "missed", "ended", "visitor_messages", "operator_messages", "avg_wait_s", "avg_first_response_s", "p90_first_response_s", "avg_handling_s", "satisfaction", "satisfaction_answers"];
const figureCells = (f: ReportFigures): CsvValue[] => [f.started, f.answered, f.abandoned, f.missed, f.ended, f.visitorMessages, f.operatorMessages, seconds(f.avgWaitMs), seconds(f.avgFirstResponseMs), seconds(f.p90FirstResponseMs), seconds(f.avgHandlingMs), f.satisfaction, f.satisfactionAnswers];
const COHORT_COLUMNS = ["started", "answered", "abandoned", "missed", "avg_wait_s", "avg_first_response_s"];

/** The CSV text of one table of `report` (UTF-8 BOM first). */
export function reportCsv(report: Report, table: ReportTable): string {
  const lines: CsvValue[][] = [];
  switch (table) {
    case "series":
      lines.push([report.granularity === "week" ? "week_starting" : "date", ...FIGURE_COLUMNS]);
      for (const point of report.series) lines.push([point.key, ...figureCells(point)]);
      lines.push(["total", ...figureCells(report.totals)]);
      break;
    case "departments":
    case "priorities":
      lines.push([table === "departments" ? "department" : "priority", ...COHORT_COLUMNS]);
      for (const row of table === "departments" ? report.byDepartment : report.byPriority) {
        lines.push([row.key ?? "(none)", row.started, row.answered, row.abandoned, row.missed, seconds(row.avgWaitMs), seconds(row.avgFirstResponseMs)]);
      }
      break;
    case "statuses":
      lines.push(["status", "conversations"]);
      for (const row of report.byStatus) lines.push([row.key, row.count]);
      break;
    case "operators":
      lines.push(["operator_id", "operator", "handled", "messages", "avg_first_response_s", "avg_handling_s", "satisfaction", "satisfaction_answers"]);
      for (const o of report.byOperator) lines.push([o.operatorId, o.name, o.handled, o.messages, seconds(o.avgFirstResponseMs), seconds(o.avgHandlingMs), o.satisfaction, o.satisfactionAnswers]);
      break;
  }
  return CSV_BOM + lines.map(csvLine).join("");
}
