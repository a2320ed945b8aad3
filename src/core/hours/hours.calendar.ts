/**
 * The calendar arithmetic behind opening hours: turns the YAML's local "HH:MM" ranges into
 * absolute instants (epoch ms) and merges them into continuous open windows.
 *
 * Timezone maths uses the language's own `Temporal` (built into Bun, IANA data from the runtime's
 * ICU), not a date library: it is the field standard and resolves DST edge cases the way calendars
 * do (RFC 5545 "compatible": a wall time skipped by spring-forward moves forward by the gap, a
 * wall time repeated by fall-back means its first occurrence). Only pure conversions are used,
 * never `Temporal.Now`, so the core stays clock-free.
 *
 * Semantics a schedule author relies on:
 * - a range `from`–`to` belongs to the local date it starts on; `to: "24:00"` ends at the next
 *   local midnight; `to` earlier than `from` (e.g. 22:00–06:00) is an overnight range ending on
 *   the next day; `from == to` is empty (and reported by `openingHoursProblems`);
 * - an exception date replaces that date's weekly ranges (`hours: []` = closed all day), but an
 *   overnight range started the day before still runs into it (a shift belongs to its start day);
 * - ranges that touch or overlap, within a day or across midnight, form one window.
 */
import { WEEKDAYS, type OpeningHoursConfig, type TimeRange } from "../../config/schema";

/** A half-open span of absolute time `[start, end)` in epoch ms; `end` may be `Infinity` (never closes). */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** A range in minutes of its start day; `to` may exceed 1440 for ranges that run past midnight. */
interface MinuteRange {
  readonly from: number;
  readonly to: number;
}

/** A schedule pre-parsed once per config snapshot (configs are immutable, so a WeakMap cache is safe). */
export interface CompiledHours {
  readonly timeZone: string;
  readonly weekly: readonly (readonly MinuteRange[])[];
  readonly exceptions: ReadonlyMap<string, readonly MinuteRange[]>;
  /** The latest exception date; from two days after it, the schedule repeats every week. */
  readonly lastException: Temporal.PlainDate | null;
  /** Absolute intervals per local date (ISO string), memoised because routing asks on every assignment. */
  readonly dayCache: Map<string, readonly Window[]>;
}

const MINUTES_PER_DAY = 1440;
const DAY_CACHE_LIMIT = 512;
const compiledCache = new WeakMap<OpeningHoursConfig, CompiledHours>();

/** Minutes since midnight of an "HH:MM" string (24:00 → 1440). */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

/** Normalises one configured range; null when it is empty. */
function toMinuteRange(range: TimeRange): MinuteRange | null {
  const from = clockMinutes(range.from);
  let to = clockMinutes(range.to);
  if (from >= MINUTES_PER_DAY || to === from) return null;
  if (to < from) to += MINUTES_PER_DAY; // overnight: ends on the next day
  return { from, to };
}

const toMinuteRanges = (ranges: readonly TimeRange[] | undefined): MinuteRange[] =>
  (ranges ?? []).map(toMinuteRange).filter((r): r is MinuteRange => r !== null);

/** Parses a schedule once; throws a RangeError for an unknown timezone (the config loader rejects those first). */
export function compileHours(hours: OpeningHoursConfig): CompiledHours {
  const cached = compiledCache.get(hours);
  if (cached) return cached;
  const timeZone = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(hours.timezone).timeZoneId;
  const exceptions = new Map<string, MinuteRange[]>();
  let lastException: Temporal.PlainDate | null = null;
  for (const exception of hours.exceptions ?? []) {
    const date = Temporal.PlainDate.from(exception.date, { overflow: "reject" });
    exceptions.set(date.toString(), toMinuteRanges(exception.hours));
    if (!lastException || Temporal.PlainDate.compare(date, lastException) > 0) lastException = date;
  }
  const compiled: CompiledHours = {
    timeZone,
    weekly: WEEKDAYS.map((day) => toMinuteRanges(hours.weekly?.[day])),
    exceptions,
    lastException,
    dayCache: new Map(),
  };
  compiledCache.set(hours, compiled);
  return compiled;
}

/** The local calendar date of an instant in the schedule's timezone. */
export function localDate(c: CompiledHours, at: number): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(at)).toZonedDateTimeISO(c.timeZone).toPlainDate();
}

/** The instant of local wall time `minutes` after midnight of `date` (may exceed one day). */
function wallInstant(c: CompiledHours, date: Temporal.PlainDate, minutes: number): number {
  const day = date.add({ days: Math.floor(minutes / MINUTES_PER_DAY) });
  const rest = minutes % MINUTES_PER_DAY;
  const wall = day.toPlainDateTime({ hour: Math.floor(rest / 60), minute: rest % 60 });
  return wall.toZonedDateTime(c.timeZone, { disambiguation: "compatible" }).epochMilliseconds;
}

/** The first instant of a local date (local midnight, or the first valid time if midnight is skipped). */
export function startOfDay(c: CompiledHours, date: Temporal.PlainDate): number {
  return wallInstant(c, date, 0);
}

/** The absolute intervals of the ranges that start on `date`, sorted by start. */
export function dayIntervals(c: CompiledHours, date: Temporal.PlainDate): readonly Window[] {
  const key = date.toString();
  const hit = c.dayCache.get(key);
  if (hit) return hit;
  const ranges = c.exceptions.get(key) ?? c.weekly[date.dayOfWeek - 1] ?? [];
  const intervals = ranges
    .map((r) => ({ start: wallInstant(c, date, r.from), end: wallInstant(c, date, r.to) }))
    .filter((w) => w.end > w.start) // a range wholly inside a spring-forward gap does not exist that day
    .sort((a, b) => a.start - b.start);
  if (c.dayCache.size >= DAY_CACHE_LIMIT) c.dayCache.clear();
  c.dayCache.set(key, intervals);
  return intervals;
}

const later = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (Temporal.PlainDate.compare(a, b) >= 0 ? a : b);

/**
 * Continuous open windows in time order, built from the ranges of `first` onwards (a window in
 * progress at `first` is reported with the start of its first range on `first`). Terminates: once
 * the schedule is purely weekly (two days after the last exception), a window covering seven full
 * days never ends (reported with `end: Infinity`), and eight empty periodic days mean no more windows.
 */
export function* windowsFrom(c: CompiledHours, first: Temporal.PlainDate): Generator<Window> {
  const periodicFrom = c.lastException ? later(first, c.lastException.add({ days: 2 })) : first;
  const proofOfForever = periodicFrom.add({ days: 7 });
  const emptyHorizon = periodicFrom.add({ days: 8 });
  let current: { start: number; end: number } | null = null;
  for (let date = first; ; date = date.add({ days: 1 })) {
    const dayStart = startOfDay(c, date);
    if (current && current.end < dayStart) {
      yield current; // this day's ranges all start at or after dayStart, so they cannot extend it
      current = null;
    }
    if (!current && Temporal.PlainDate.compare(date, emptyHorizon) > 0) return;
    if (
      current &&
      Temporal.PlainDate.compare(date, proofOfForever) >= 0 &&
      current.start <= startOfDay(c, date.subtract({ days: 7 })) &&
      current.end >= dayStart
    ) {
      yield { start: current.start, end: Number.POSITIVE_INFINITY };
      return;
    }
    for (const interval of dayIntervals(c, date)) {
      if (current && interval.start <= current.end) current.end = Math.max(current.end, interval.end);
      else {
        if (current) yield current;
        current = { ...interval };
      }
    }
  }
}
