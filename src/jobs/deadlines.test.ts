import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../core/clock";
import { deadlineKey } from "../core/timers/timeouts.model";
import { createLogger } from "../observability/logger";
import { openDatabase, type OpenDatabase } from "../storage/db";
import { createDeadlineRepository } from "../storage/repositories/deadline.repository";
import type { DueDeadline } from "./deadline.model";
import { DeadlineScheduler } from "./deadlines";
import { MAX_TIMER_DELAY_MS, ManualTimers } from "./timer-driver";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const SECOND = 1000;
const DAY = 86_400_000;
const opened: OpenDatabase[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scheduler over a real (in-memory or file) database, fake timers and a handler that records what fired and when. */
function setup(file: string | ":memory:" = ":memory:", clock = new ManualClock(T0)) {
  const db = openDatabase(file);
  opened.push(db);
  const timers = new ManualTimers(clock);
  const lines: string[] = [];
  const logger = createLogger({ sink: (l) => lines.push(l), clock });
  const scheduler = new DeadlineScheduler({ store: createDeadlineRepository(db.db), clock, timers, logger, retry: { baseMs: SECOND, maxMs: 8 * SECOND } });
  const fired: { key: string; at: number; deadline: DueDeadline }[] = [];
  const handler = (d: DueDeadline) => void fired.push({ key: d.key, at: clock.now(), deadline: d });
  return { db, clock, timers, scheduler, fired, handler, lines };
}

describe("DeadlineScheduler", () => {
  test("fires in due order, each at its own time, then forgets it", async () => {
    const { scheduler, timers, fired, handler } = setup();
    scheduler.start(handler);
    scheduler.set("c", "k", T0 + 30 * SECOND);
    scheduler.set("a", "k", T0 + 10 * SECOND, { n: 1 });
    scheduler.set("b", "k", T0 + 20 * SECOND);
    await timers.advance(15 * SECOND);
    expect(fired.map((f) => f.key)).toEqual(["a"]);
    expect(fired[0]!.deadline).toEqual({ key: "a", kind: "k", conversationId: null, dueAt: T0 + 10 * SECOND, payload: { n: 1 }, attempts: 0 });
    await timers.advance(60 * SECOND);
    expect(fired.map((f) => [f.key, f.at - T0])).toEqual([["a", 10_000], ["b", 20_000], ["c", 30_000]]);
    expect(scheduler.size).toBe(0);
  });

  test("deadlines due at the same instant fire in key order", async () => {
    const { scheduler, timers, fired, handler } = setup();
    scheduler.start(handler);
    for (const key of ["z", "m", "a"]) scheduler.set(key, "k", T0 + SECOND);
    await timers.advance(SECOND);
    expect(fired.map((f) => f.key)).toEqual(["a", "m", "z"]);
  });

  test("setting a key again moves it (upsert), earlier or later", async () => {
    const { scheduler, timers, fired, handler } = setup();
    scheduler.start(handler);
    scheduler.set("x", "k", T0 + 10 * SECOND, "first");
    scheduler.set("y", "k", T0 + 20 * SECOND);
    scheduler.set("x", "k", T0 + 30 * SECOND, "moved later");
    await timers.advance(25 * SECOND);
    expect(fired.map((f) => f.key)).toEqual(["y"]);
    scheduler.set("x", "k", T0 + 26 * SECOND, "moved earlier");
    await timers.advance(10 * SECOND);
    expect(fired.map((f) => [f.key, f.at - T0, f.deadline.payload])).toEqual([["y", 20_000, null], ["x", 26_000, "moved earlier"]]);
  });

  test("cancel and cancelForConversation remove deadlines before they fire", async () => {
    const { scheduler, timers, fired, handler } = setup();
    scheduler.start(handler);
    scheduler.set("solo", "k", T0 + SECOND);
    scheduler.set(deadlineKey("c1", "visitor-reminder"), "visitor-reminder", T0 + 2 * SECOND, null, "c1");
    scheduler.set(deadlineKey("c1", "auto-transfer"), "auto-transfer", T0 + 3 * SECOND, null, "c1");
    scheduler.set(deadlineKey("c2", "auto-transfer"), "auto-transfer", T0 + 4 * SECOND, null, "c2");
    expect(scheduler.cancel("solo")).toBe(true);
    expect(scheduler.cancel("solo")).toBe(false);
    expect(scheduler.cancelForConversation("c1")).toBe(2);
    await timers.advance(10 * SECOND);
    expect(fired.map((f) => f.key)).toEqual([deadlineKey("c2", "auto-transfer")]);
    expect(fired[0]!.deadline.conversationId).toBe("c2");
  });

  test("holds one timer, however many deadlines", async () => {
    const { scheduler, timers, handler } = setup();
    scheduler.start(handler);
    for (let i = 0; i < 50; i++) scheduler.set(`k${i}`, "k", T0 + (50 - i) * SECOND);
    expect(timers.pending).toBe(1);
    expect(timers.nextAt).toBe(T0 + SECOND);
  });

  test("a restart restores deadlines from the database and fires the overdue ones immediately", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-deadlines-"));
    dirs.push(dir);
    const file = join(dir, "parley.db");
    const before = setup(file);
    before.scheduler.start(before.handler);
    before.scheduler.set("overdue", "visitor-inactivity-end", T0 + 60 * SECOND, { reason: "silence" }, "c9");
    before.scheduler.set("later", "auto-transfer", T0 + 3_600 * SECOND);
    await before.scheduler.stop();
    before.db.close();

    // the process was down for ten minutes
    const clock = new ManualClock(T0 + 600 * SECOND);
    const after = setup(file, clock);
    after.scheduler.start(after.handler);
    await after.timers.advance(0);
    expect(after.fired.map((f) => [f.key, f.at - T0, f.deadline.payload])).toEqual([["overdue", 600_000, { reason: "silence" }]]);
    await after.timers.advance(3_600 * SECOND);
    expect(after.fired.map((f) => [f.key, f.at - T0])).toEqual([["overdue", 600_000], ["later", 3_600_000]]);
  });

  test("a failing handler is retried with growing backoff, then removed once it succeeds", async () => {
    const { scheduler, timers, clock, lines } = setup();
    const attempts: [number, number][] = [];
    scheduler.start((d) => {
      attempts.push([clock.now() - T0, d.attempts]);
      if (d.attempts < 5) throw new Error("database busy");
    });
    scheduler.set("flaky", "k", T0 + SECOND);
    await timers.advance(60 * SECOND);
    // due at 1 s, then retries after 1, 2, 4, 8 (cap), 8 s
    expect(attempts).toEqual([[1_000, 0], [2_000, 1], [4_000, 2], [8_000, 3], [16_000, 4], [24_000, 5]]);
    expect(scheduler.size).toBe(0);
    expect(lines.filter((l) => l.includes("deadline handler failed")).length).toBe(5);
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes("database busy"))).toBe(true);
  });

  test("a failing deadline does not hold back the others", async () => {
    const { scheduler, timers, fired, clock } = setup();
    scheduler.start((d) => {
      if (d.key === "bad") throw new Error("boom");
      fired.push({ key: d.key, at: clock.now(), deadline: d });
    });
    scheduler.set("bad", "k", T0 + SECOND);
    scheduler.set("good", "k", T0 + SECOND);
    await timers.advance(SECOND);
    expect(fired.map((f) => f.key)).toEqual(["good"]);
  });

  test("re-setting a key while its handler runs keeps the new deadline", async () => {
    const { scheduler, timers, fired, clock } = setup();
    scheduler.start((d) => {
      fired.push({ key: d.key, at: clock.now(), deadline: d });
      if (d.payload === "again") scheduler.set("loop", "k", clock.now() + 5 * SECOND, "done");
    });
    scheduler.set("loop", "k", T0 + SECOND, "again");
    await timers.advance(SECOND);
    expect(scheduler.size).toBe(1);
    await timers.advance(10 * SECOND);
    expect(fired.map((f) => [f.at - T0, f.deadline.payload])).toEqual([[1_000, "again"], [6_000, "done"]]);
    expect(scheduler.size).toBe(0);
  });

  test("deadlines months away never overflow setTimeout and fire on time", async () => {
    const { scheduler, timers, fired, handler } = setup();
    scheduler.start(handler);
    scheduler.set("far", "k", T0 + 90 * DAY);
    expect(timers.nextAt).toBe(T0 + MAX_TIMER_DELAY_MS);
    await timers.advance(89 * DAY);
    expect(fired).toEqual([]);
    await timers.advance(DAY);
    expect(fired.map((f) => f.at)).toEqual([T0 + 90 * DAY]);
  });

  test("nothing fires before start or after stop", async () => {
    const { scheduler, timers, fired, handler } = setup();
    scheduler.set("early", "k", T0 + SECOND);
    await timers.advance(5 * SECOND);
    expect(fired).toEqual([]);
    scheduler.start(handler);
    await timers.advance(0);
    expect(fired.map((f) => f.key)).toEqual(["early"]);
    await scheduler.stop();
    scheduler.set("after-stop", "k", T0 + 10 * SECOND);
    await timers.advance(60 * SECOND);
    expect(fired.map((f) => f.key)).toEqual(["early"]);
    expect(scheduler.size).toBe(1);
  });

  test("syncConversation applies only the difference", async () => {
    const { scheduler } = setup();
    expect(scheduler.syncConversation("c1", [{ kind: "visitor-inactivity-end", dueAt: T0 + 100 }, { kind: "auto-transfer", dueAt: T0 + 50 }])).toEqual({ set: 2, cancelled: 0 });
    expect(scheduler.syncConversation("c1", [{ kind: "visitor-inactivity-end", dueAt: T0 + 100 }, { kind: "reengagement", dueAt: T0 + 70, payload: { n: 1 } }])).toEqual({ set: 1, cancelled: 1 });
    expect(scheduler.listForConversation("c1")).toEqual([{ kind: "reengagement", dueAt: T0 + 70 }, { kind: "visitor-inactivity-end", dueAt: T0 + 100 }]);
    expect(scheduler.cancel(deadlineKey("c1", "reengagement"))).toBe(true);
    expect(scheduler.size).toBe(1);
  });

  test("thousands of deadlines fire exactly once each, in order", async () => {
    const { scheduler, timers, fired, handler } = setup();
    scheduler.start(handler);
    const n = 3_000;
    // pseudo-random but deterministic due times over one hour
    for (let i = 0; i < n; i++) scheduler.set(`k${String(i).padStart(5, "0")}`, "k", T0 + ((i * 7919) % 3_600) * SECOND);
    await timers.advance(3_600 * SECOND);
    expect(fired.length).toBe(n);
    expect(new Set(fired.map((f) => f.key)).size).toBe(n);
    const dues = fired.map((f) => f.deadline.dueAt);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(fired.every((f) => f.at === f.deadline.dueAt)).toBe(true);
    expect(scheduler.size).toBe(0);
  });
});
