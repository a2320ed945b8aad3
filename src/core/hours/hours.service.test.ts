import { describe, expect, test } from "bun:test";
import type { OpeningHoursConfig } from "../../config/schema";
import { acceptsNewConversations, currentWindowEnd, isOpen, nextHoursTransition, nextOpening } from "./hours.service";

/** Instants are written as ISO strings with explicit offsets, so expectations do not depend on the code under test. */
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

const weekdays9to18 = (timezone: string, extra: Partial<OpeningHoursConfig> = {}): OpeningHoursConfig => ({
  timezone,
  weekly: {
    monday: [{ from: "09:00", to: "18:00" }],
    tuesday: [{ from: "09:00", to: "18:00" }],
    wednesday: [{ from: "09:00", to: "18:00" }],
    thursday: [{ from: "09:00", to: "18:00" }],
    friday: [{ from: "09:00", to: "18:00" }],
  },
  exceptions: [],
  ...extra,
});

const paris = weekdays9to18("Europe/Paris", {
  exceptions: [
    { date: "2026-12-25", name: "Christmas", hours: [] },
    { date: "2026-12-24", name: "Christmas Eve", hours: [{ from: "10:00", to: "14:00" }] },
  ],
});

/** Sundays 00:00–12:00 and 13:00–16:00: the morning window spans the DST switch at 02:00/03:00. */
const sundays = (timezone: string): OpeningHoursConfig => ({
  timezone,
  weekly: { sunday: [{ from: "00:00", to: "12:00" }, { from: "13:00", to: "16:00" }] },
  exceptions: [],
});

/** Friday evening to Saturday night written as touching ranges, plus a real overnight range on Tuesday. */
const nights: OpeningHoursConfig = {
  timezone: "Europe/Paris",
  weekly: {
    tuesday: [{ from: "22:00", to: "06:00" }],
    friday: [{ from: "18:00", to: "24:00" }],
    saturday: [{ from: "00:00", to: "02:00" }],
  },
  exceptions: [],
};

const always: OpeningHoursConfig = {
  timezone: "UTC",
  weekly: Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((d) => [d, [{ from: "00:00", to: "24:00" }]])),
  exceptions: [{ date: "2026-07-14", hours: [] }],
};

const never: OpeningHoursConfig = { timezone: "UTC", weekly: {}, exceptions: [] };

describe("isOpen", () => {
  test.each([
    ["weekday before opening", paris, "2026-01-05T08:59:59+01:00", false],
    ["opening minute is inclusive", paris, "2026-01-05T09:00:00+01:00", true],
    ["last minute before closing", paris, "2026-01-05T17:59:59+01:00", true],
    ["closing minute is exclusive", paris, "2026-01-05T18:00:00+01:00", false],
    ["weekend closed", paris, "2026-01-10T12:00:00+01:00", false],
    ["summer time shifts the UTC hours (09:00 CEST = 07:00Z)", paris, "2026-06-01T07:00:00Z", true],
    ["…and 08:00Z in winter is 09:00 CET", paris, "2026-01-05T07:30:00Z", false],
    ["holiday with hours [] is closed", paris, "2026-12-25T11:00:00+01:00", false],
    ["special-hours exception opens late", paris, "2026-12-24T09:30:00+01:00", false],
    ["special-hours exception open", paris, "2026-12-24T13:59:00+01:00", true],
    ["special-hours exception closes early", paris, "2026-12-24T14:00:00+01:00", false],
    ["weekday is taken in the hours' timezone, not UTC (Mon 09:30 Tokyo is Sun UTC)", weekdays9to18("Asia/Tokyo"), "2026-01-05T09:30:00+09:00", true],
    ["range ending 24:00 includes 23:59", nights, "2026-01-09T23:59:59+01:00", true],
    ["the next day's 00:00 range continues it", nights, "2026-01-10T01:00:00+01:00", true],
    ["…until 02:00", nights, "2026-01-10T02:00:00+01:00", false],
    ["overnight range, evening part", nights, "2026-01-06T23:00:00+01:00", true],
    ["overnight range, next-morning part", nights, "2026-01-07T05:59:00+01:00", true],
    ["overnight range ends at its 'to'", nights, "2026-01-07T06:00:00+01:00", false],
    ["a schedule with no ranges is never open", never, "2026-01-05T12:00:00Z", false],
    ["no schedule at all is always open", null, "2026-01-10T03:00:00Z", true],
  ] as const)("%s", (_name, hours, iso, expected) => {
    expect(isOpen(hours, at(iso))).toBe(expected);
  });
});

