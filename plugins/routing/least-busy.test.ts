import { describe, expect, test } from "bun:test";
import type { RoutingCandidate } from "../parley-plugin";
import { builtinStrategy, candidate, conversation, optionsFor } from "../../src/plugins/plugin.fixtures";

const strategy = builtinStrategy("least-busy");
const pick = (candidates: RoutingCandidate[], options: Record<string, unknown> = {}) =>
  strategy.pick({ conversation: conversation(), candidates, now: 10_000, options: optionsFor(strategy, options) });

describe("least-busy", () => {
  test("load is relative to capacity: 2 of 6 is less busy than 1 of 2", () => {
    const decision = pick([candidate("ann", { activeConversations: 1, capacity: 2 }), candidate("bob", { activeConversations: 2, capacity: 6 })]);
    expect(decision).toEqual({ operatorId: "bob", reason: "least busy: BOB has 2 of 6 conversations" });
  });

  test("measure: count compares the raw number of conversations", () => {
    const team = [candidate("ann", { activeConversations: 1, capacity: 2 }), candidate("bob", { activeConversations: 2, capacity: 6 })];
    expect(pick(team, { measure: "count" })).toMatchObject({ operatorId: "ann" });
  });

  test("equal load: the operator assigned least recently, then by id", () => {
    expect(pick([candidate("ann", { lastAssignedAt: 50 }), candidate("cid", { lastAssignedAt: 10 }), candidate("bob", { lastAssignedAt: 10 })])).toMatchObject({ operatorId: "bob" });
  });

  test("equal ratios are compared exactly (1/3 vs 2/6 is a tie, broken by last assignment)", () => {
    const team = [candidate("ann", { activeConversations: 1, capacity: 3, lastAssignedAt: 20 }), candidate("bob", { activeConversations: 2, capacity: 6, lastAssignedAt: 10 })];
    expect(pick(team)).toMatchObject({ operatorId: "bob" });
  });
});
