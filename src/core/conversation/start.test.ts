import { describe, expect, test } from "bun:test";
import type { StartOutcome } from "./start.service";
import { codeOf, eventTypes, harness, makeConfig, operator, staff, visitor } from "./engine.testkit";

const HOUR = 3_600_000;
const MIN = 60_000;
/** The manual clock starts on Monday 2026-01-05 09:00 UTC. */
const weekdays9to17 = { timezone: "UTC", weekly: { monday: [{ from: "09:00", to: "17:00" }] } };

function idOf(out: StartOutcome): string {
  if (out.outcome === "refused") throw new Error(`refused: ${out.reason}`);
  return out.conversation.id;
}

describe("starting a chat", () => {
  test("an available operator gets it at once; the first message is stored before the assignment", () => {
    const h = harness(makeConfig({ operators: [operator("ann")] }));
    h.engine.operatorConnected("ann");
    const out = h.engine.startConversation({ visitor: { id: "v1", name: "Vera" }, message: { text: "  Hello  ", clientId: "m1" } });
    expect(out.outcome).toBe("assigned");
    if (out.outcome !== "assigned") return;
    expect(out.operatorId).toBe("ann");
    expect(eventTypes(h, out.conversation.id)).toEqual(["conversation.created", "message", "conversation.assigned"]);
    expect(h.stores.events.logs.get(out.conversation.id)![1]!.body).toBe("Hello");
    expect(h.engine.operator("ann")?.activeConversations).toBe(1);
  });

  test.each([
    {
      name: "nobody connected → no operator",
      config: {},
      setup: () => {},
      reason: "no_operator",
      code: "operator.unavailable",
      phrase: "No operator is available right now. Leave us a message and we will answer by email.",
    },
    {
      name: "outside opening hours → after hours",
      config: { openingHours: weekdays9to17 },
      setup: (h: ReturnType<typeof harness>) => {
        h.engine.operatorConnected("ann");
        h.clock.advance(9 * HOUR);
      },
      reason: "after_hours",
      code: "hours.closed",
      phrase: "We are closed right now. Leave us a message and we will answer by email.",
    },
    {
      name: "queue disabled (0 slots) and the operator is busy → queue full",
      config: { capacity: { conversationsPerOperator: 1, queueSlotsPerOperator: 0 } },
      setup: (h: ReturnType<typeof harness>) => {
        h.engine.operatorConnected("ann");
        h.engine.startConversation({ visitor: { id: "first" } });
      },
      reason: "queue_full",
      code: "queue.full",
      phrase: "All our operators are busy. Leave us a message and we will answer by email.",
    },
    {
      name: "within the closure window before the end of service and nobody free → queue closed",
      config: { openingHours: weekdays9to17, capacity: { conversationsPerOperator: 1 }, timeouts: { queueClosureBeforeEndMinutes: 30 } },
      setup: (h: ReturnType<typeof harness>) => {
        h.engine.operatorConnected("ann");
        h.engine.startConversation({ visitor: { id: "first" } });
        h.clock.advance(7 * HOUR + 45 * MIN);
      },
      reason: "queue_closed",
      code: "queue.closed",
      phrase: "We are closed right now. Leave us a message and we will answer by email.",
    },
  ])("refused: $name", ({ config, setup, reason, code, phrase }) => {
    const h = harness(makeConfig({ operators: [operator("ann")], ...config }));
    setup(h);
    const before = h.stores.conversations.rows.size;
    const out = h.engine.startConversation({ visitor: { id: "v1" } });
    expect(out).toEqual({ outcome: "refused", reason: reason as never, code: code as never, message: phrase, offlineForm: true });
    expect(h.stores.conversations.rows.size).toBe(before);
    expect(h.events.at(-1)).toMatchObject({ kind: "chat.refused", reason, visitorId: "v1" });
  });

  test("the closure window still assigns when an operator is free", () => {
    const h = harness(makeConfig({ operators: [operator("ann")], openingHours: weekdays9to17, timeouts: { queueClosureBeforeEndMinutes: 30 } }));
    h.engine.operatorConnected("ann");
    h.clock.advance(7 * HOUR + 45 * MIN);
    expect(h.engine.startConversation({ visitor: { id: "v1" } }).outcome).toBe("assigned");
  });

  test("the queue admits slots × connected operators; an operator on break still counts as connected", () => {
    const h = harness(makeConfig({ operators: [operator("ann"), operator("bob")], capacity: { conversationsPerOperator: 1, queueSlotsPerOperator: 2 } }));
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    h.engine.setOperatorStatus("bob", "break");
    expect(h.engine.startConversation({ visitor: { id: "v0" } }).outcome).toBe("assigned");
    const outcomes = ["v1", "v2", "v3", "v4", "v5"].map((v) => h.engine.startConversation({ visitor: { id: v } }));
    expect(outcomes.map((o) => o.outcome)).toEqual(["queued", "queued", "queued", "queued", "refused"]);
    expect(outcomes.map((o) => (o.outcome === "queued" ? o.position : null))).toEqual([1, 2, 3, 4, null]);
  });

  test("department hours override the global hours", () => {
    const h = harness(
      makeConfig({
        operators: [operator("ann")],
        routing: { mode: "department" },
        departments: [{ id: "night", name: "Night desk", openingHours: { timezone: "UTC", weekly: { monday: [{ from: "20:00", to: "24:00" }] } } }, { id: "day", name: "Day" }],
      }),
    );
    h.engine.operatorConnected("ann");
    expect(h.engine.startConversation({ visitor: { id: "v1" }, department: "night" }).outcome).toBe("refused");
    expect(h.engine.startConversation({ visitor: { id: "v2" }, department: "day" }).outcome).toBe("assigned");
    expect(codeOf(() => h.engine.startConversation({ visitor: { id: "v3" }, department: "ghost" }))).toBe("department.not_found");
  });
});

