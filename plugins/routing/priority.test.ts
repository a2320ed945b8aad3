import { describe, expect, test } from "bun:test";
import type { Priority, RoutingCandidate } from "../parley-plugin";
import { builtinStrategy, candidate, conversation, optionsFor } from "../../src/plugins/plugin.fixtures";

const strategy = builtinStrategy("priority");
const pick = (priority: Priority, candidates: RoutingCandidate[], options: Record<string, unknown> = {}, waitedMs = 0) =>
  strategy.pick({ conversation: conversation({ priority, createdAt: 1_000 }), candidates, now: 1_000 + waitedMs, options: optionsFor(strategy, options) });

// ann: 1 free slot of 2 (half busy); bob: 2 free of 6 (two thirds busy).
const team = [candidate("ann", { activeConversations: 1, capacity: 2 }), candidate("bob", { activeConversations: 4, capacity: 6 })];

describe("priority", () => {
  test("urgent and high go to the operator with the most free slots", () => {
    expect(pick("urgent", team)).toEqual({ operatorId: "bob", reason: "urgent priority: BOB has the most free slots (2)" });
    expect(pick("high", team)).toMatchObject({ operatorId: "bob" });
  });

  test("normal goes to the least busy relative to capacity", () => {
    expect(pick("normal", team)).toMatchObject({ operatorId: "ann" });
  });

  test("low waits when taking a slot would eat into the reserve, with the reason", () => {
    const nearlyFull = [candidate("ann", { activeConversations: 2, capacity: 3 }), candidate("bob", { activeConversations: 3, capacity: 4 })];
    expect(pick("low", nearlyFull, { reserveForHighPriority: 2 })).toEqual({ queue: true, reason: "low priority waits: 2 free slot(s) left, 2 kept for high-priority conversations" });
    expect(pick("low", nearlyFull, { reserveForHighPriority: 1 })).toMatchObject({ operatorId: "ann" });
    expect(pick("urgent", nearlyFull, { reserveForHighPriority: 5 })).toMatchObject({ operatorId: "ann" });
  });

  test("normal is held only when reserveAppliesTo includes it", () => {
    const lastSlot = [candidate("ann", { activeConversations: 2, capacity: 3 })];
    expect(pick("normal", lastSlot)).toMatchObject({ operatorId: "ann" });
    expect(pick("normal", lastSlot, { reserveAppliesTo: ["low", "normal"] })).toMatchObject({ queue: true });
  });

  test("a held conversation is released after reserveMaxWaitSeconds (0 holds it forever)", () => {
    const lastSlot = [candidate("ann", { activeConversations: 2, capacity: 3 })];
    expect(pick("low", lastSlot, { reserveMaxWaitSeconds: 60 }, 59_999)).toMatchObject({ queue: true });
    expect(pick("low", lastSlot, { reserveMaxWaitSeconds: 60 }, 60_000)).toEqual({ operatorId: "ann", reason: "low priority after waiting its maximum: ANN is least busy (2 of 3)" });
    expect(pick("low", lastSlot, { reserveMaxWaitSeconds: 0 }, 86_400_000)).toMatchObject({ queue: true });
  });

  test("reserveForHighPriority 0 never holds anyone", () => {
    expect(pick("low", [candidate("ann", { activeConversations: 2, capacity: 3 })], { reserveForHighPriority: 0 })).toMatchObject({ operatorId: "ann" });
  });
});
