import { describe, expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import { openDatabase } from "../storage/db";
import { MIN, at, seedConversations, seedEvents, seedScores } from "./report.fixtures";
import { resolvePeriod, type PeriodRequest } from "./report-period";
import { buildReport } from "./report.service";

const NAMES: Record<string, string> = { ann: "Ann Agent", bob: "Bob Agent" };

/** A database seeded around the Paris spring DST change (Sunday 2026-03-29 has 23 hours). */
function seeded() {
  const { db } = openDatabase(":memory:");
  const sat = at("2026-03-28T11:00:00Z"); // Sat 28th 12:00 Paris
  const sunEarly = at("2026-03-28T23:30:00Z"); // Sun 29th 00:30 Paris (still the 28th in UTC)
  const monEarly = at("2026-03-29T22:30:00Z"); // Mon 30th 00:30 Paris (CEST; a fixed +01:00 would say the 29th)
  const mon = at("2026-03-30T08:00:00Z"); // Mon 30th 10:00 Paris
  seedConversations(db, [
    // answered: waited 2 min, first reply after 3 min, handled for 8 min
    { id: "a", createdAt: sunEarly, priority: "high", department: "support", operatorId: "ann", assignedAt: sunEarly + 2 * MIN, firstResponseAt: sunEarly + 3 * MIN, endedAt: sunEarly + 10 * MIN },
    // the visitor left the queue after 4 min: abandoned
    { id: "b", createdAt: monEarly, department: "support", endedAt: monEarly + 4 * MIN, endReason: "visitor" },
    // nobody available: missed
    { id: "c", createdAt: mon, department: "sales", endedAt: mon + 5 * MIN, endReason: "no_operator" },
    // still waiting
    { id: "d", createdAt: sat, state: "waiting", priority: "urgent", department: "support" },
    // started before the period, taken on Saturday after 20 min, still active
    { id: "e", createdAt: at("2026-03-27T22:50:00Z"), state: "active", department: "sales", operatorId: "bob", assignedAt: at("2026-03-27T23:10:00Z"), firstResponseAt: at("2026-03-27T23:11:00Z") },
  ]);
  seedEvents(db, [
    { conversationId: "a", seq: 1, type: "conversation.created", actorKind: "visitor", createdAt: sunEarly },
    { conversationId: "a", seq: 2, actorKind: "visitor", body: "hello", createdAt: sunEarly + MIN },
    { conversationId: "a", seq: 3, actorKind: "operator", actorId: "ann", body: "hi", createdAt: sunEarly + 3 * MIN },
    { conversationId: "a", seq: 4, type: "note", actorKind: "operator", actorId: "ann", body: "internal", createdAt: sunEarly + 4 * MIN },
    { conversationId: "a", seq: 5, actorKind: "operator", actorId: "ann", body: "bye", createdAt: sunEarly + 5 * MIN },
    { conversationId: "b", seq: 1, actorKind: "visitor", body: "anyone?", createdAt: monEarly + MIN },
    { conversationId: "e", seq: 1, actorKind: "operator", actorId: "bob", body: "on it", createdAt: at("2026-03-28T10:00:00Z") },
  ]);
  seedScores(db, [
    { conversationId: "a", score: 80, createdAt: sunEarly + 11 * MIN },
    { conversationId: "e", score: 40, createdAt: at("2026-03-28T12:00:00Z") },
    { conversationId: "e", score: 60, createdAt: at("2026-03-28T13:00:00Z") },
  ]);
  const clock = new ManualClock(at("2026-04-01T10:00:00Z"));
  const report = (request: Partial<PeriodRequest> = {}, department: string | null = null) =>
    buildReport({ db, operatorName: (id) => NAMES[id] ?? null, now: clock.now() }, resolvePeriod({ from: "2026-03-28", to: "2026-03-30", timeZone: "Europe/Paris", ...request }, clock.now()), { department });
  return { db, report };
}

describe("manager report", () => {
  test("each figure lands on the local day it happened, across the DST change", () => {
    const { report } = seeded();
    const r = report();
    const day = (key: string) => r.series.find((p) => p.key === key)!;
    expect(r.series.map((p) => p.key)).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    expect(day("2026-03-28")).toMatchObject({ started: 1, answered: 0, ended: 0, avgWaitMs: 20 * MIN, avgFirstResponseMs: 21 * MIN, operatorMessages: 1, satisfaction: 50, satisfactionAnswers: 2 });
    expect(day("2026-03-29")).toMatchObject({ started: 1, answered: 1, ended: 1, visitorMessages: 1, operatorMessages: 2, avgWaitMs: 2 * MIN, avgFirstResponseMs: 3 * MIN, p90FirstResponseMs: 3 * MIN, avgHandlingMs: 8 * MIN, satisfaction: 80 });
    expect(day("2026-03-30")).toMatchObject({ started: 2, answered: 0, abandoned: 1, missed: 1, ended: 2, visitorMessages: 1, operatorMessages: 0, avgWaitMs: null, avgHandlingMs: null, satisfaction: null, satisfactionAnswers: 0 });
  });

  test("the same data read in UTC puts the Monday 00:30 Paris chat on Sunday", () => {
    const { report } = seeded();
    const r = report({ timeZone: "UTC" });
    expect(r.series.map((p) => p.started)).toEqual([2, 1, 1]);
  });

  test("totals weigh averages by their values and take the p90 over the whole period", () => {
    const { report } = seeded();
    const r = report();
    expect(r.totals).toMatchObject({ started: 4, answered: 1, abandoned: 1, missed: 1, ended: 3, visitorMessages: 2, operatorMessages: 3, avgWaitMs: 11 * MIN, avgFirstResponseMs: 12 * MIN, p90FirstResponseMs: 21 * MIN, avgHandlingMs: 8 * MIN, satisfaction: 60, satisfactionAnswers: 3 });
  });

  test("p90 first response is the nearest-rank 90th percentile of the day", () => {
    const { db } = openDatabase(":memory:");
    const day = at("2026-05-04T08:00:00Z");
    seedConversations(db, Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, createdAt: day, operatorId: "ann", assignedAt: day, firstResponseAt: day + (i + 1) * MIN })));
    const period = resolvePeriod({ from: "2026-05-04", to: "2026-05-04", timeZone: "UTC" }, day);
    const r = buildReport({ db, operatorName: () => null, now: day }, period, { department: null });
    expect(r.series[0]).toMatchObject({ avgFirstResponseMs: 5.5 * MIN, p90FirstResponseMs: 9 * MIN });
  });

  test("breakdowns: by department, every priority, every status, and by operator with messages, times and satisfaction", () => {
    const { report } = seeded();
    const r = report();
    expect(r.byDepartment).toEqual([
      { key: "support", started: 3, answered: 1, abandoned: 1, missed: 0, avgWaitMs: 2 * MIN, avgFirstResponseMs: 3 * MIN },
      { key: "sales", started: 1, answered: 0, abandoned: 0, missed: 1, avgWaitMs: null, avgFirstResponseMs: null },
    ]);
    expect(r.byPriority.map((p) => [p.key, p.started])).toEqual([["low", 0], ["normal", 2], ["high", 1], ["urgent", 1]]);
    expect(r.byStatus).toEqual([{ key: "pending", count: 0 }, { key: "waiting", count: 1 }, { key: "active", count: 0 }, { key: "ended", count: 3 }]);
    expect(r.byOperator).toEqual([
      { operatorId: "ann", name: "Ann Agent", handled: 1, messages: 2, avgFirstResponseMs: MIN, avgHandlingMs: 8 * MIN, satisfaction: 80, satisfactionAnswers: 1 },
      { operatorId: "bob", name: "Bob Agent", handled: 1, messages: 1, avgFirstResponseMs: MIN, avgHandlingMs: null, satisfaction: 50, satisfactionAnswers: 2 },
    ]);
  });

  test("a department filter narrows the series, totals and breakdowns", () => {
    const { report } = seeded();
    const r = report({}, "sales");
    expect(r.department).toBe("sales");
    expect(r.series.map((p) => p.started)).toEqual([0, 0, 1]);
    expect(r.totals).toMatchObject({ started: 1, missed: 1, operatorMessages: 1, satisfactionAnswers: 2 });
    expect(r.byDepartment.map((d) => d.key)).toEqual(["sales"]);
    expect(r.byOperator.map((o) => o.operatorId)).toEqual(["bob"]);
  });

  test("weekly buckets add the days up", () => {
    const { report } = seeded();
    const r = report({ granularity: "week" });
    expect(r.series.map((p) => [p.key, p.started])).toEqual([["2026-03-23", 2], ["2026-03-30", 2]]);
  });

  test("an empty period gives zeros and nulls, not NaN", () => {
    const { db } = openDatabase(":memory:");
    const r = buildReport({ db, operatorName: () => null, now: 0 }, resolvePeriod({ from: "2026-01-01", to: "2026-01-02", timeZone: "UTC" }, 0), { department: null });
    expect(r.totals).toEqual({ started: 0, answered: 0, abandoned: 0, missed: 0, ended: 0, visitorMessages: 0, operatorMessages: 0, avgWaitMs: null, avgFirstResponseMs: null, p90FirstResponseMs: null, avgHandlingMs: null, satisfaction: null, satisfactionAnswers: 0 });
    expect(r.byOperator).toEqual([]);
  });
});
