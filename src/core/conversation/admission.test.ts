import { describe, expect, test } from "bun:test";
import type { RoutingPicker } from "./engine.context";
import { harness, leastBusyPicker, makeConfig, operator, staff } from "./engine.testkit";

const HOUR = 3_600_000;
const MIN = 60_000;
/** The manual clock starts on Monday 2026-01-05 09:00 UTC. */
const weekdays9to17 = { timezone: "UTC", weekly: { monday: [{ from: "09:00", to: "17:00" }] } };
const closedAllDay = { timezone: "UTC", weekly: {} };

type H = ReturnType<typeof harness>;
/** A visitor of `department` takes a slot (assigned or queued). */
const busy = (h: H, id: string, department: string | null = null) => h.engine.startConversation({ visitor: { id }, department });

const cases: { name: string; config?: Record<string, unknown>; setup: (h: H) => void; department?: string | null; expected: string }[] = [
  { name: "nobody connected", setup: () => {}, expected: "no_operator" },
  { name: "an operator free", setup: (h) => h.engine.operatorConnected("ann"), expected: "accepted" },
  {
    name: "operator busy, room in the queue",
    config: { capacity: { conversationsPerOperator: 1, queueSlotsPerOperator: 2 } },
    setup: (h) => (h.engine.operatorConnected("ann"), busy(h, "first")),
    expected: "accepted",
  },
  {
    name: "operator busy, queue full (1 slot per operator, 1 waiting)",
    config: { capacity: { conversationsPerOperator: 1, queueSlotsPerOperator: 1 } },
    setup: (h) => (h.engine.operatorConnected("ann"), busy(h, "first"), busy(h, "second")),
    expected: "queue_full",
  },
  {
    name: "queue disabled (0 slots) and the operator busy",
    config: { capacity: { conversationsPerOperator: 1, queueSlotsPerOperator: 0 } },
    setup: (h) => (h.engine.operatorConnected("ann"), busy(h, "first")),
    expected: "queue_full",
  },
  { name: "operator on a break (coming back: the visitor may wait)", setup: (h) => (h.engine.operatorConnected("ann"), h.engine.setOperatorStatus("ann", "break")), expected: "accepted" },
  {
    name: "outside opening hours, even with an operator free",
    config: { openingHours: weekdays9to17 },
    setup: (h) => (h.engine.operatorConnected("ann"), h.clock.advance(9 * HOUR)),
    expected: "after_hours",
  },
  {
    name: "in the closing window, nobody free",
    config: { openingHours: weekdays9to17, capacity: { conversationsPerOperator: 1 }, timeouts: { queueClosureBeforeEndMinutes: 30 } },
    setup: (h) => (h.engine.operatorConnected("ann"), busy(h, "first"), h.clock.advance(7 * HOUR + 45 * MIN)),
    expected: "queue_closed",
  },
  {
    name: "in the closing window, someone free",
    config: { openingHours: weekdays9to17, timeouts: { queueClosureBeforeEndMinutes: 30 } },
    setup: (h) => (h.engine.operatorConnected("ann"), h.clock.advance(7 * HOUR + 45 * MIN)),
    expected: "accepted",
  },
  {
    name: "a department whose own hours are closed",
    config: { routing: { mode: "department" }, departments: [{ id: "sales", name: "Sales", openingHours: closedAllDay }] },
    setup: (h) => h.engine.operatorConnected("ann"),
    department: "sales",
    expected: "after_hours",
  },
  {
    name: "a department nobody connected serves (the connected operator is in another one)",
    config: { routing: { mode: "department" }, departments: [{ id: "sales", name: "Sales" }, { id: "support", name: "Support" }], operators: [operator("ann", { departments: ["support"] })] },
    setup: (h) => h.engine.operatorConnected("ann"),
    department: "sales",
    expected: "no_operator",
  },
];

describe("admission preview: what a new conversation would get now", () => {
  test.each(cases)("$name → $expected, exactly what startConversation then does", ({ config, setup, department = null, expected }) => {
    const h = harness(makeConfig({ operators: [operator("ann")], ...config }));
    setup(h);
    const conversations = h.stores.conversations.rows.size;
    const events = h.events.length;
    expect(h.engine.admission({ department })).toBe(expected as never);
    // No side effect: nothing stored, nothing published.
    expect(h.stores.conversations.rows.size).toBe(conversations);
    expect(h.events.length).toBe(events);

    const out = h.engine.startConversation({ visitor: { id: "probe" }, department });
    expect(out.outcome === "refused" ? out.reason : "accepted").toBe(expected);
  });

  test("the preview never asks the routing strategy (a plugin may count or keep state)", () => {
    let picks = 0;
    const counting = (): RoutingPicker => (request) => (picks++, leastBusyPicker(request));
    const h = harness(makeConfig({ operators: [operator("ann")] }), { picker: counting });
    h.engine.operatorConnected("ann");
    expect(h.engine.admission({})).toBe("accepted");
    expect(picks).toBe(0);
    h.engine.startConversation({ visitor: { id: "v1" } });
    expect(picks).toBe(1);
  });

  test("URL rules: the page decides the target, as for a real start", () => {
    const h = harness(makeConfig({
      operators: [operator("ann", { departments: ["support"] })],
      departments: [{ id: "sales", name: "Sales" }, { id: "support", name: "Support" }],
      routing: { mode: "url", urlRules: [{ pattern: "*/pricing*", department: "sales" }, { pattern: "*/help*", department: "support" }] },
    }));
    h.engine.operatorConnected("ann");
    expect(h.engine.admission({ pageUrl: "https://shop.example/pricing" })).toBe("no_operator");
    expect(h.engine.admission({ pageUrl: "https://shop.example/help/returns" })).toBe("accepted");
    h.engine.setOperatorStatus("ann", "offline", staff("ann"));
    expect(h.engine.admission({ pageUrl: "https://shop.example/help/returns" })).toBe("no_operator");
  });
});
