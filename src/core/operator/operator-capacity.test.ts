import { describe, expect, test } from "bun:test";
import { codeOf, harness, makeConfig, operator, staff } from "../conversation/engine.testkit";
import type { StartOutcome } from "../conversation/start.service";

const outcomeOf = (out: StartOutcome) => out.outcome;
const config = makeConfig({
  operators: [operator("ann", { maxConversations: 4 }), operator("bob"), operator("max", { role: "manager" })],
  capacity: { conversationsPerOperator: 3, queueSlotsPerOperator: 5 },
});

describe("an operator's own capacity", () => {
  test("assignment stops at the operator's own limit, not the ceiling", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    h.engine.setOperatorCapacity("ann", 2, staff("ann"));
    expect(h.engine.operator("ann")).toMatchObject({ capacity: 2, maxCapacity: 4 });
    const outcomes = [1, 2, 3].map((n) => outcomeOf(h.engine.startConversation({ visitor: { id: `v${n}` } })));
    expect(outcomes).toEqual(["assigned", "assigned", "queued"]);
  });

  test("lowering it below the current load takes nothing away; new ones come only once below it", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    const ids = [1, 2, 3].map((n) => {
      const out = h.engine.startConversation({ visitor: { id: `v${n}` } });
      return out.outcome === "refused" ? "" : out.conversation.id;
    });
    h.engine.setOperatorCapacity("ann", 1, staff("ann"));
    expect(h.engine.conversationsOf("ann").map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(outcomeOf(h.engine.startConversation({ visitor: { id: "v4" } }))).toBe("queued");
    h.engine.endConversation(ids[0]!, staff("ann"));
    h.engine.endConversation(ids[1]!, staff("ann"));
    expect(h.engine.queueLengths()).toEqual({ general: 1 });
    h.engine.endConversation(ids[2]!, staff("ann"));
    expect(h.engine.queueLengths()).toEqual({});
    expect(h.engine.conversationsOf("ann")).toHaveLength(1);
  });

  test("raising it assigns waiting visitors at once", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    h.engine.setOperatorCapacity("ann", 1, staff("ann"));
    for (const n of [1, 2, 3]) h.engine.startConversation({ visitor: { id: `v${n}` } });
    expect(h.engine.conversationsOf("ann")).toHaveLength(1);
    h.engine.setOperatorCapacity("ann", 4, staff("ann"));
    expect(h.engine.conversationsOf("ann")).toHaveLength(3);
    expect(h.engine.operator("ann")).toMatchObject({ capacity: 4, maxCapacity: 4 });
  });

  test("is announced to the consoles and survives a restart", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    h.events.length = 0;
    h.engine.setOperatorCapacity("ann", 2, staff("ann"));
    expect(h.events).toContainEqual({ kind: "operator.changed", operator: expect.objectContaining({ id: "ann", capacity: 2, maxCapacity: 4 }) });
    expect(h.stores.preferences.rows.get("ann")).toMatchObject({ maxConversations: 2 });
    expect(h.restart().engine.operator("ann")).toMatchObject({ capacity: 2, maxCapacity: 4 });
  });

  test("setting it to the ceiling follows the ceiling again; a lower ceiling clamps it, a higher one restores it", () => {
    const h = harness(config);
    h.engine.setOperatorCapacity("ann", 4, staff("ann"));
    expect(h.stores.preferences.rows.get("ann") ?? { maxConversations: null }).toMatchObject({ maxConversations: null });
    h.engine.setOperatorCapacity("bob", 2, staff("bob"));
    const lower = makeConfig({ ...config, operators: [operator("ann", { maxConversations: 4 }), operator("bob", { maxConversations: 1 }), operator("max", { role: "manager" })] });
    h.engine.applyConfig(lower);
    expect(h.engine.operator("bob")).toMatchObject({ capacity: 1, maxCapacity: 1 });
    h.engine.applyConfig(config);
    expect(h.engine.operator("bob")).toMatchObject({ capacity: 2, maxCapacity: 3 });
  });

  test.each([
    [0, "request.invalid"],
    [5, "request.invalid"],
    [1.5, "request.invalid"],
    [1, "no error"],
    [4, "no error"],
  ])("a limit of %p is %s (1 to the ceiling of 4)", (max, code) => {
    const h = harness(config);
    expect(codeOf(() => h.engine.setOperatorCapacity("ann", max, staff("ann")))).toBe(code);
  });

  test("only the operator or a manager may set it", () => {
    const h = harness(config);
    expect(codeOf(() => h.engine.setOperatorCapacity("ann", 2, staff("bob")))).toBe("auth.forbidden");
    expect(codeOf(() => h.engine.setOperatorCapacity("ann", 2, staff("max", "manager")))).toBe("no error");
    expect(codeOf(() => h.engine.setOperatorCapacity("ghost", 2, staff("max", "manager")))).toBe("operator.not_found");
  });
});
