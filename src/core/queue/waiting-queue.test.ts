import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { compareEntries, GENERAL_QUEUE, queueKeyOf, type QueueEntry } from "./queue.model";
import { WaitingQueue } from "./waiting-queue";

const entry = (id: string, priorityRank: number, requestedAt: number, slaDueAt: number | null = null, queueKey = GENERAL_QUEUE): QueueEntry => ({
  conversationId: id,
  queueKey,
  priorityRank,
  slaDueAt,
  requestedAt,
});

describe("queue order", () => {
  test.each([
    ["higher priority first, whatever the arrival", entry("a", 1, 0), entry("b", 3, 100), ["b", "a"]],
    ["same priority: earlier SLA deadline first", entry("a", 1, 0, 500), entry("b", 1, 100, 400), ["b", "a"]],
    ["same priority: a deadline beats no deadline", entry("a", 1, 0, null), entry("b", 1, 100, 9_999), ["b", "a"]],
    ["same priority and deadline: earlier arrival first", entry("a", 1, 50, 400), entry("b", 1, 10, 400), ["b", "a"]],
    ["exact tie: by id so the order is total", entry("b", 1, 10), entry("a", 1, 10), ["a", "b"]],
  ] as const)("%s", (_name, x, y, expected) => {
    const q = new WaitingQueue();
    q.add(x);
    q.add(y);
    expect([...q.entries(GENERAL_QUEUE)].map((e) => e.conversationId)).toEqual([...expected]);
  });

  test("queue keys: operator lists beat departments, departments beat the general queue", () => {
    expect(queueKeyOf({ department: "sales", targetOperatorIds: ["bob", "ann"] })).toBe("operators:ann,bob");
    expect(queueKeyOf({ department: "sales", targetOperatorIds: null })).toBe("department:sales");
    expect(queueKeyOf({ department: null, targetOperatorIds: null })).toBe(GENERAL_QUEUE);
  });
});

describe("positions", () => {
  test("positions are per queue, 1-based, and follow removals", () => {
    const q = new WaitingQueue();
    expect(q.add(entry("a", 1, 1))).toBe(1);
    expect(q.add(entry("b", 1, 2))).toBe(2);
    expect(q.add(entry("s", 1, 0, null, "department:sales"))).toBe(1);
    expect(q.add(entry("u", 3, 3))).toBe(1);
    expect([q.position("u"), q.position("a"), q.position("b"), q.position("s")]).toEqual([1, 2, 3, 1]);
    expect(q.remove("a")).toEqual({ queueKey: GENERAL_QUEUE, position: 2 });
    expect(q.position("b")).toBe(2);
    expect(q.position("a")).toBeNull();
    expect(q.remove("a")).toBeNull();
    expect(q.length(GENERAL_QUEUE)).toBe(2);
    expect(q.size).toBe(3);
    expect(q.head(GENERAL_QUEUE)?.conversationId).toBe("u");
  });

  test("re-adding a conversation replaces its entry", () => {
    const q = new WaitingQueue();
    q.add(entry("a", 1, 1));
    q.add(entry("b", 1, 2));
    q.add(entry("b", 3, 2));
    expect(q.size).toBe(2);
    expect(q.position("b")).toBe(1);
  });

  test("an emptied queue disappears from the keys", () => {
    const q = new WaitingQueue();
    q.add(entry("a", 1, 1, null, "department:x"));
    q.remove("a");
    expect([...q.keys()]).toEqual([]);
  });

  test("property: positions always equal the rank in a sorted copy", () => {
    const op = fc.oneof(
      fc.record({ add: fc.constant(true as const), id: fc.integer({ min: 0, max: 40 }), p: fc.integer({ min: 0, max: 3 }), t: fc.integer({ min: 0, max: 20 }), sla: fc.option(fc.integer({ min: 0, max: 50 })), key: fc.constantFrom("k1", "k2") }),
      fc.record({ add: fc.constant(false as const), id: fc.integer({ min: 0, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const q = new WaitingQueue();
        const model = new Map<string, QueueEntry>();
        for (const o of ops) {
          const id = `c${o.id}`;
          if (o.add) {
            const e = entry(id, o.p, o.t, o.sla, o.key);
            q.add(e);
            model.set(id, e);
          } else {
            q.remove(id);
            model.delete(id);
          }
        }
        for (const key of ["k1", "k2"]) {
          const sorted = [...model.values()].filter((e) => e.queueKey === key).sort(compareEntries);
          expect([...q.entries(key)].map((e) => e.conversationId)).toEqual(sorted.map((e) => e.conversationId));
          sorted.forEach((e, i) => expect(q.position(e.conversationId)).toBe(i + 1));
        }
        expect(q.size).toBe(model.size);
      }),
    );
  });
});
