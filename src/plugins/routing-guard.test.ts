import { describe, expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import type { RoutingDecision, RoutingInput, RoutingStrategy } from "./api";
import { pluginHealth } from "./health";
import { builtinStrategy, candidate, conversation, optionsFor, recordingLogger } from "./plugin.fixtures";
import { safePick, type BoundStrategy } from "./routing-guard";

const leastBusy = builtinStrategy("least-busy");
const fallback: BoundStrategy = { strategy: leastBusy, options: optionsFor(leastBusy) };
// ann is busier than bob, so the fallback (least-busy) always picks bob.
const candidates = [candidate("ann", { activeConversations: 2 }), candidate("bob", { activeConversations: 0 })];
const input = <O>(options: O): RoutingInput<O> => ({ conversation: conversation(), candidates, now: 5_000, options });

/** A stopwatch the test controls: plugins "take" time by advancing it. */
const stopwatch = () => {
  const clock = new ManualClock(0);
  return { clock, timer: () => clock.now() };
};

const strategy = (pick: (input: RoutingInput) => unknown): RoutingStrategy => ({ kind: "routing", id: "custom", pick: pick as RoutingStrategy["pick"] });

describe("safePick uses the strategy's decision when it is valid", () => {
  test("a good decision goes through, trimmed to its fields", () => {
    const logger = recordingLogger();
    const picksAnn = strategy(() => ({ operatorId: "ann", reason: "ann knows this visitor", extra: true }));
    expect(safePick(picksAnn, input({}), fallback, { timeoutMs: 50, logger })).toEqual({ operatorId: "ann", reason: "ann knows this visitor", strategyId: "custom", fallback: false });
    expect(logger.lines).toEqual([]);
  });

  test("queueing is a valid decision", () => {
    const waits = strategy(() => ({ queue: true, reason: "keeping slots free" }));
    expect(safePick(waits, input({}), fallback, { timeoutMs: 50, logger: recordingLogger() })).toEqual({ queue: true, reason: "keeping slots free", strategyId: "custom", fallback: false });
  });

  test("no candidates: queued without calling anyone", () => {
    let called = false;
    const spy = strategy(() => ((called = true), { queue: true, reason: "x" }));
    const decision = safePick(spy, { ...input({}), candidates: [] }, fallback, { timeoutMs: 50, logger: recordingLogger() });
    expect(decision).toMatchObject({ queue: true });
    expect(called).toBe(false);
  });
});

describe("a misbehaving strategy is logged and replaced by least-busy for that call", () => {
  const cases: Array<[string, (input: RoutingInput) => unknown, string]> = [
    ["throws", () => { throw new Error("database of moods unavailable"); }, "Error: database of moods unavailable"],
    ["picks someone who is not a candidate", () => ({ operatorId: "zoe", reason: "zoe is great" }), 'picked operator "zoe", who is not among the 2 candidates'],
    ["returns nothing", () => undefined, "pick returned nothing instead of a decision"],
    ["returns a decision without a reason", () => ({ operatorId: "ann" }), "the decision has no reason (got nothing)"],
    ["returns both an operator and queue", () => ({ operatorId: "ann", queue: true, reason: "both" }), "a decision must have either operatorId or queue: true"],
    ["returns a Promise", async () => ({ operatorId: "ann", reason: "later" }), "pick returned a Promise: it must decide synchronously"],
  ];
  for (const [what, pick, problem] of cases) {
    test(what, () => {
      const logger = recordingLogger();
      const decision = safePick(strategy(pick), input({}), fallback, { timeoutMs: 50, logger });
      expect(decision).toMatchObject({ operatorId: "bob", strategyId: "least-busy", fallback: true });
      expect((decision as { reason: string }).reason).toEndWith('(strategy "custom" failed)');
      const line = logger.lines.find((l) => l.level === "error")!;
      expect(line.msg).toBe("routing strategy failed; using the built-in fallback");
      expect(String(line.fields.problem)).toContain(problem);
      expect(line.fields).toMatchObject({ plugin: "custom", conversationId: "c1" });
    });
  }

  test("a strategy that edits its input in place cannot change the core's candidates", () => {
    const before = JSON.stringify(candidates);
    const editing = strategy(({ candidates: list }) => {
      (list as unknown as Array<{ activeConversations: number }>).sort(() => -1)[0]!.activeConversations = 99;
      (list[0]!.skills as string[]).push("hacked");
      return { operatorId: "ann", reason: "edited" };
    });
    expect(safePick(editing, input({}), fallback, { timeoutMs: 50, logger: recordingLogger() })).toMatchObject({ operatorId: "ann", fallback: false });
    expect(JSON.stringify(candidates)).toBe(before);
  });

  test("if even the fallback fails, the conversation stays queued", () => {
    const brokenFallback: BoundStrategy = { strategy: strategy(() => { throw new Error("no"); }), options: {} };
    const decision = safePick(strategy(() => null), input({}), brokenFallback, { timeoutMs: 50, logger: recordingLogger() });
    expect(decision).toMatchObject({ queue: true, fallback: true });
    expect((decision as { reason: string }).reason).toStartWith("routing failed, kept in the queue");
  });
});

describe("slow strategies", () => {
  test("a slow call is logged but its decision is used", () => {
    const { clock, timer } = stopwatch();
    const logger = recordingLogger();
    const slow = strategy(() => (clock.advance(120), { operatorId: "ann", reason: "thought hard" }));
    const decision = safePick(slow, input({}), fallback, { timeoutMs: 50, logger, timer });
    expect(decision).toMatchObject({ operatorId: "ann", fallback: false });
    expect(logger.lines).toEqual([{ level: "warn", msg: "routing strategy is slow", fields: { plugin: "custom", call: "pick", conversationId: "c1", elapsedMs: 120, limitMs: 50 } }]);
  });

  test("after three slow calls in a row it is bypassed until reload; a fast call in between resets the count", () => {
    const { clock, timer } = stopwatch();
    const logger = recordingLogger();
    let delay = 0;
    let calls = 0;
    const sometimesSlow = strategy(() => (calls++, clock.advance(delay), { operatorId: "ann", reason: "ann" }));
    const guard = { timeoutMs: 50, logger, timer };
    const run = (ms: number) => ((delay = ms), safePick(sometimesSlow, input({}), fallback, guard));

    run(80);
    run(80);
    run(10); // fast: resets the streak
    run(80);
    run(80);
    expect(pluginHealth(sometimesSlow)).toMatchObject({ degraded: false, consecutiveFaults: 2, totalFaults: 4 });
    expect(run(80)).toMatchObject({ operatorId: "ann", fallback: false });
    expect(pluginHealth(sometimesSlow).degraded).toBe(true);
    expect(logger.lines.filter((l) => l.msg.startsWith("plugin degraded"))).toHaveLength(1);

    const callsBefore = calls;
    const bypassed: RoutingDecision = run(0);
    expect(bypassed).toMatchObject({ operatorId: "bob", strategyId: "least-busy", fallback: true });
    expect(calls).toBe(callsBefore);
  });

  test("repeated failures degrade the strategy too, so a broken plugin does not flood the log", () => {
    const logger = recordingLogger();
    const broken = strategy(() => { throw new Error("always"); });
    for (let i = 0; i < 10; i++) safePick(broken, input({}), fallback, { timeoutMs: 50, logger, degradeAfter: 3 });
    expect(logger.lines.filter((l) => l.msg === "routing strategy failed; using the built-in fallback")).toHaveLength(3);
    expect(pluginHealth(broken)).toMatchObject({ degraded: true, totalFaults: 3 });
  });
});
