/**
 * A report's period: local calendar dates `from`–`to` (inclusive) in a time zone, cut into day or
 * week buckets of absolute time. Buckets are computed here, with the language's `Temporal` (the
 * same calendar maths as opening hours), and handed to SQL as epoch-ms bounds, because SQLite has
 * no IANA zones: a day across a DST change is 23 or 25 hours long, never a fixed 86,400,000 ms.
 */
import { AppError } from "../core/errors";

/** Day or ISO week (Monday first) buckets. */
export type Granularity = "day" | "week";

/** One bucket `[start, end)` in epoch ms, labelled by the local date it starts on (a week by its Monday). */
export interface Bucket {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** A resolved period: what the caller asked, in absolute time, and its buckets. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly granularity: Granularity;
  /** Local midnight starting `from`. */
  readonly start: number;
  /** Local midnight ending `to` (exclusive). */
  readonly end: number;
  readonly buckets: readonly Bucket[];
}

/** What a caller may ask; absent dates default to the 30 days ending today (in the zone). */
export interface PeriodRequest {
  readonly from?: string;
  readonly to?: string;
  readonly timeZone: string;
  readonly granularity?: Granularity;
}

/** The longest period a report covers: one leap year of days. */
export const MAX_PERIOD_DAYS = 366;
/** Days in the default period. */
export const DEFAULT_PERIOD_DAYS = 30;

/** Whether `zone` is an IANA time zone the runtime knows (or a fixed UTC offset such as +02:00). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/** A `YYYY-MM-DD` that is a real calendar date, or a `request.invalid` naming the field. */
function parseDate(field: string, value: string): Temporal.PlainDate {
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" });
  } catch {
    throw new AppError("request.invalid", `query.${field}: "${value}" is not a calendar date (YYYY-MM-DD)`);
  }
}

/** The first instant of a local date (local midnight, or the first valid time when midnight is skipped). */
function startOfDay(date: Temporal.PlainDate, timeZone: string): number {
  return date.toZonedDateTime({ timeZone }).epochMilliseconds;
}

/** The local date of an instant. */
export function localDateOf(at: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(at)).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/**
 * Resolves a period request against the current instant `now` (for the default dates).
 * Throws `request.invalid` for an unknown zone, an impossible date, `to` before `from`, or a
 * period longer than {@link MAX_PERIOD_DAYS}.
 */
export function resolvePeriod(request: PeriodRequest, now: number): ReportPeriod {
  const { timeZone } = request;
  if (!isKnownTimeZone(timeZone)) throw new AppError("request.invalid", `query.tz: "${timeZone}" is not a known time zone (IANA name such as Europe/Paris)`);
  const granularity = request.granularity ?? "day";
  const today = Temporal.PlainDate.from(localDateOf(now, timeZone));
  const to = request.to !== undefined ? parseDate("to", request.to) : request.from !== undefined ? null : today;
  const from = request.from !== undefined ? parseDate("from", request.from) : to!.subtract({ days: DEFAULT_PERIOD_DAYS - 1 });
  const last = to ?? (Temporal.PlainDate.compare(today, from) >= 0 ? today : from);
  if (Temporal.PlainDate.compare(last, from) < 0) throw new AppError("request.invalid", `query.to: ${last} is before query.from ${from}`);
  const days = from.until(last, { largestUnit: "days" }).days + 1;
  if (days > MAX_PERIOD_DAYS) throw new AppError("request.invalid", `the period covers ${days} days; at most ${MAX_PERIOD_DAYS} are allowed`);
  const afterLast = last.add({ days: 1 });
  const start = startOfDay(from, timeZone);
  const end = startOfDay(afterLast, timeZone);
  return { from: from.toString(), to: last.toString(), timeZone, granularity, start, end, buckets: bucketsOf(from, afterLast, timeZone, granularity) };
}

/** The buckets covering `[first, afterLast)`; weeks are clipped to the period but keep their Monday as key. */
function bucketsOf(first: Temporal.PlainDate, afterLast: Temporal.PlainDate, timeZone: string, granularity: Granularity): Bucket[] {
  const buckets: Bucket[] = [];
  let date = first;
  while (Temporal.PlainDate.compare(date, afterLast) < 0) {
    const label = granularity === "week" ? date.subtract({ days: date.dayOfWeek - 1 }) : date;
    const next = granularity === "week" ? label.add({ days: 7 }) : date.add({ days: 1 });
    const stop = Temporal.PlainDate.compare(next, afterLast) < 0 ? next : afterLast;
    buckets.push({ key: label.toString(), start: startOfDay(date, timeZone), end: startOfDay(stop, timeZone) });
    date = stop;
  }
  return buckets;
}
