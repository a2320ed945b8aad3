/**
 * The report's time series: one row of figures per bucket (day or week) of a period. Each figure
 * is attributed to the bucket in which its event happened — a conversation counts as started on
 * the day it was created, its wait on the day an operator joined, its first response on the day
 * it was sent, its handling time on the day it ended — so a day's numbers never change once the
 * day is over. Bucket bounds come from the caller (time-zone aware, see src/reporting) as a JSON
 * array, so every statement here has fixed text and is prepared once per database. Counts and means
 * are range joins of the buckets on an indexed column of `conversations` (created_at, assigned_at,
 * ended_at); first responses, messages and scores are read once for the whole period through
 * indexes and bucketed here by binary search (percentiles need the values; message counts arrive
 * pre-grouped per 15-minute slot), so no query scans a table once per bucket.
 */
import type { Database } from "bun:sqlite";
import type { Db } from "../db";
import { sqliteOf } from "../db";

/** A bucket's absolute bounds `[start, end)` in epoch ms. */
export interface BucketBounds {
  readonly start: number;
  readonly end: number;
}

/** Which conversations a report covers. */
export interface ReportFilter {
  /** A department id, or null for all conversations. */
  readonly department: string | null;
}

/** An average with the number of values behind it, so buckets can be combined into totals. */
export interface Mean {
  readonly avg: number | null;
  readonly n: number;
}

/** One bucket's figures. */
export interface SeriesRow {
  readonly started: number;
  readonly answered: number;
  /** Started here, ended without an operator because the visitor left the queue. */
  readonly abandoned: number;
  /** Started here, ended without an operator for any other reason (no operator, closing, timeout). */
  readonly missed: number;
  readonly ended: number;
  readonly visitorMessages: number;
  readonly operatorMessages: number;
  /** Request → operator joined, by the day the operator joined. */
  readonly wait: Mean;
  /** Request → first operator message, by the day of that message. */
  readonly firstResponse: Mean & { readonly p90: number | null };
  /** Operator joined → end, by the day it ended. */
  readonly handling: Mean;
  /** Visitors' questionnaire scores, by the day they answered. */
  readonly satisfaction: Mean;
}

/** Messages an operator sent in the whole period (from the same pass as the series). */
export interface OperatorMessageCount {
  readonly operatorId: string;
  readonly messages: number;
}

const BUCKETS = `b(i, s, e) as (select key, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each($buckets))`;
/** Every zone's local midnight falls on a multiple of 15 minutes of UTC. */
const SLOT_MS = 15 * 60_000;
const IN_DEPARTMENT = `($department is null or c.department_id = $department)`;

