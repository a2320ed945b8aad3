import { describe, expect, test } from "bun:test";
import { WaitEstimator } from "./wait-estimator";

const MIN = 60_000;

describe("estimated wait", () => {
  test("no history: unknown", () => {
    expect(new WaitEstimator(5).estimate(3, 4)).toBeNull();
  });

  test.each([
    // position, serving slots, expected ms with a 6-minute average handling time
    [1, 3, 2 * MIN],
    [3, 3, 6 * MIN],
    [6, 3, 12 * MIN],
    [2, 1, 12 * MIN],
  ])("position %i with %i slots → %i ms (position × handling ÷ slots)", (position, slots, expected) => {
    const e = new WaitEstimator(5);
    e.recordHandling(4 * MIN);
    e.recordHandling(8 * MIN);
    expect(e.estimate(position, slots)).toBe(expected);
  });

  test("only the latest N samples count", () => {
    const e = new WaitEstimator(2);
    e.recordHandling(100 * MIN);
    e.recordHandling(2 * MIN);
    e.recordHandling(4 * MIN);
    expect(e.averageHandlingMs()).toBe(3 * MIN);
  });

  test("without handling samples or serving slots the recent actual waits are used", () => {
    const e = new WaitEstimator(3);
    e.recordWait(MIN);
    e.recordWait(3 * MIN);
    expect(e.estimate(5, 0)).toBe(2 * MIN);
    e.recordHandling(10 * MIN);
    expect(e.estimate(5, 0)).toBe(2 * MIN);
  });

  test("resizing keeps the most recent samples", () => {
    const e = new WaitEstimator(4);
    for (const m of [1, 2, 3, 4]) e.recordHandling(m * MIN);
    e.recordHandling(5 * MIN);
    e.resize(2);
    expect(e.averageHandlingMs()).toBe(4.5 * MIN);
    e.resize(3);
    e.recordHandling(6 * MIN);
    expect(e.averageHandlingMs()).toBe(5 * MIN);
    e.recordHandling(7 * MIN);
    expect(e.averageHandlingMs()).toBe(6 * MIN);
  });
});
