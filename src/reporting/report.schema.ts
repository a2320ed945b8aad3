/**
 * The wire shape of a report (GET /api/manager/reports): one TypeBox schema that is the route's
 * response validator, the OpenAPI description and — through `Static` — the type the manager
 * dashboard reads (imported type-only, so no server code ships to the browser).
 */
import { t, type Static } from "elysia";

const Ms = t.Union([t.Integer(), t.Null()]);

/** Figures of one bucket, or of the whole period (`totals`). */
export const ReportFigures = t.Object({
  started: t.Integer(),
  answered: t.Integer({ description: "started in the bucket and taken by an operator" }),
  abandoned: t.Integer({ description: "started in the bucket, the visitor left before an operator joined" }),
  missed: t.Integer({ description: "started in the bucket, ended without an operator for another reason (none available, closing, timeout)" }),
  ended: t.Integer(),
  visitorMessages: t.Integer(),
  operatorMessages: t.Integer(),
  avgWaitMs: Ms,
  avgFirstResponseMs: Ms,
  p90FirstResponseMs: Ms,
  avgHandlingMs: Ms,
  satisfaction: t.Union([t.Number(), t.Null()]),
  satisfactionAnswers: t.Integer(),
});

/** A bucket: its local start date (a week's Monday) and absolute bounds. */
export const ReportPoint = t.Composite([t.Object({ key: t.String(), start: t.Integer(), end: t.Integer() }), ReportFigures]);

/** Conversations started in the period sharing a department or a priority. */
export const CohortRow = t.Object({
  key: t.Union([t.String(), t.Null()], { description: "department id (null: no department) or priority" }),
  started: t.Integer(),
  answered: t.Integer(),
  abandoned: t.Integer(),
  missed: t.Integer(),
  avgWaitMs: Ms,
  avgFirstResponseMs: Ms,
});

/** A whole report. */
export const Report = t.Object({
  from: t.String(),
  to: t.String(),
  timeZone: t.String(),
  granularity: t.Union([t.Literal("day"), t.Literal("week")]),
  department: t.Union([t.String(), t.Null()]),
  generatedAt: t.Integer(),
  totals: ReportFigures,
  series: t.Array(ReportPoint),
  byDepartment: t.Array(CohortRow),
  byPriority: t.Array(CohortRow),
  byStatus: t.Array(t.Object({ key: t.String(), count: t.Integer() })),
  byOperator: t.Array(
    t.Object({
      operatorId: t.String(),
      name: t.String(),
      handled: t.Integer(),
      messages: t.Integer(),
      avgFirstResponseMs: Ms,
      avgHandlingMs: Ms,
      satisfaction: t.Union([t.Number(), t.Null()]),
      satisfactionAnswers: t.Integer(),
    }),
  ),
});

/** A report as the API returns it. */
export type Report = Static<typeof Report>;
/** Figures of a bucket or of the period. */
export type ReportFigures = Static<typeof ReportFigures>;
/** One bucket of the series. */
export type ReportPoint = Static<typeof ReportPoint>;
/** One department or priority row. */
export type CohortRow = Static<typeof CohortRow>;
/** One operator row. */
export type OperatorReportRow = Report["byOperator"][number];