const SQL = {
  started: `with ${BUCKETS}
    select b.i as i, count(*) as started,
      sum(c.assigned_at is not null) as answered,
      sum(c.assigned_at is null and c.state = 'ended' and c.end_reason = 'visitor') as abandoned,
      sum(c.assigned_at is null and c.state = 'ended' and coalesce(c.end_reason, '') <> 'visitor') as missed
    from b join conversations c on c.created_at >= b.s and c.created_at < b.e
    where ${IN_DEPARTMENT} group by b.i`,
  ended: `with ${BUCKETS}
    select b.i as i, count(*) as ended,
      avg(case when c.assigned_at is not null then c.ended_at - c.assigned_at end) as handlingAvg,
      count(c.assigned_at) as handlingN
    from b join conversations c on c.ended_at >= b.s and c.ended_at < b.e
    where ${IN_DEPARTMENT} group by b.i`,
  waits: `with ${BUCKETS}
    select b.i as i, avg(c.assigned_at - c.requested_at) as avg, count(*) as n
    from b join conversations c on c.assigned_at >= b.s and c.assigned_at < b.e
    where ${IN_DEPARTMENT} group by b.i`,
  // No index on first_response_at (it is written with every message's activity, where an index entry
  // would cost each write): a first response in the period belongs to a conversation that ended in
  // or after it or is still open, which the ended_at index finds; the caller buckets the values.
  firstResponses: `select c.first_response_at as at, c.first_response_at - c.requested_at as ms from conversations c
      where c.ended_at >= $start and c.created_at < $end and c.first_response_at >= $start and c.first_response_at < $end and ${IN_DEPARTMENT}
    union all
    select c.first_response_at, c.first_response_at - c.requested_at from conversations c
      where c.ended_at is null and c.created_at < $end and c.first_response_at >= $start and c.first_response_at < $end and ${IN_DEPARTMENT}`,
  // The conversations alive in the period (ended in or after it, or still open: both on the ended_at
  // index), then their messages through the log's primary key, counted per 15-minute slot (every
  // zone's midnight is a multiple of 15 minutes in UTC, so slots never straddle a bucket).
  messages: `with alive(id) as (
      select c.id from conversations c where c.ended_at >= $start and c.created_at < $end and ${IN_DEPARTMENT}
      union all
      select c.id from conversations c where c.ended_at is null and c.created_at < $end and ${IN_DEPARTMENT})
    select e.created_at / ${SLOT_MS} as slot, e.actor_kind as kind, e.actor_id as actor, count(*) as n
    from alive cross join conversation_events e
    where e.conversation_id = alive.id and e.type = 'message' and e.created_at >= $start and e.created_at < $end
    group by slot, e.actor_kind, e.actor_id`,
  // No index on questionnaire_responses.created_at (a small table): one pass over the period, bucketed by the caller.
  satisfaction: `select q.created_at as at, q.score as score from questionnaire_responses q
    left join conversations c on c.id = q.conversation_id
    where q.respondent_kind = 'visitor' and q.score is not null and q.created_at >= $start and q.created_at < $end and ${IN_DEPARTMENT}`,
} as const;

type Params = { buckets: string; department: string | null; start: number; end: number };

/** Runs one of the statements (bun:sqlite caches the compiled statement per database). */
function run<T>(sqlite: Database, key: keyof typeof SQL, params: Params): T[] {
  const statement = sqlite.query<T, Params>(SQL[key]);
  return statement.all(params);
}

const mean = (avg: number | null | undefined, n: number | undefined): Mean => ({ avg: n ? Math.round(Number(avg)) : null, n: n ?? 0 });

/** A period's series and its totals. */
export interface Series {
  /** One row per bucket, in the buckets' order (zeros and null averages where nothing happened). */
  readonly rows: SeriesRow[];
  /** The whole period: counts summed, averages weighted by their values, p90 over all values. */
  readonly totals: SeriesRow;
  /** Messages each operator sent in the period. */
  readonly operatorMessages: OperatorMessageCount[];
}

