/**
 * Checks on an opening-hours block that the JSON schema cannot express (a real IANA zone, a real
 * calendar date, non-empty ranges). The config loader calls this for every schedule so a typo is
 * reported at `check-config` time with its key path, instead of failing on the first conversation.
 */
import { WEEKDAYS, type OpeningHoursConfig, type TimeRange } from "../../config/schema";
import { clockMinutes } from "./hours.calendar";

/** One problem found in a schedule: where (a dotted key path under `path`) and what. */
export interface HoursProblem {
  readonly path: string;
  readonly message: string;
}

function rangeProblems(ranges: readonly TimeRange[], path: string): HoursProblem[] {
  const problems: HoursProblem[] = [];
  ranges.forEach((range, i) => {
    if (range.from === "24:00") problems.push({ path: `${path}.${i}.from`, message: '"24:00" can only end a range' });
    else if (clockMinutes(range.from) === clockMinutes(range.to))
      problems.push({ path: `${path}.${i}`, message: `empty range ${range.from}-${range.to} (write 00:00-24:00 for a whole day)` });
  });
  return problems;
}

/** Every problem in `hours`, with paths relative to `path` (e.g. "departments.0.openingHours"); empty when valid. */
export function openingHoursProblems(hours: OpeningHoursConfig, path: string): HoursProblem[] {
  const problems: HoursProblem[] = [];
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(hours.timezone);
  } catch {
    problems.push({ path: `${path}.timezone`, message: `unknown timezone "${hours.timezone}" (use an IANA name such as Europe/Paris)` });
  }
  for (const day of WEEKDAYS) problems.push(...rangeProblems(hours.weekly?.[day] ?? [], `${path}.weekly.${day}`));
  const seen = new Set<string>();
  (hours.exceptions ?? []).forEach((exception, i) => {
    const at = `${path}.exceptions.${i}`;
    try {
      Temporal.PlainDate.from(exception.date, { overflow: "reject" });
    } catch {
      problems.push({ path: `${at}.date`, message: `"${exception.date}" is not a calendar date` });
    }
    if (seen.has(exception.date)) problems.push({ path: `${at}.date`, message: `${exception.date} is listed twice` });
    seen.add(exception.date);
    problems.push(...rangeProblems(exception.hours ?? [], `${at}.hours`));
  });
  return problems;
}
