import { describe, expect, test } from "bun:test";
import type { RoutingCandidate } from "../parley-plugin";
import { builtinStrategy, candidate, conversation, optionsFor } from "../../src/plugins/plugin.fixtures";

const strategy = builtinStrategy("round-robin");
const pick = (candidates: RoutingCandidate[], options: Record<string, unknown> = {}) =>
  strategy.pick({ conversation: conversation(), candidates, now: 10_000, options: optionsFor(strategy, options) });

describe("round-robin", () => {
  test("the operator assigned least recently goes next, whatever their load", () => {
    const decision = pick([candidate("ann", { lastAssignedAt: 3_000 }), candidate("bob", { lastAssignedAt: 1_000, activeConversations: 2 }), candidate("cid", { lastAssignedAt: 2_000 })]);
    expect(decision).toEqual({ operatorId: "bob", reason: "round-robin: BOB is next (assigned least recently)" });
  });

  test("an operator never assigned goes first; ties go by id", () => {
    expect(pick([candidate("cid"), candidate("bob"), candidate("ann", { lastAssignedAt: 1 })])).toMatchObject({ operatorId: "bob", reason: "round-robin: BOB is next (never assigned yet)" });
  });

  test("over a sequence of assignments everyone gets a turn, in order", () => {
    let team = [candidate("ann"), candidate("bob"), candidate("cid")];
    const order: string[] = [];
    for (let t = 1; t <= 6; t++) {
      const decision = pick(team);
      if (!("operatorId" in decision)) throw new Error("round-robin should never queue");
      order.push(decision.operatorId);
      team = team.map((c) => (c.id === decision.operatorId ? { ...c, lastAssignedAt: t } : c));
    }
    expect(order).toEqual(["ann", "bob", "cid", "ann", "bob", "cid"]);
  });

  test("maxLoadRatio skips operators at or above it while someone is below it", () => {
    const team = [candidate("ann", { activeConversations: 2, capacity: 4 }), candidate("bob", { lastAssignedAt: 5, activeConversations: 1, capacity: 4 })];
    expect(pick(team, { maxLoadRatio: 0.5 })).toMatchObject({ operatorId: "bob" });
    expect(pick(team)).toMatchObject({ operatorId: "ann" });
  });

  test("when nobody is below maxLoadRatio, the rotation includes everyone", () => {
    const team = [candidate("ann", { activeConversations: 2, capacity: 3 }), candidate("bob", { activeConversations: 2, capacity: 3, lastAssignedAt: 9 })];
    expect(pick(team, { maxLoadRatio: 0.25 })).toMatchObject({ operatorId: "ann" });
  });
});