/** The figures of each bucket of a period, its totals, and the operators' message counts. */
export function reportSeries(db: Db, buckets: readonly BucketBounds[], filter: ReportFilter): Series {
  const sqlite = sqliteOf(db);
  const params: Params = { buckets: JSON.stringify(buckets.map((b) => [b.start, b.end])), department: filter.department, start: buckets[0]?.start ?? 0, end: buckets.at(-1)?.end ?? 0 };
  const byBucket = <T extends { i: number }>(rows: T[]) => new Map(rows.map((r) => [r.i, r]));
  const started = byBucket(run<{ i: number; started: number; answered: number; abandoned: number; missed: number }>(sqlite, "started", params));
  const ended = byBucket(run<{ i: number; ended: number; handlingAvg: number | null; handlingN: number }>(sqlite, "ended", params));
  const waits = byBucket(run<{ i: number; avg: number; n: number }>(sqlite, "waits", params));
  const bucketOf = bucketFinder(buckets);
  const responseTimes = buckets.map((): number[] => []);
  for (const r of run<{ at: number; ms: number }>(sqlite, "firstResponses", params)) responseTimes[bucketOf(r.at)]?.push(r.ms);
  const messages = buckets.map(() => ({ visitor: 0, operator: 0 }));
  const perOperator = new Map<string, number>();
  for (const m of run<{ slot: number; kind: string; actor: string | null; n: number }>(sqlite, "messages", params)) {
    const counts = messages[bucketOf(m.slot * SLOT_MS)];
    if (!counts) continue;
    if (m.kind === "visitor") counts.visitor += m.n;
    if (m.kind === "operator") {
      counts.operator += m.n;
      if (m.actor !== null) perOperator.set(m.actor, (perOperator.get(m.actor) ?? 0) + m.n);
    }
  }
  const scores = run<{ at: number; score: number }>(sqlite, "satisfaction", params);
  const satisfaction = buckets.map((): number[] => []);
  for (const s of scores) satisfaction[bucketOf(s.at)]?.push(s.score);
  const rows = buckets.map((_, i): SeriesRow => {
    const s = started.get(i);
    const e = ended.get(i);
    return {
      started: s?.started ?? 0,
      answered: s?.answered ?? 0,
      abandoned: s?.abandoned ?? 0,
      missed: s?.missed ?? 0,
      ended: e?.ended ?? 0,
      visitorMessages: messages[i]!.visitor,
      operatorMessages: messages[i]!.operator,
      wait: mean(waits.get(i)?.avg, waits.get(i)?.n),
      firstResponse: percentiles(responseTimes[i]!),
      handling: mean(e?.handlingAvg, e?.handlingN),
      satisfaction: scoreMean(satisfaction[i]!),
    };
  });
  const operatorMessages = [...perOperator].map(([operatorId, messages]) => ({ operatorId, messages }));
  return { rows, totals: totalOf(rows, responseTimes.flat(), satisfaction.flat()), operatorMessages };
}

/** The period's row: sums, weighted means, and the p90 of every first response. */
function totalOf(rows: readonly SeriesRow[], responseTimes: number[], scores: number[]): SeriesRow {
  const sum = (pick: (r: SeriesRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const weighted = (pick: (r: SeriesRow) => Mean): Mean => {
    const n = sum((r) => pick(r).n);
    return mean(n === 0 ? null : sum((r) => (pick(r).avg ?? 0) * pick(r).n) / n, n);
  };
  return {
    started: sum((r) => r.started),
    answered: sum((r) => r.answered),
    abandoned: sum((r) => r.abandoned),
    missed: sum((r) => r.missed),
    ended: sum((r) => r.ended),
    visitorMessages: sum((r) => r.visitorMessages),
    operatorMessages: sum((r) => r.operatorMessages),
    wait: weighted((r) => r.wait),
    firstResponse: percentiles(responseTimes),
    handling: weighted((r) => r.handling),
    satisfaction: scoreMean(scores),
  };
}

/** Mean and nearest-rank 90th percentile (the value at rank ceil(0.9 n)) of durations. */
function percentiles(values: number[]): Mean & { readonly p90: number | null } {
  if (values.length === 0) return { avg: null, n: 0, p90: null };
  const sorted = values.sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  return { avg: Math.round(total / sorted.length), n: sorted.length, p90: sorted[Math.ceil(0.9 * sorted.length) - 1]! };
}

/** Mean questionnaire score, two decimals kept. */
function scoreMean(scores: readonly number[]): Mean {
  if (scores.length === 0) return { avg: null, n: 0 };
  return { avg: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100, n: scores.length };
}

/** The index of the bucket holding instant `at` (binary search over the sorted buckets), or -1. */
function bucketFinder(buckets: readonly BucketBounds[]): (at: number) => number {
  return (at) => {
    let low = 0;
    let high = buckets.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const b = buckets[mid]!;
      if (at < b.start) high = mid - 1;
      else if (at >= b.end) low = mid + 1;
      else return mid;
    }
    return -1;
  };
}