describe("DST days", () => {
  test.each([
    // Europe/Paris: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
    ["Paris spring-forward: 00:00–12:00 lasts 11 h", "Europe/Paris", "2026-03-29T00:00:00+01:00", "2026-03-29T12:00:00+02:00", 11],
    ["Paris fall-back: 00:00–12:00 lasts 13 h", "Europe/Paris", "2026-10-25T00:00:00+02:00", "2026-10-25T12:00:00+01:00", 13],
    // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    ["New York spring-forward: 11 h", "America/New_York", "2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00", 11],
    ["New York fall-back: 13 h", "America/New_York", "2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00", 13],
  ] as const)("%s", (_name, tz, open, close, hoursLong) => {
    const hours = sundays(tz);
    expect(nextOpening(hours, at(open) - HOUR)).toBe(at(open));
    expect(currentWindowEnd(hours, at(open))).toBe(at(close));
    expect((at(close) - at(open)) / HOUR).toBe(hoursLong);
  });

  test("a 09:00–18:00 window on a DST day stays 9 real hours, at the new offset", () => {
    const hours: OpeningHoursConfig = { timezone: "Europe/Paris", weekly: { sunday: [{ from: "09:00", to: "18:00" }] }, exceptions: [] };
    expect(nextOpening(hours, at("2026-03-29T00:00:00Z"))).toBe(at("2026-03-29T07:00:00Z"));
    expect(currentWindowEnd(hours, at("2026-03-29T07:00:00Z"))).toBe(at("2026-03-29T16:00:00Z"));
    expect(nextOpening(hours, at("2026-03-22T00:00:00Z"))).toBe(at("2026-03-22T08:00:00Z"));
  });

  test("02:30 does not exist on spring-forward day: a window starting then opens at 03:30 CEST", () => {
    const hours: OpeningHoursConfig = { timezone: "Europe/Paris", weekly: { sunday: [{ from: "02:30", to: "05:00" }] }, exceptions: [] };
    expect(nextOpening(hours, at("2026-03-29T00:00:00+01:00"))).toBe(at("2026-03-29T03:30:00+02:00"));
    expect(isOpen(hours, at("2026-03-29T03:00:00+02:00"))).toBe(false);
    expect(currentWindowEnd(hours, at("2026-03-29T03:30:00+02:00"))).toBe(at("2026-03-29T05:00:00+02:00"));
  });

  test("skipped wall times move forward by the gap, like calendar apps: 02:10–02:50 happens 03:10–03:50", () => {
    const hours: OpeningHoursConfig = { timezone: "Europe/Paris", weekly: { sunday: [{ from: "02:10", to: "02:50" }] }, exceptions: [] };
    expect(nextOpening(hours, at("2026-03-29T00:00:00+01:00"))).toBe(at("2026-03-29T03:10:00+02:00"));
    expect(currentWindowEnd(hours, at("2026-03-29T03:10:00+02:00"))).toBe(at("2026-03-29T03:50:00+02:00"));
  });

  test("a range from inside the gap to the wall time it jumps to (02:30–03:00) does not happen that day", () => {
    const hours: OpeningHoursConfig = { timezone: "Europe/Paris", weekly: { sunday: [{ from: "02:30", to: "03:00" }] }, exceptions: [] };
    expect(nextOpening(hours, at("2026-03-29T00:00:00+01:00"))).toBe(at("2026-04-05T02:30:00+02:00"));
  });

  test("fall-back repeated hour: a boundary at 01:30 New York means its first occurrence (EDT)", () => {
    const hours: OpeningHoursConfig = { timezone: "America/New_York", weekly: { sunday: [{ from: "00:30", to: "01:30" }] }, exceptions: [] };
    expect(currentWindowEnd(hours, at("2026-11-01T00:45:00-04:00"))).toBe(at("2026-11-01T01:30:00-04:00"));
    expect(isOpen(hours, at("2026-11-01T01:15:00-05:00"))).toBe(false); // the second 01:15, after the window ended
  });

  test("an overnight shift across fall-back lasts one hour more", () => {
    const hours: OpeningHoursConfig = { timezone: "Europe/Paris", weekly: { saturday: [{ from: "22:00", to: "06:00" }] }, exceptions: [] };
    const start = nextOpening(hours, at("2026-10-24T12:00:00Z"))!;
    expect(start).toBe(at("2026-10-24T22:00:00+02:00"));
    expect((currentWindowEnd(hours, start)! - start) / HOUR).toBe(9);
  });
});

