import { expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import { MAX_TIMER_DELAY_MS, ManualTimers } from "./timer-driver";

test("manual timers fire in time order as the clock advances, including timers armed by callbacks", async () => {
  const clock = new ManualClock(0);
  const timers = new ManualTimers(clock);
  const seen: [string, number][] = [];
  timers.set(() => seen.push(["b", clock.now()]), 20);
  timers.set(() => {
    seen.push(["a", clock.now()]);
    timers.set(() => seen.push(["a2", clock.now()]), 5);
  }, 10);
  const cleared = timers.set(() => seen.push(["never", clock.now()]), 12);
  timers.clear(cleared);
  await timers.advance(30);
  expect(seen).toEqual([["a", 10], ["a2", 15], ["b", 20]]);
  expect(clock.now()).toBe(30);
  expect(timers.pending).toBe(0);
});

test("manual timers reject delays real setTimeout would mishandle", () => {
  const timers = new ManualTimers(new ManualClock(0));
  expect(() => timers.set(() => {}, MAX_TIMER_DELAY_MS + 1)).toThrow(RangeError);
  expect(() => timers.set(() => {}, -1)).toThrow(RangeError);
  expect(() => timers.set(() => {}, Number.NaN)).toThrow(RangeError);
});
