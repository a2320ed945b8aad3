/**
 * Builds a manager report from the stored conversations: the per-bucket series with period totals
 * (averages weighted by the values behind them, p90 over the whole period, never an average of
 * daily averages), and the breakdowns by department, priority, current status and operator.
 */
import { PRIORITIES } from "../core/conversation/conversation.model";
import type { Db } from "../storage/db";
import { cohortGroups, operatorRows, type CohortGroup } from "../storage/queries/reporting-breakdown.query";
import { reportSeries, type ReportFilter, type SeriesRow } from "../storage/queries/reporting-series.query";
import type { ReportPeriod } from "./report-period";
import type { CohortRow, Report, ReportFigures } from "./report.schema";

/** The conversation states, in lifecycle order (the status breakdown lists each, zero included). */
export const STATES = ["pending", "waiting", "active", "ended"] as const;

/** What the report needs besides the database. */
export interface ReportContext {
  readonly db: Db;
  /** The operator's display name (config), or null for someone no longer configured. */
  readonly operatorName: (id: string) => string | null;
  readonly now: number;
}

/** The report of `period` for the conversations matching `filter`. */
export function buildReport(context: ReportContext, period: ReportPeriod, filter: ReportFilter): Report {
  const { db } = context;
  const { rows, totals, operatorMessages } = reportSeries(db, period.buckets, filter);
  const cohorts = cohortGroups(db, period.start, period.end, filter);
  const messages = new Map(operatorMessages.map((m) => [m.operatorId, m.messages]));
  const operators = operatorRows(db, period.start, period.end, filter);
  for (const id of messages.keys()) if (!operators.some((o) => o.operatorId === id)) operators.push({ operatorId: id, handled: 0, avgFirstResponseMs: null, avgHandlingMs: null, satisfaction: null, satisfactionAnswers: 0 });
  return {
    from: period.from,
    to: period.to,
    timeZone: period.timeZone,
    granularity: period.granularity,
    department: filter.department,
    generatedAt: context.now,
    totals: figuresOf(totals),
    series: rows.map((row, i) => ({ key: period.buckets[i]!.key, start: period.buckets[i]!.start, end: period.buckets[i]!.end, ...figuresOf(row) })),
    byDepartment: rollUp(cohorts, (g) => g.department).sort((a, b) => b.started - a.started || String(a.key).localeCompare(String(b.key))),
    byPriority: rollUp(cohorts, (g) => g.priority, PRIORITIES),
    byStatus: STATES.map((state) => ({ key: state, count: cohorts.filter((g) => g.state === state).reduce((sum, g) => sum + g.started, 0) })),
    byOperator: operators.map((o) => ({ ...o, name: context.operatorName(o.operatorId) ?? o.operatorId, messages: messages.get(o.operatorId) ?? 0 })),
  };
}

/** A series row as the API shows it. */
function figuresOf(row: SeriesRow): ReportFigures {
  return {
    started: row.started,
    answered: row.answered,
    abandoned: row.abandoned,
    missed: row.missed,
    ended: row.ended,
    visitorMessages: row.visitorMessages,
    operatorMessages: row.operatorMessages,
    avgWaitMs: row.wait.avg,
    avgFirstResponseMs: row.firstResponse.avg,
    p90FirstResponseMs: row.firstResponse.p90,
    avgHandlingMs: row.handling.avg,
    satisfaction: row.satisfaction.avg,
    satisfactionAnswers: row.satisfaction.n,
  };
}

/** Sums the groups sharing a key; `always` lists keys shown even without conversations, in that order. */
function rollUp(groups: readonly CohortGroup[], keyOf: (g: CohortGroup) => string | null, always: readonly string[] = []): CohortRow[] {
  const sums = new Map<string | null, { started: number; answered: number; abandoned: number; missed: number; waitSum: number; waitN: number; frSum: number; frN: number }>();
  for (const key of always) sums.set(key, { started: 0, answered: 0, abandoned: 0, missed: 0, waitSum: 0, waitN: 0, frSum: 0, frN: 0 });
  for (const g of groups) {
    const key = keyOf(g);
    const s = sums.get(key) ?? { started: 0, answered: 0, abandoned: 0, missed: 0, waitSum: 0, waitN: 0, frSum: 0, frN: 0 };
    s.started += g.started;
    s.answered += g.answered;
    s.abandoned += g.abandoned;
    s.missed += g.missed;
    s.waitSum += g.waitSum;
    s.waitN += g.waitN;
    s.frSum += g.firstResponseSum;
    s.frN += g.firstResponseN;
    sums.set(key, s);
  }
  return [...sums].map(([key, s]) => ({
    key,
    started: s.started,
    answered: s.answered,
    abandoned: s.abandoned,
    missed: s.missed,
    avgWaitMs: s.waitN === 0 ? null : Math.round(s.waitSum / s.waitN),
    avgFirstResponseMs: s.frN === 0 ? null : Math.round(s.frSum / s.frN),
  }));
}
