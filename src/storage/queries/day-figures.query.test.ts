import { describe, expect, test } from "bun:test";
import { openDatabase } from "../db";
import { conversations } from "../tables/conversations.table";
import { questionnaireResponses } from "../tables/questionnaire-responses.table";
import { dayFigures } from "./day-figures.query";

const DAY = Date.UTC(2026, 0, 5, 0, 0, 0);
const MIN = 60_000;
type Row = typeof conversations.$inferInsert;

function row(id: string, patch: Partial<Row>): Row {
  const createdAt = patch.createdAt ?? DAY + 9 * 60 * MIN;
  return {
    id,
    visitorId: `v-${id}`,
    state: "ended",
    priority: "normal",
    createdAt,
    requestedAt: createdAt,
    lastVisitorActivityAt: createdAt,
    lastMessageAt: createdAt,
    ...patch,
  };
}

describe("day figures", () => {
  test("volume, waits, first responses, SLA, durations, satisfaction and per operator counts of the day", () => {
    const { db } = openDatabase(":memory:");
    const t = DAY + 9 * 60 * MIN;
    db.insert(conversations)
      .values([
        // answered after 2 min, first response 3 min after the request (SLA 5 min: met), lasted 10 min
        row("a", { createdAt: t, requestedAt: t, assignedAt: t + 2 * MIN, firstResponseAt: t + 3 * MIN, slaDueAt: t + 5 * MIN, endedAt: t + 12 * MIN, operatorId: "ann", endReason: "operator" }),
        // answered after 4 min, first response after 6 min (SLA missed), still active
        row("b", { createdAt: t, requestedAt: t, assignedAt: t + 4 * MIN, firstResponseAt: t + 6 * MIN, slaDueAt: t + 5 * MIN, state: "active", operatorId: "bob" }),
        // never reached an operator
        row("c", { createdAt: t, requestedAt: t, endedAt: t + 20 * MIN, endReason: "no_operator" }),
        // waiting now
        row("d", { createdAt: t + 30 * MIN, requestedAt: t + 30 * MIN, state: "waiting" }),
        // yesterday: not counted in the day's volume
        row("y", { createdAt: DAY - 60 * MIN, requestedAt: DAY - 60 * MIN, assignedAt: DAY - 59 * MIN, endedAt: DAY - 50 * MIN, operatorId: "ann" }),
      ])
      .run();
    db.insert(questionnaireResponses)
      .values([
        { id: "q1", conversationId: "a", questionnaireId: "exit", respondentKind: "visitor", respondentId: "v-a", answers: "{}", score: 100, summary: "", createdAt: t + 13 * MIN },
        { id: "q2", conversationId: "c", questionnaireId: "exit", respondentKind: "visitor", respondentId: "v-c", answers: "{}", score: 50, summary: "", createdAt: t + 21 * MIN },
        { id: "q3", conversationId: "a", questionnaireId: "wrapup", respondentKind: "operator", respondentId: "ann", answers: "{}", score: null, summary: "", createdAt: t + 13 * MIN },
      ])
      .run();
    const f = dayFigures(db, DAY, t + 60 * MIN);
    expect(f).toMatchObject({
      started: 4,
      answered: 2,
      missed: 1,
      ended: 2,
      waitingNow: 1,
      activeNow: 1,
      avgWaitMs: 3 * MIN,
      maxWaitMs: 4 * MIN,
      avgFirstResponseMs: 4.5 * MIN,
      slaMetRatio: 0.5,
      avgDurationMs: 10 * MIN,
      satisfaction: 75,
      satisfactionAnswers: 2,
    });
    expect(f.byOperator).toEqual([
      { operatorId: "ann", handled: 1, avgFirstResponseMs: MIN, avgDurationMs: 10 * MIN },
      { operatorId: "bob", handled: 1, avgFirstResponseMs: 2 * MIN, avgDurationMs: null },
    ]);
  });

  test("an empty day gives zeros and nulls, not NaN", () => {
    const { db } = openDatabase(":memory:");
    const f = dayFigures(db, DAY, DAY + MIN);
    expect(f).toMatchObject({ started: 0, answered: 0, missed: 0, ended: 0, avgWaitMs: null, avgFirstResponseMs: null, slaMetRatio: null, avgDurationMs: null, satisfaction: null, byOperator: [] });
  });
});
