/**
 * The manager dashboard's figures for a period (usually "today"): volume, answered and missed
 * conversations, waits, first-response times, SLA attainment, durations, satisfaction, and per
 * operator counts. Straight SQL aggregates over the conversations table (indexed on created_at,
 * assigned_at and ended_at), so a busy day costs one pass per figure, not a scan per row.
 */
import { and, avg, count, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { conversations } from "../tables/conversations.table";
import { questionnaireResponses } from "../tables/questionnaire-responses.table";

/** Figures of one operator. */
export interface OperatorFigures {
  readonly operatorId: string;
  /** Conversations assigned to them (last assignment) in the period. */
  readonly handled: number;
  readonly avgFirstResponseMs: number | null;
  readonly avgDurationMs: number | null;
}

/** The period's figures. */
export interface DayFigures {
  readonly since: number;
  readonly started: number;
  /** Started in the period and taken by an operator. */
  readonly answered: number;
  /** Started in the period and ended without ever reaching an operator. */
  readonly missed: number;
  readonly ended: number;
  /** Right now, whatever the period. */
  readonly waitingNow: number;
  readonly activeNow: number;
  /** From the visitor's request to an operator joining. */
  readonly avgWaitMs: number | null;
  readonly maxWaitMs: number | null;
  /** From the visitor's request to the first operator message. */
  readonly avgFirstResponseMs: number | null;
  /** Share of first responses within the priority's SLA (null when no SLA applied). */
  readonly slaMetRatio: number | null;
  /** From an operator joining to the end. */
  readonly avgDurationMs: number | null;
  /** Mean score of the visitors' questionnaires answered in the period (null when none). */
  readonly satisfaction: number | null;
  readonly satisfactionAnswers: number;
  readonly byOperator: readonly OperatorFigures[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));

/** Figures for conversations of `[since, now]`. */
export function dayFigures(db: BunSQLiteDatabase, since: number, now: number): DayFigures {
  const c = conversations;
  const startedInPeriod = and(gte(c.createdAt, since), lte(c.createdAt, now));
  const one = <T>(rows: T[]) => rows[0]!;
  const volume = one(
    db
      .select({
        started: count(),
        answered: sql<number>`sum(case when ${c.assignedAt} is not null then 1 else 0 end)`,
        missed: sql<number>`sum(case when ${c.state} = 'ended' and ${c.assignedAt} is null then 1 else 0 end)`,
      })
      .from(c)
      .where(startedInPeriod)
      .all(),
  );
  const ended = one(db.select({ n: count() }).from(c).where(and(gte(c.endedAt, since), lte(c.endedAt, now))).all()).n;
  const waitingNow = one(db.select({ n: count() }).from(c).where(inArray(c.state, ["pending", "waiting"])).all()).n;
  const activeNow = one(db.select({ n: count() }).from(c).where(eq(c.state, "active")).all()).n;
  const waits = one(
    db
      .select({ avg: avg(sql`${c.assignedAt} - ${c.requestedAt}`), max: sql<number | null>`max(${c.assignedAt} - ${c.requestedAt})` })
      .from(c)
      .where(and(gte(c.assignedAt, since), lte(c.assignedAt, now)))
      .all(),
  );
  const responses = one(
    db
      .select({
        avg: avg(sql`${c.firstResponseAt} - ${c.requestedAt}`),
        withSla: sql<number>`sum(case when ${c.slaDueAt} is not null then 1 else 0 end)`,
        met: sql<number>`sum(case when ${c.slaDueAt} is not null and ${c.firstResponseAt} <= ${c.slaDueAt} then 1 else 0 end)`,
      })
      .from(c)
      .where(and(gte(c.firstResponseAt, since), lte(c.firstResponseAt, now)))
      .all(),
  );
  const durations = one(db.select({ avg: avg(sql`${c.endedAt} - ${c.assignedAt}`) }).from(c).where(and(gte(c.endedAt, since), lte(c.endedAt, now), isNotNull(c.assignedAt))).all());
  const q = questionnaireResponses;
  const satisfaction = one(db.select({ avg: avg(q.score), n: count(q.score) }).from(q).where(and(eq(q.respondentKind, "visitor"), gte(q.createdAt, since), lte(q.createdAt, now))).all());
  const byOperator = db
    .select({
      operatorId: c.operatorId,
      handled: count(),
      avgFirstResponse: avg(sql`${c.firstResponseAt} - ${c.assignedAt}`),
      avgDuration: avg(sql`case when ${c.endedAt} is not null then ${c.endedAt} - ${c.assignedAt} end`),
    })
    .from(c)
    .where(and(gte(c.assignedAt, since), lte(c.assignedAt, now), isNotNull(c.operatorId)))
    .groupBy(c.operatorId)
    .all()
    .map((r) => ({ operatorId: r.operatorId!, handled: r.handled, avgFirstResponseMs: num(r.avgFirstResponse), avgDurationMs: num(r.avgDuration) }))
    .sort((a, b) => b.handled - a.handled || a.operatorId.localeCompare(b.operatorId));
  return {
    since,
    started: volume.started,
    answered: Number(volume.answered ?? 0),
    missed: Number(volume.missed ?? 0),
    ended,
    waitingNow,
    activeNow,
    avgWaitMs: num(waits.avg),
    maxWaitMs: num(waits.max),
    avgFirstResponseMs: num(responses.avg),
    slaMetRatio: Number(responses.withSla ?? 0) > 0 ? Number(responses.met) / Number(responses.withSla) : null,
    avgDurationMs: num(durations.avg),
    satisfaction: satisfaction.n > 0 && satisfaction.avg !== null ? Math.round(Number(satisfaction.avg) * 100) / 100 : null,
    satisfactionAnswers: satisfaction.n,
    byOperator,
  };
}
