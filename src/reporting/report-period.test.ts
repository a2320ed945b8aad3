import { describe, expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import { AppError } from "../core/errors";
import { at } from "./report.fixtures";
import { resolvePeriod } from "./report-period";

const HOUR = 3600_000;

describe("report period", () => {
  test("Paris days across the spring DST change: the 29th lasts 23 hours and starts at local midnight", () => {
    const p = resolvePeriod({ from: "2026-03-28", to: "2026-03-30", timeZone: "Europe/Paris" }, at("2026-04-01T12:00:00Z"));
    expect(p.buckets.map((b) => b.key)).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    expect(p.buckets.map((b) => (b.end - b.start) / HOUR)).toEqual([24, 23, 24]);
    expect(p.buckets[0]!.start).toBe(at("2026-03-27T23:00:00Z"));
    expect(p.buckets[2]!.start).toBe(at("2026-03-29T22:00:00Z"));
    expect([p.start, p.end]).toEqual([at("2026-03-27T23:00:00Z"), at("2026-03-30T22:00:00Z")]);
  });

  test("the autumn change makes a 25-hour day", () => {
    const p = resolvePeriod({ from: "2026-10-25", to: "2026-10-25", timeZone: "Europe/Paris" }, at("2026-11-01T00:00:00Z"));
    expect((p.end - p.start) / HOUR).toBe(25);
  });

  test("weeks start on Monday, keep their Monday as key and are clipped to the period", () => {
    const p = resolvePeriod({ from: "2026-03-25", to: "2026-04-07", timeZone: "UTC", granularity: "week" }, at("2026-05-01T00:00:00Z"));
    expect(p.buckets.map((b) => b.key)).toEqual(["2026-03-23", "2026-03-30", "2026-04-06"]);
    expect(p.buckets[0]!.start).toBe(at("2026-03-25T00:00:00Z"));
    expect(p.buckets[2]!.end).toBe(at("2026-04-08T00:00:00Z"));
  });

  test("without dates: the 30 days ending today in the zone (the clock decides what today is)", () => {
    const clock = new ManualClock(at("2026-03-29T22:30:00Z")); // already the 30th in Paris, still the 29th in UTC
    expect(resolvePeriod({ timeZone: "Europe/Paris" }, clock.now())).toMatchObject({ from: "2026-03-01", to: "2026-03-30" });
    expect(resolvePeriod({ timeZone: "UTC" }, clock.now())).toMatchObject({ from: "2026-02-28", to: "2026-03-29" });
    expect(resolvePeriod({ timeZone: "UTC", to: "2026-01-31" }, clock.now())).toMatchObject({ from: "2026-01-02", to: "2026-01-31" });
  });

  test("refuses an unknown zone, an impossible date, a reversed or over-long period with request.invalid", () => {
    const now = at("2026-03-01T00:00:00Z");
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return `${(error as AppError).code}: ${(error as Error).message}`;
      }
      throw new Error("no error");
    };
    expect(reason(() => resolvePeriod({ timeZone: "Mars/Olympus" }, now))).toContain("query.tz");
    expect(reason(() => resolvePeriod({ timeZone: "UTC", from: "2026-02-30", to: "2026-03-01" }, now))).toBe('request.invalid: query.from: "2026-02-30" is not a calendar date (YYYY-MM-DD)');
    expect(reason(() => resolvePeriod({ timeZone: "UTC", from: "2026-03-02", to: "2026-03-01" }, now))).toContain("before");
    expect(reason(() => resolvePeriod({ timeZone: "UTC", from: "2025-01-01", to: "2026-01-02" }, now))).toContain("367 days");
    expect(resolvePeriod({ timeZone: "UTC", from: "2025-01-01", to: "2026-01-01" }, now).buckets).toHaveLength(366);
  });
});