describe("routing rules", () => {
  test("department routing: members get their department; an operator without departments serves all", () => {
    const h = harness(
      makeConfig({
        operators: [operator("sam", { departments: ["sales"] }), operator("gil")],
        departments: [
          { id: "sales", name: "Sales" },
          { id: "support", name: "Support" },
        ],
        routing: { mode: "department" },
        capacity: { conversationsPerOperator: 1 },
      }),
    );
    h.engine.operatorConnected("sam");
    const support = h.engine.startConversation({ visitor: { id: "v1" }, department: "support" });
    expect(support.outcome).toBe("refused");
    h.engine.operatorConnected("gil");
    expect(h.engine.startConversation({ visitor: { id: "v2" }, department: "support" })).toMatchObject({ outcome: "assigned", operatorId: "gil" });
    expect(h.engine.startConversation({ visitor: { id: "v3" }, department: "sales" })).toMatchObject({ outcome: "assigned", operatorId: "sam" });
    expect(h.engine.startConversation({ visitor: { id: "v4" }, department: "support" })).toMatchObject({ outcome: "queued", position: 1 });
  });

  test("URL routing to an operator list: only they get it, and it waits for them", () => {
    const h = harness(
      makeConfig({
        operators: [operator("ann"), operator("bob")],
        routing: { mode: "url", urlRules: [{ pattern: "*/enterprise*", operators: ["bob"] }] },
        capacity: { conversationsPerOperator: 1 },
      }),
    );
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    expect(h.engine.startConversation({ visitor: { id: "v1", pageUrl: "https://x.com/enterprise" } })).toMatchObject({ outcome: "assigned", operatorId: "bob" });
    expect(h.engine.startConversation({ visitor: { id: "v2", pageUrl: "https://x.com/enterprise/quote" } })).toMatchObject({ outcome: "queued" });
    expect(h.engine.startConversation({ visitor: { id: "v3", pageUrl: "https://x.com/blog" } })).toMatchObject({ outcome: "assigned", operatorId: "ann" });
  });

  test("nobody is assigned above capacity (per-operator override of the default)", () => {
    const h = harness(makeConfig({ operators: [operator("ann", { maxConversations: 2 }), operator("bob")], capacity: { conversationsPerOperator: 1 } }));
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    const outcomes = ["a", "b", "c", "d"].map((v) => h.engine.startConversation({ visitor: { id: v } }).outcome);
    expect(outcomes).toEqual(["assigned", "assigned", "assigned", "queued"]);
    expect(h.engine.operator("ann")?.activeConversations).toBe(2);
    expect(h.engine.operator("bob")?.activeConversations).toBe(1);
  });

  test("an operator whose shift has ended gets no new conversation but keeps current ones", () => {
    const shift = { timezone: "UTC", weekly: { monday: [{ from: "08:00", to: "10:00" }] } };
    const h = harness(makeConfig({ operators: [operator("ann", { shift }), operator("bob")], capacity: { conversationsPerOperator: 5 } }));
    h.engine.operatorConnected("ann");
    const first = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
    expect(h.engine.conversation(first)?.operatorId).toBe("ann");
    h.clock.advance(HOUR + MIN);
    h.engine.operatorConnected("bob");
    expect(h.engine.startConversation({ visitor: { id: "v2" } })).toMatchObject({ outcome: "assigned", operatorId: "bob" });
    expect(h.engine.conversation(first)).toMatchObject({ state: "active", operatorId: "ann" });
    expect(codeOf(() => h.engine.assignToMe(idOf(h.engine.startConversation({ visitor: { id: "v3" } })), staff("ann")))).toBe("conversation.invalid_state");
  });

  test("queue order: priority, then SLA deadline, then arrival; the head is served first when capacity frees", () => {
    const h = harness(makeConfig({ operators: [operator("ann")], capacity: { conversationsPerOperator: 1 }, queue: { slaSeconds: { high: 60, normal: 300 } } }));
    h.engine.operatorConnected("ann");
    const busy = idOf(h.engine.startConversation({ visitor: { id: "busy" } }));
    const low = idOf(h.engine.startConversation({ visitor: { id: "low" }, priority: "low" }));
    h.clock.advance(1000);
    const normal = idOf(h.engine.startConversation({ visitor: { id: "normal" } }));
    h.clock.advance(1000);
    const urgent = idOf(h.engine.startConversation({ visitor: { id: "urgent" }, priority: "urgent" }));
    const high = idOf(h.engine.startConversation({ visitor: { id: "high" }, priority: "high" }));
    expect(h.engine.snapshot().queues).toEqual({ general: [urgent, high, normal, low] });
    expect(h.engine.conversationDetails(high)?.slaDueAt).toBe(h.clock.now() + 60_000);
    expect(h.engine.conversationDetails(low)?.slaDueAt).toBeNull();
    h.engine.endConversation(busy, staff("ann"));
    expect(h.engine.conversation(urgent)).toMatchObject({ state: "active", operatorId: "ann" });
    expect([h.engine.queuePosition(high), h.engine.queuePosition(normal), h.engine.queuePosition(low)]).toEqual([1, 2, 3]);
  });

  test("a waiting conversation is assigned as soon as an operator becomes eligible (status, connection)", () => {
    const h = harness(makeConfig({ operators: [operator("ann"), operator("bob")], statuses: [{ id: "phone", label: "Phone" }] }));
    h.engine.operatorConnected("ann");
    h.engine.setOperatorStatus("ann", "phone");
    const waiting = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
    expect(h.engine.conversation(waiting)?.state).toBe("waiting");
    h.engine.setOperatorStatus("ann", "connected");
    expect(h.engine.conversation(waiting)).toMatchObject({ state: "active", operatorId: "ann" });
    h.engine.setOperatorStatus("ann", "break");
    const second = idOf(h.engine.startConversation({ visitor: { id: "v2" } }));
    h.engine.operatorConnected("bob");
    expect(h.engine.conversation(second)).toMatchObject({ state: "active", operatorId: "bob" });
  });
});

