import { describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { ManualClock } from "../core/clock";
import { ConfigSchema, type Config, type OpeningHoursConfig } from "../config/schema";
import { createLogger } from "../observability/logger";
import { HoursTransitionWatcher, type HoursTransitionEvent, type HoursWatchConfig } from "./hours-transition.job";
import { ManualTimers } from "./timer-driver";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const weekdays = (timezone: string, from: string, to: string): OpeningHoursConfig => ({
  timezone,
  weekly: Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday"].map((d) => [d, [{ from, to }]])),
  exceptions: [],
});
const everyDay = (timezone: string, from: string, to: string): OpeningHoursConfig => ({
  ...weekdays(timezone, from, to),
  weekly: Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((d) => [d, [{ from, to }]])),
});
const operator = (id: string, shift?: OpeningHoursConfig): Config["operators"][number] => ({
  id,
  name: id,
  email: `${id}@example.com`,
  role: "operator",
  departments: [],
  skills: [],
  receivesOfflineMessages: false,
  ...(shift ? { shift } : {}),
});

function setup(start = "2026-01-05T07:00:00+01:00") {
  const config: { current: HoursWatchConfig } = {
    current: {
      openingHours: weekdays("Europe/Paris", "09:00", "18:00"),
      departments: [{ id: "night", name: "Night desk", skills: [], openingHours: everyDay("UTC", "20:00", "23:00") }, { id: "plain", name: "Plain", skills: [] }],
      operators: [operator("ana", weekdays("Europe/Paris", "08:00", "12:00")), operator("bob")],
      timeouts: { ...(Value.Default(ConfigSchema.properties.timeouts, {}) as Config["timeouts"]), queueClosureBeforeEndMinutes: 30 },
    },
  };
  const clock = new ManualClock(at(start));
  const timers = new ManualTimers(clock);
  const lines: string[] = [];
  const watcher = new HoursTransitionWatcher({ config: () => config.current, clock, timers, logger: createLogger({ sink: (l) => lines.push(l) }) });
  const events: HoursTransitionEvent[] = [];
  watcher.onTransition((e) => void events.push(e));
  const brief = () => events.map((e) => [e.scope.kind === "global" ? "global" : e.scope.kind === "department" ? e.scope.departmentId : e.scope.operatorId, e.kind, new Date(e.at).toISOString(), e.open, e.acceptingNewConversations]);
  return { config, clock, timers, watcher, events, brief, lines };
}

describe("HoursTransitionWatcher", () => {
  test("announces every boundary of a day at its time, per schedule, with the state after it", async () => {
    const { watcher, timers, brief, events } = setup();
    watcher.start();
    expect(events).toEqual([]);
    await timers.advance(24 * HOUR);
    expect(brief()).toEqual([
      ["ana", "opened", "2026-01-05T07:00:00.000Z", true, true],
      ["global", "opened", "2026-01-05T08:00:00.000Z", true, true],
      ["ana", "closed", "2026-01-05T11:00:00.000Z", false, false],
      ["global", "queue-closed", "2026-01-05T16:30:00.000Z", true, false],
      ["global", "closed", "2026-01-05T17:00:00.000Z", false, false],
      ["night", "opened", "2026-01-05T20:00:00.000Z", true, true],
      ["night", "queue-closed", "2026-01-05T22:30:00.000Z", true, false],
      ["night", "closed", "2026-01-05T23:00:00.000Z", false, false],
    ]);
    expect(events[4]!.next).toEqual({ at: at("2026-01-06T09:00:00+01:00"), kind: "opened" });
  });

  test("holds a single timer for all schedules", async () => {
    const { watcher, timers } = setup();
    watcher.start();
    expect(timers.pending).toBe(1);
    expect(timers.nextAt).toBe(at("2026-01-05T08:00:00+01:00"));
  });

  test("after a long suspension, each schedule reports once, with its latest boundary and current state", async () => {
    const { watcher, timers, clock, brief } = setup();
    watcher.start();
    clock.advance(2 * 24 * HOUR + 3 * HOUR); // Wednesday 10:00 Paris, no timer ran meanwhile
    await timers.advance(0);
    expect(brief()).toEqual([
      ["global", "opened", "2026-01-07T08:00:00.000Z", true, true],
      ["night", "closed", "2026-01-06T23:00:00.000Z", false, false],
      ["ana", "opened", "2026-01-07T07:00:00.000Z", true, true],
    ]);
  });

  test("a reload that changes the current state is announced immediately", async () => {
    const { watcher, timers, config, brief } = setup("2026-01-05T10:00:00+01:00");
    watcher.start();
    config.current = { ...config.current, openingHours: { ...weekdays("Europe/Paris", "09:00", "18:00"), exceptions: [{ date: "2026-01-05", hours: [] }] } };
    watcher.refresh();
    expect(brief()).toEqual([["global", "closed", "2026-01-05T09:00:00.000Z", false, false]]);
    await timers.advance(24 * HOUR);
    expect(brief().filter(([scope]) => scope === "global")).toEqual([
      ["global", "closed", "2026-01-05T09:00:00.000Z", false, false],
      ["global", "opened", "2026-01-06T08:00:00.000Z", true, true],
    ]);
  });

  test("a schedule removed by a reload stops reporting; no schedules → no timer", async () => {
    const { watcher, timers, config, events } = setup();
    watcher.start();
    config.current = { ...config.current, openingHours: undefined, departments: [], operators: [operator("bob")] };
    watcher.refresh();
    expect(timers.pending).toBe(0);
    await timers.advance(48 * HOUR);
    expect(events).toEqual([]);
  });

  test("a failing listener is logged and does not silence the others", async () => {
    const { watcher, timers, events, lines } = setup();
    watcher.onTransition(() => {
      throw new Error("listener broke");
    });
    watcher.start();
    await timers.advance(2 * HOUR);
    expect(events.length).toBe(2);
    expect(lines.filter((l) => l.includes("listener broke")).length).toBe(2);
  });

  test("stop disarms the timer", async () => {
    const { watcher, timers, events } = setup();
    watcher.start();
    watcher.stop();
    await timers.advance(48 * HOUR);
    expect(events).toEqual([]);
    expect(timers.pending).toBe(0);
  });
});
