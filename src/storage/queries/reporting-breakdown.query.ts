/**
 * The report's breakdowns over a whole period: conversations started in it by department, by
 * priority and by current status (one indexed pass on created_at, grouped by all three and rolled
 * up by the caller, with sums and counts so averages combine exactly), and per operator the
 * conversations they took in it (by assigned_at) with their first-response and handling times and
 * the satisfaction of the visitors they served.
 */
import type { Db } from "../db";
import { sqliteOf } from "../db";
import type { ReportFilter } from "./reporting-series.query";

/** Conversations started in the period sharing a department, a priority and a current state. */
export interface CohortGroup {
  readonly department: string | null;
  readonly priority: string;
  readonly state: string;
  readonly started: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly missed: number;
  /** Sum and count of request → operator joined (ms). */
  readonly waitSum: number;
  readonly waitN: number;
  /** Sum and count of request → first operator message (ms). */
  readonly firstResponseSum: number;
  readonly firstResponseN: number;
}

/** One operator's figures over the period. */
export interface OperatorRow {
  readonly operatorId: string;
  /** Conversations whose (last) assignment to them falls in the period. */
  readonly handled: number;
  /** Their assignment → first operator message. */
  readonly avgFirstResponseMs: number | null;
  /** Their assignment → end, for those that ended. */
  readonly avgHandlingMs: number | null;
  /** Visitor questionnaire scores answered in the period on conversations they hold or held last. */
  readonly satisfaction: number | null;
  readonly satisfactionAnswers: number;
}

const IN_DEPARTMENT = `($department is null or c.department_id = $department)`;

const COHORT_SQL = `select c.department_id as department, c.priority as priority, c.state as state,
    count(*) as started,
    sum(c.assigned_at is not null) as answered,
    sum(c.assigned_at is null and c.state = 'ended' and c.end_reason = 'visitor') as abandoned,
    sum(c.assigned_at is null and c.state = 'ended' and coalesce(c.end_reason, '') <> 'visitor') as missed,
    coalesce(sum(c.assigned_at - c.requested_at), 0) as waitSum, count(c.assigned_at) as waitN,
    coalesce(sum(c.first_response_at - c.requested_at), 0) as firstResponseSum, count(c.first_response_at) as firstResponseN
  from conversations c where c.created_at >= $start and c.created_at < $end and ${IN_DEPARTMENT}
  group by c.department_id, c.priority, c.state`;

const OPERATORS_SQL = `select c.operator_id as operatorId, count(*) as handled,
    avg(c.first_response_at - c.assigned_at) as avgFirstResponse,
    avg(case when c.ended_at is not null then c.ended_at - c.assigned_at end) as avgHandling
  from conversations c where c.assigned_at >= $start and c.assigned_at < $end and c.operator_id is not null and ${IN_DEPARTMENT}
  group by c.operator_id`;

const OPERATOR_SATISFACTION_SQL = `select c.operator_id as operatorId, avg(q.score) as avg, count(*) as n
  from questionnaire_responses q cross join conversations c on c.id = q.conversation_id
  where q.respondent_kind = 'visitor' and q.score is not null and q.created_at >= $start and q.created_at < $end
    and c.operator_id is not null and ${IN_DEPARTMENT}
  group by c.operator_id`;

type Params = { start: number; end: number; department: string | null };

/** Conversations started in `[start, end)` grouped by department, priority and current state. */
export function cohortGroups(db: Db, start: number, end: number, filter: ReportFilter): CohortGroup[] {
  return sqliteOf(db).query<CohortGroup, Params>(COHORT_SQL).all({ start, end, department: filter.department });
}

/** Per-operator figures of `[start, end)`, most conversations first. */
export function operatorRows(db: Db, start: number, end: number, filter: ReportFilter): OperatorRow[] {
  const params = { start, end, department: filter.department };
  const sqlite = sqliteOf(db);
  const scores = new Map(
    sqlite
      .query<{ operatorId: string; avg: number; n: number }, Params>(OPERATOR_SATISFACTION_SQL)
      .all(params)
      .map((s) => [s.operatorId, s]),
  );
  const rows = sqlite.query<{ operatorId: string; handled: number; avgFirstResponse: number | null; avgHandling: number | null }, Params>(OPERATORS_SQL).all(params);
  const ids = new Set([...rows.map((r) => r.operatorId), ...scores.keys()]);
  const byId = new Map(rows.map((r) => [r.operatorId, r]));
  return [...ids]
    .map((operatorId): OperatorRow => {
      const r = byId.get(operatorId);
      const s = scores.get(operatorId);
      return {
        operatorId,
        handled: r?.handled ?? 0,
        avgFirstResponseMs: r?.avgFirstResponse == null ? null : Math.round(r.avgFirstResponse),
        avgHandlingMs: r?.avgHandling == null ? null : Math.round(r.avgHandling),
        satisfaction: s ? Math.round(s.avg * 100) / 100 : null,
        satisfactionAnswers: s?.n ?? 0,
      };
    })
    .sort((a, b) => b.handled - a.handled || a.operatorId.localeCompare(b.operatorId));
}