describe("queue positions and estimates", () => {
  test("one queue.changed per change, with the first affected position", () => {
    const h = harness(makeConfig({ operators: [operator("ann")], capacity: { conversationsPerOperator: 1 } }));
    h.engine.operatorConnected("ann");
    const busy = idOf(h.engine.startConversation({ visitor: { id: "busy" } }));
    const ids = ["a", "b", "c"].map((v) => idOf(h.engine.startConversation({ visitor: { id: v } })));
    h.events.length = 0;
    h.engine.endConversation(ids[1]!, visitor("b"));
    const changes = h.events.filter((e) => e.kind === "queue.changed");
    expect(changes).toEqual([{ kind: "queue.changed", queueKey: "general", change: "removed", conversationId: ids[1]!, fromPosition: 2, length: 2 }]);
    h.events.length = 0;
    h.engine.endConversation(busy, staff("ann"));
    expect(h.events.filter((e) => e.kind === "queue.changed")).toEqual([
      { kind: "queue.changed", queueKey: "general", change: "removed", conversationId: ids[0]!, fromPosition: 1, length: 1 },
    ]);
    expect(h.engine.queuePosition(ids[2]!)).toBe(1);
  });

  test("estimates moving without a queue change are announced once per queue", () => {
    const h = harness(
      makeConfig({
        operators: [operator("ann", { departments: ["sales"] }), operator("bob", { departments: ["support"] })],
        departments: [
          { id: "sales", name: "Sales" },
          { id: "support", name: "Support" },
        ],
        routing: { mode: "department" },
        capacity: { conversationsPerOperator: 1 },
      }),
    );
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    const sales = idOf(h.engine.startConversation({ visitor: { id: "s1" }, department: "sales" }));
    idOf(h.engine.startConversation({ visitor: { id: "s2" }, department: "sales" }));
    const support = idOf(h.engine.startConversation({ visitor: { id: "t1" }, department: "support" }));
    const waiting = idOf(h.engine.startConversation({ visitor: { id: "t2" }, department: "support" }));
    h.clock.advance(5 * MIN);
    h.events.length = 0;
    h.engine.endConversation(sales, visitor("s1"));
    // The sales queue moved (its head was assigned); the support queue only got a new average handling time.
    const changes = h.events.filter((e) => e.kind === "queue.changed");
    expect(changes).toEqual([
      expect.objectContaining({ queueKey: "department:sales", change: "removed", fromPosition: 1 }),
      { kind: "queue.changed", queueKey: "department:support", change: "estimate", conversationId: null, fromPosition: 1, length: 1 },
    ]);
    expect(h.engine.estimatedWaitMs(waiting)).toBe(5 * MIN);
    h.events.length = 0;
    h.engine.setOperatorStatus("bob", "break");
    expect(h.events.filter((e) => e.kind === "queue.changed")).toEqual([
      { kind: "queue.changed", queueKey: "department:support", change: "estimate", conversationId: null, fromPosition: 1, length: 1 },
    ]);
    h.events.length = 0;
    h.engine.postMessage(support, visitor("t1"), { text: "hi", clientId: "x" });
    expect(h.events.filter((e) => e.kind === "queue.changed")).toEqual([]);
  });

  test("estimated wait = position × average handling ÷ serving slots", () => {
    const h = harness(makeConfig({ operators: [operator("ann"), operator("bob")], capacity: { conversationsPerOperator: 1 } }));
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    const a = idOf(h.engine.startConversation({ visitor: { id: "a" } }));
    const b = idOf(h.engine.startConversation({ visitor: { id: "b" } }));
    const q1 = idOf(h.engine.startConversation({ visitor: { id: "q1" } }));
    expect(h.engine.estimatedWaitMs(q1)).toBe(0);
    h.clock.advance(4 * MIN);
    h.engine.endConversation(a, visitor("a"));
    h.clock.advance(4 * MIN);
    h.engine.endConversation(b, visitor("b"));
    expect(h.engine.conversation(q1)?.operatorId).toBe("ann");
    expect(h.engine.startConversation({ visitor: { id: "q2" } }).outcome).toBe("assigned");
    const q3 = idOf(h.engine.startConversation({ visitor: { id: "q3" } }));
    const q4 = idOf(h.engine.startConversation({ visitor: { id: "q4" } }));
    // handled 4 and 8 minutes → 6 minutes average; 2 serving slots.
    expect(h.engine.queuePosition(q4)).toBe(2);
    expect(h.engine.estimatedWaitMs(q3)).toBe(3 * MIN);
    expect(h.engine.estimatedWaitMs(q4)).toBe(6 * MIN);
    expect(h.engine.queueStandings("general")).toEqual([
      { conversationId: q3, position: 1, estimatedWaitMs: 3 * MIN },
      { conversationId: q4, position: 2, estimatedWaitMs: 6 * MIN },
    ]);
    expect(h.engine.estimatedWaitMs(q1)).toBeNull();
  });
});
