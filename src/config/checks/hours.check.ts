/**
 * Opening hours and shifts: the timezone must be a real IANA zone, each window must run forward
 * within its day, windows of a day must not overlap, and exception dates must exist in the calendar.
 * Caught here, these would otherwise surface as a desk that never opens or a holiday that never comes.
 */
import { WEEKDAYS, type OpeningHoursConfig, type TimeRange } from "../schema";
import type { KeyPath } from "../issue.model";
import type { CheckContext, ConfigCheck } from "./check-context";

/** Every opening-hours block of the file (global hours, departments, operator shifts) is coherent. */
export const openingHoursAreValid: ConfigCheck = (context) => {
  const { config } = context;
  if (config.openingHours) checkHours(context, ["openingHours"], config.openingHours);
  config.departments.forEach((d, i) => d.openingHours && checkHours(context, ["departments", i, "openingHours"], d.openingHours));
  config.operators.forEach((o, i) => o.shift && checkHours(context, ["operators", i, "shift"], o.shift));
};

function checkHours(context: CheckContext, path: KeyPath, hours: OpeningHoursConfig): void {
  const zoneProblem = timezoneProblem(hours.timezone);
  if (zoneProblem) context.error([...path, "timezone"], zoneProblem, { expected: "an IANA timezone such as Europe/Paris" });
  for (const day of WEEKDAYS) {
    const ranges = hours.weekly[day];
    if (ranges) checkRanges(context, [...path, "weekly", day], ranges);
  }
  const firstByDate = new Map<string, number>();
  hours.exceptions.forEach((exception, i) => {
    const at: KeyPath = [...path, "exceptions", i];
    if (!isCalendarDate(exception.date)) {
      context.error([...at, "date"], `${exception.date} is not a date in the calendar`, { expected: "a real date YYYY-MM-DD" });
    }
    const earlier = firstByDate.get(exception.date);
    if (earlier === undefined) firstByDate.set(exception.date, i);
    else context.error([...at, "date"], `duplicate exception for ${exception.date} (first defined at line ${context.lineOf([...path, "exceptions", earlier])})`, { expected: "one exception per date" });
    checkRanges(context, [...at, "hours"], exception.hours);
  });
}

/** Why `zone` is not an IANA timezone, or undefined when it is one. */
export function timezoneProblem(zone: string): string | undefined {
  if (/^[+-]\d/.test(zone) || /^(GMT|UTC)[+-]/i.test(zone)) {
    return `"${zone}" is an offset, which ignores daylight saving time: use an IANA timezone such as Europe/Paris`;
  }
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return undefined;
  } catch {
    return `unknown timezone "${zone}": use an IANA name such as Europe/Paris or America/New_York`;
  }
}

function checkRanges(context: CheckContext, path: KeyPath, ranges: readonly TimeRange[]): void {
  const valid: { index: number; from: number; to: number }[] = [];
  ranges.forEach((range, i) => {
    const from = minutesOf(range.from);
    const to = minutesOf(range.to);
    if (from === 24 * 60) {
      context.error([...path, i, "from"], "a window cannot start at 24:00 (24:00 only ends a day)", { expected: "a time from 00:00 to 23:59" });
    } else if (to <= from) {
      const hint = to < from ? ` (for a night window, split it: ${range.from}-24:00 and 00:00-${range.to} on the next day)` : "";
      context.error([...path, i], `the window ${range.from}-${range.to} does not end after it starts${hint}`, { expected: "from earlier than to", found: `${range.from}-${range.to}` });
    } else {
      valid.push({ index: i, from, to });
    }
  });
  valid.sort((a, b) => a.from - b.from);
  for (let k = 1; k < valid.length; k++) {
    const previous = valid[k - 1]!;
    const current = valid[k]!;
    if (current.from < previous.to) {
      const other = ranges[previous.index]!;
      const mine = ranges[current.index]!;
      context.error([...path, current.index], `the window ${mine.from}-${mine.to} overlaps ${other.from}-${other.to}`, { expected: "windows that do not overlap", found: `${mine.from}-${mine.to}` });
    }
  }
}

/** Minutes since midnight of a schema-valid `HH:MM` (24:00 gives 1440). */
export function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(":").map(Number);
  return hours * 60 + minutes;
}

function isCalendarDate(date: string): boolean {
  const [year = 0, month = 0, day = 0] = date.split("-").map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}
