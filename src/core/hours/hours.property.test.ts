import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { WEEKDAYS, type OpeningHoursConfig, type TimeRange } from "../../config/schema";
import { currentWindowEnd, isOpen, nextHoursTransition, nextOpening } from "./hours.service";

const DST_ZONES = ["Europe/Paris", "America/New_York", "Australia/Sydney"] as const;
const FIXED_ZONES = ["UTC", "Asia/Kolkata", "Asia/Tokyo"] as const;
/** Instants around which DST switches happen in the zones above, so generated times cluster where bugs live. */
const TRANSITIONS = ["2026-03-08T07:00Z", "2026-03-29T01:00Z", "2026-04-04T16:00Z", "2026-10-03T16:00Z", "2026-10-25T01:00Z", "2026-11-01T06:00Z"].map(Date.parse);
const START = Date.parse("2026-01-01T00:00:00Z");
const DAY = 86_400_000;

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A range whose boundaries come from `minutes` (distinct `from`/`to`; `to < from` is overnight; 1440 is "24:00"). */
const rangeFrom = (minutes: fc.Arbitrary<number>): fc.Arbitrary<TimeRange> =>
  fc
    .tuple(minutes.filter((m) => m < 1440), minutes)
    .filter(([from, to]) => from !== to && !(from === 0 && to === 0))
    .map(([from, to]) => ({ from: hhmm(from), to: hhmm(to) }));

const scheduleFrom = (zones: readonly string[], minutes: fc.Arbitrary<number>): fc.Arbitrary<OpeningHoursConfig> => {
  const day = fc.array(rangeFrom(minutes), { maxLength: 3 });
  return fc.record({
    timezone: fc.constantFrom(...zones),
    weekly: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, day])) as Record<(typeof WEEKDAYS)[number], typeof day>, { requiredKeys: [] }),
    exceptions: fc.uniqueArray(
      fc.record({ date: fc.integer({ min: 0, max: 400 }).map((n) => new Date(START + n * DAY).toISOString().slice(0, 10)), hours: day }),
      { maxLength: 4, selector: (e) => e.date },
    ),
  });
};

/** Any quarter hour of the day, and 24:00. */
const anyQuarter = fc.integer({ min: 0, max: 96 }).map((q) => q * 15);
/** Quarter hours that avoid the 01:00–03:59 band where DST wall times are skipped or repeated (00:00 and 24:00 kept). */
const safeQuarter = fc.oneof(fc.constant(0), fc.integer({ min: 16, max: 96 }).map((q) => q * 15));

const QUARTER = 900_000;
const instant = fc.oneof(
  fc.integer({ min: START, max: START + 450 * DAY }),
  // exactly on (or 1 ms before) a quarter hour, where range boundaries fall
  fc.tuple(fc.integer({ min: 0, max: 450 * 96 }), fc.constantFrom(0, -1)).map(([q, d]) => START + q * QUARTER + d),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([t, d]) => t + d),
);

/** An independent oracle: the wall clock read through Intl (not Temporal), checked against the ranges as written. */
function wallClockOpen(hours: OpeningHoursConfig, at: number): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: hours.timezone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  const yesterday = new Date(Date.parse(`${date}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
  const rangesOf = (d: string) => {
    const exception = hours.exceptions.find((e) => e.date === d);
    if (exception) return exception.hours;
    const weekday = WEEKDAYS[(new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7]!;
    return hours.weekly[weekday] ?? [];
  };
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  const today = rangesOf(date).some((r) => (m(r.to) > m(r.from) ? minute >= m(r.from) && minute < m(r.to) : minute >= m(r.from)));
  const spill = rangesOf(yesterday).some((r) => m(r.to) < m(r.from) && minute < m(r.to));
  return today || spill;
}

describe("opening hours properties", () => {
  test("isOpen matches the wall clock read independently (boundaries outside DST-ambiguous hours)", () => {
    const schedule = fc.oneof(scheduleFrom(DST_ZONES, safeQuarter), scheduleFrom(FIXED_ZONES, anyQuarter));
    fc.assert(
      fc.property(schedule, instant, (hours, at) => {
        expect(isOpen(hours, at)).toBe(wallClockOpen(hours, at));
      }),
      { numRuns: 2000 },
    );
  });

  test("isOpen, currentWindowEnd, nextOpening and nextHoursTransition agree, DST included", () => {
    fc.assert(
      fc.property(scheduleFrom([...DST_ZONES, ...FIXED_ZONES], anyQuarter), instant, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (hours, at, r) => {
        const open = isOpen(hours, at);
        const end = currentWindowEnd(hours, at);
        const next = nextOpening(hours, at);
        expect(end !== null).toBe(open);
        expect(next === at).toBe(open);
        if (open) {
          expect(end!).toBeGreaterThan(at);
          if (Number.isFinite(end)) {
            expect(isOpen(hours, end! - 1)).toBe(true);
            expect(isOpen(hours, end!)).toBe(false);
            expect(isOpen(hours, at + Math.floor((end! - at) * r))).toBe(true);
            expect(nextHoursTransition(hours, at)).toEqual({ at: end!, kind: "closed" });
          } else expect(nextHoursTransition(hours, at)).toBeNull();
        } else if (next !== null) {
          expect(next).toBeGreaterThan(at);
          expect(isOpen(hours, next)).toBe(true);
          expect(isOpen(hours, next - 1)).toBe(false);
          expect(isOpen(hours, at + Math.floor((next - at) * r))).toBe(false);
          expect(nextHoursTransition(hours, at)).toEqual({ at: next, kind: "opened" });
        } else {
          expect(nextHoursTransition(hours, at)).toBeNull();
          expect(isOpen(hours, at + Math.floor(60 * DAY * r))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
