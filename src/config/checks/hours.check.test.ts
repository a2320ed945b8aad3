import { describe, expect, test } from "bun:test";
import { errorsOf, issueAt, MINIMAL, positionOf, warningsOf } from "../config.fixtures";
import { minutesOf, timezoneProblem } from "./hours.check";

const hours = (body: string) => `${MINIMAL}openingHours:\n${body}`;

describe("timezones", () => {
  test("IANA names are accepted", () => {
    expect(timezoneProblem("Europe/Paris")).toBeUndefined();
    expect(timezoneProblem("UTC")).toBeUndefined();
  });

  test("an unknown zone is an error at the timezone key", () => {
    const text = hours("  timezone: Europe/Pariss\n");
    const issue = issueAt(errorsOf(text), "openingHours.timezone");
    expect(issue.message).toBe('unknown timezone "Europe/Pariss": use an IANA name such as Europe/Paris or America/New_York');
    expect(issue).toMatchObject(positionOf(text, "Europe/Pariss"));
  });

  test("a fixed offset is refused: it would ignore daylight saving time", () => {
    expect(issueAt(errorsOf(hours('  timezone: "+01:00"\n')), "openingHours.timezone").message).toContain("is an offset");
  });

  test("department hours and operator shifts are checked too", () => {
    const text = `${MINIMAL}    shift:\n      timezone: Nowhere/City\n    departments: [sales]\ndepartments:\n  - id: sales\n    name: Sales\n    openingHours:\n      timezone: Mars/Olympus\n`;
    const errors = errorsOf(text);
    expect(issueAt(errors, "operators[0].shift.timezone").line).toBe(7);
    expect(issueAt(errors, "departments[0].openingHours.timezone").line).toBe(13);
  });
});

describe("time windows", () => {
  test("a window must end after it starts, and a night window gets a hint", () => {
    const text = hours("  weekly:\n    monday:\n      - { from: \"22:00\", to: \"02:00\" }\n");
    const issue = issueAt(errorsOf(text), "openingHours.weekly.monday[0]");
    expect(issue.message).toBe("the window 22:00-02:00 does not end after it starts (for a night window, split it: 22:00-24:00 and 00:00-02:00 on the next day)");
    expect(issue).toMatchObject(positionOf(text, "{ from"));
  });

  test("an empty window is an error", () => {
    expect(issueAt(errorsOf(hours('  weekly:\n    monday: [{ from: "09:00", to: "09:00" }]\n')), "openingHours.weekly.monday[0]").message).toContain("does not end after it starts");
  });

  test("24:00 ends a day but cannot start one", () => {
    expect(warningsOf(hours('  weekly:\n    friday: [{ from: "18:00", to: "24:00" }]\n'))).toEqual([]);
    const issue = issueAt(errorsOf(hours('  weekly:\n    friday: [{ from: "24:00", to: "24:00" }]\n')), "openingHours.weekly.friday[0].from");
    expect(issue.message).toContain("cannot start at 24:00");
  });

  test("overlapping windows of one day are reported at the later one", () => {
    const text = hours('  weekly:\n    tuesday:\n      - { from: "13:00", to: "18:00" }\n      - { from: "09:00", to: "13:30" }\n      - { from: "18:00", to: "20:00" }\n');
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(["openingHours.weekly.tuesday[0]"]);
    expect(errors[0]!.message).toBe("the window 13:00-18:00 overlaps 09:00-13:30");
  });

  test("windows that touch do not overlap", () => {
    expect(warningsOf(hours('  weekly:\n    monday: [{ from: "09:00", to: "12:00" }, { from: "12:00", to: "18:00" }]\n'))).toEqual([]);
  });

  test("minutesOf reads HH:MM, with 24:00 as the end of the day", () => {
    expect(minutesOf("09:30")).toBe(570);
    expect(minutesOf("24:00")).toBe(1440);
  });
});

describe("exceptions", () => {
  test("a date that does not exist in the calendar is an error", () => {
    const text = hours("  exceptions:\n    - date: 2026-02-30\n      name: Not a day\n");
    const issue = issueAt(errorsOf(text), "openingHours.exceptions[0].date");
    expect(issue.message).toBe("2026-02-30 is not a date in the calendar");
    expect(issue).toMatchObject(positionOf(text, "2026-02-30"));
  });

  test("a leap day is a real date", () => {
    expect(warningsOf(hours("  exceptions:\n    - date: 2028-02-29\n"))).toEqual([]);
  });

  test("two exceptions for one date are an error", () => {
    const text = hours("  exceptions:\n    - date: 2026-12-25\n    - date: 2026-12-25\n      hours: [{ from: \"10:00\", to: \"12:00\" }]\n");
    expect(issueAt(errorsOf(text), "openingHours.exceptions[1].date").message).toBe("duplicate exception for 2026-12-25 (first defined at line 8)");
  });

  test("the hours of an exception day are checked like weekly ones", () => {
    const text = hours('  exceptions:\n    - date: 2026-12-24\n      hours: [{ from: "14:00", to: "10:00" }]\n');
    expect(issueAt(errorsOf(text), "openingHours.exceptions[0].hours[0]").message).toContain("does not end after it starts");
  });
});
