/**
 * Manager reports: the JSON report behind the dashboard's Reports panel (daily or weekly series,
 * totals, breakdowns by department, priority, status and operator), the same report as CSV one
 * table at a time, and the transcripts of a period as a streamed CSV. Managers and admins only.
 * Dates are local calendar dates in `tz`, by default the instance's opening-hours time zone.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { Config } from "../../config/schema";
import type { Clock } from "../../core/clock";
import { attachment } from "../../reporting/csv";
import { REPORT_TABLES, reportCsv } from "../../reporting/report-csv";
import { resolvePeriod, type ReportPeriod } from "../../reporting/report-period";
import { Report } from "../../reporting/report.schema";
import { buildReport } from "../../reporting/report.service";
import { transcriptsCsv } from "../../reporting/transcripts-export";
import type { Db } from "../../storage/db";
import { authGuards, type GuardOptions } from "./guards";

/** What the routes need. */
export interface ReportsRoutesDeps {
  readonly auth: AuthModule;
  readonly db: Db;
  readonly clock: Clock;
  readonly config: () => Config;
}

const LocalDate = (description: string) => t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description, error: "expected a date YYYY-MM-DD" });

/** The period and filter every report route takes. */
const ReportQuery = t.Object({
  from: t.Optional(LocalDate("first local date of the period, YYYY-MM-DD (default: 29 days before `to`)")),
  to: t.Optional(LocalDate("last local date of the period, included (default: today)")),
  tz: t.Optional(t.String({ minLength: 1, maxLength: 64, description: "IANA time zone of the dates and buckets (default: openingHours.timezone, else UTC)" })),
  department: t.Optional(t.String({ minLength: 1, maxLength: 100, description: "only conversations of this department" })),
  granularity: t.Optional(t.Union([t.Literal("day"), t.Literal("week")], { description: "series buckets: local days, or ISO weeks starting Monday (default: day)" })),
});

const ExportQuery = t.Composite([ReportQuery, t.Object({ table: t.Optional(t.Union(REPORT_TABLES.map((name) => t.Literal(name)), { description: "which table of the report (default: series)" })) })]);

const CSV_TYPE = "text/csv; charset=utf-8";
const ERRORS = "Errors: auth.required (401), auth.forbidden (403) below manager, request.invalid (400: bad date, `to` before `from`, more than 366 days, unknown time zone).";

/** The reports routes plugin. */
export function reportsRoutes(deps: ReportsRoutesDeps, options: GuardOptions = {}) {
  const operatorName = (id: string) => deps.config().operators.find((o) => o.id === id)?.name ?? null;
  const periodOf = (query: { from?: string; to?: string; tz?: string; granularity?: "day" | "week" }): ReportPeriod =>
    resolvePeriod({ from: query.from, to: query.to, granularity: query.granularity, timeZone: query.tz ?? deps.config().openingHours?.timezone ?? "UTC" }, deps.clock.now());
  const report = (query: Parameters<typeof periodOf>[0] & { department?: string }) =>
    buildReport({ db: deps.db, operatorName, now: deps.clock.now() }, periodOf(query), { department: query.department ?? null });
  const fileName = (kind: string, period: { from: string; to: string }, department?: string) => `parley-${kind}${department ? `-${department}` : ""}-${period.from}_${period.to}.csv`;

  return new Elysia({ name: "reports.routes" })
    .use(authGuards(deps.auth, options))
    .get(
      "/api/manager/reports",
      ({ query, set }) => {
        set.headers["cache-control"] = "no-store";
        return report(query);
      },
      {
        requireRole: "manager",
        query: ReportQuery,
        response: { 200: Report },
        detail: {
          tags: ["manager"],
          summary: "A report of a period",
          description: `Per day (or week) in the time zone: conversations started, answered, abandoned (visitor left the queue), missed, ended; visitor and operator messages; average wait, average and p90 first response, average handling time; satisfaction. Plus period totals and breakdowns of the conversations started in the period by department, priority and current status, and per operator. ${ERRORS}`,
        },
      },
    )
    .get(
      "/api/manager/reports/export.csv",
      ({ query, set }) => {
        const r = report(query);
        const table = query.table ?? "series";
        set.headers["content-type"] = CSV_TYPE;
        set.headers["content-disposition"] = attachment(fileName(`report-${table}`, r, query.department));
        set.headers["cache-control"] = "no-store";
        return reportCsv(r, table);
      },
      {
        requireRole: "manager",
        query: ExportQuery,
        detail: { tags: ["manager"], summary: "A report table as CSV", description: `The series (one line per bucket, then the total) or one breakdown, as a CSV download (UTF-8 with BOM, durations in seconds, formula-like text prefixed with an apostrophe). ${ERRORS}` },
      },
    )
    .get(
      "/api/manager/reports/transcripts.csv",
      ({ query }) => {
        const period = periodOf(query);
        const body = transcriptsCsv({ db: deps.db, operatorName }, period, { department: query.department ?? null });
        return new Response(body, { headers: { "content-type": CSV_TYPE, "content-disposition": attachment(fileName("transcripts", period, query.department)), "cache-control": "no-store" } });
      },
      {
        requireRole: "manager",
        query: ReportQuery,
        detail: {
          tags: ["manager"],
          summary: "Transcripts of a period as CSV",
          description: `Every conversation started in the period (and department), one line per message, internal note or notice, streamed as it is read. Local times in the time zone. ${ERRORS}`,
        },
      },
    );
}