describe("currentWindowEnd and nextOpening", () => {
  test.each([
    ["closed → no window end", paris, "2026-01-05T19:00:00+01:00", null],
    ["open weekday ends at 18:00", paris, "2026-01-05T10:00:00+01:00", "2026-01-05T18:00:00+01:00"],
    ["touching ranges across midnight are one window", nights, "2026-01-09T20:00:00+01:00", "2026-01-10T02:00:00+01:00"],
    ["overnight range ends next morning", nights, "2026-01-06T22:30:00+01:00", "2026-01-07T06:00:00+01:00"],
    ["24/7 ends only at the holiday", always, "2026-07-10T12:00:00Z", "2026-07-14T00:00:00Z"],
  ] as const)("window end: %s", (_name, hours, iso, expected) => {
    expect(currentWindowEnd(hours, at(iso))).toBe(expected === null ? null : at(expected));
  });

  test("24/7 after the last holiday never ends; no schedule never ends", () => {
    expect(currentWindowEnd(always, at("2026-07-15T00:00:00Z"))).toBe(Number.POSITIVE_INFINITY);
    expect(currentWindowEnd(null, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  test.each([
    ["open now → now", paris, "2026-01-05T10:00:00+01:00", "2026-01-05T10:00:00+01:00"],
    ["Friday evening → Monday 09:00", paris, "2026-01-09T19:00:00+01:00", "2026-01-12T09:00:00+01:00"],
    ["Christmas Eve after 14:00 skips the Christmas holiday", paris, "2026-12-24T15:00:00+01:00", "2026-12-28T09:00:00+01:00"],
    ["after the 24/7 holiday → next midnight", always, "2026-07-14T08:00:00Z", "2026-07-15T00:00:00Z"],
    ["never open → null", never, "2026-01-05T10:00:00Z", null],
  ] as const)("next opening: %s", (_name, hours, iso, expected) => {
    expect(nextOpening(hours, at(iso))).toBe(expected === null ? null : at(expected));
  });

  test("an exception far beyond a week is still found", () => {
    const hours: OpeningHoursConfig = { timezone: "UTC", weekly: {}, exceptions: [{ date: "2027-03-01", hours: [{ from: "10:00", to: "11:00" }] }] };
    expect(nextOpening(hours, at("2026-01-05T00:00:00Z"))).toBe(at("2027-03-01T10:00:00Z"));
    expect(nextOpening(hours, at("2027-03-01T11:00:00Z"))).toBeNull();
  });
});

describe("acceptsNewConversations", () => {
  test.each([
    ["open, well before closure", "2026-01-05T17:00:00+01:00", 30, true],
    ["one minute before the closure margin", "2026-01-05T17:29:00+01:00", 30, true],
    ["exactly at end − N the queue is closed", "2026-01-05T17:30:00+01:00", 30, false],
    ["inside the margin", "2026-01-05T17:45:00+01:00", 30, false],
    ["N = 0 accepts until the window closes", "2026-01-05T17:59:00+01:00", 0, true],
    ["closed", "2026-01-05T18:30:00+01:00", 0, false],
  ] as const)("%s", (_name, iso, minutes, expected) => {
    expect(acceptsNewConversations(paris, at(iso), minutes)).toBe(expected);
  });

  test("the margin counts to the end of the merged window, not of one range", () => {
    expect(acceptsNewConversations(nights, at("2026-01-09T23:50:00+01:00"), 60)).toBe(true);
    expect(acceptsNewConversations(nights, at("2026-01-10T01:10:00+01:00"), 60)).toBe(false);
  });

  test("no schedule always accepts", () => {
    expect(acceptsNewConversations(null, 0, 60)).toBe(true);
  });
});

describe("nextHoursTransition", () => {
  test.each([
    ["closed → opened", "2026-01-05T07:00:00+01:00", 30, "2026-01-05T09:00:00+01:00", "opened"],
    ["open → queue-closed at end − N", "2026-01-05T09:00:00+01:00", 30, "2026-01-05T17:30:00+01:00", "queue-closed"],
    ["at the queue closure → closed", "2026-01-05T17:30:00+01:00", 30, "2026-01-05T18:00:00+01:00", "closed"],
    ["N = 0 → straight to closed", "2026-01-05T09:00:00+01:00", 0, "2026-01-05T18:00:00+01:00", "closed"],
    ["at closing → next opening", "2026-01-05T18:00:00+01:00", 30, "2026-01-06T09:00:00+01:00", "opened"],
  ] as const)("%s", (_name, iso, minutes, expectedAt, kind) => {
    expect(nextHoursTransition(paris, at(iso), minutes)).toEqual({ at: at(expectedAt), kind });
  });

  test("nothing ever changes without a schedule, for 24/7 or for a never-open schedule", () => {
    expect(nextHoursTransition(null, 0)).toBeNull();
    expect(nextHoursTransition(always, at("2026-08-01T00:00:00Z"))).toBeNull();
    expect(nextHoursTransition(never, 0)).toBeNull();
  });
});
