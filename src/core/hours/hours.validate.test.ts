import { expect, test } from "bun:test";
import type { OpeningHoursConfig } from "../../config/schema";
import { openingHoursProblems } from "./hours.validate";

test("a valid schedule, including 00:00–24:00 and overnight ranges, has no problems", () => {
  const hours: OpeningHoursConfig = {
    timezone: "Europe/Paris",
    weekly: { monday: [{ from: "00:00", to: "24:00" }], friday: [{ from: "22:00", to: "06:00" }] },
    exceptions: [{ date: "2026-12-25", hours: [] }],
  };
  expect(openingHoursProblems(hours, "openingHours")).toEqual([]);
});

test("reports each problem with its key path", () => {
  const hours: OpeningHoursConfig = {
    timezone: "Europe/Pariss",
    weekly: { tuesday: [{ from: "09:00", to: "12:00" }, { from: "13:00", to: "13:00" }], sunday: [{ from: "24:00", to: "02:00" }] },
    exceptions: [
      { date: "2026-02-30", hours: [] },
      { date: "2026-12-25", hours: [] },
      { date: "2026-12-25", hours: [] },
    ],
  };
  expect(openingHoursProblems(hours, "departments.1.openingHours")).toEqual([
    { path: "departments.1.openingHours.timezone", message: 'unknown timezone "Europe/Pariss" (use an IANA name such as Europe/Paris)' },
    { path: "departments.1.openingHours.weekly.tuesday.1", message: "empty range 13:00-13:00 (write 00:00-24:00 for a whole day)" },
    { path: "departments.1.openingHours.weekly.sunday.0.from", message: '"24:00" can only end a range' },
    { path: "departments.1.openingHours.exceptions.0.date", message: '"2026-02-30" is not a calendar date' },
    { path: "departments.1.openingHours.exceptions.2.date", message: "2026-12-25 is listed twice" },
  ]);
});
