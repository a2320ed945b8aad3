/**
 * Opening-hours decisions the engine asks about: is it open now, when does this window close,
 * when do we open next, may a new conversation still be queued, and when is the next boundary.
 *
 * Every function takes `hours: OpeningHoursConfig | null`, where `null` means "no schedule
 * configured = always open", so callers can pass `effectiveHours(...)` straight through.
 * Times are epoch milliseconds; windows are half-open (`from` inclusive, `to` exclusive).
 */
import type { OpeningHoursConfig } from "../../config/schema";
import { compileHours, dayIntervals, localDate, windowsFrom, type Window } from "./hours.calendar";

const MINUTE = 60_000;

/** The window containing `at` (if open) or else the next one (if any). */
function locate(hours: OpeningHoursConfig, at: number): { containing: Window | null; next: Window | null } {
  const c = compileHours(hours);
  for (const window of windowsFrom(c, localDate(c, at).subtract({ days: 1 }))) {
    if (window.end <= at) continue;
    return window.start <= at ? { containing: window, next: null } : { containing: null, next: window };
  }
  return { containing: null, next: null };
}

/** Whether the schedule is open at `at`. Cheap: looks only at the ranges of that local day and the day before. */
export function isOpen(hours: OpeningHoursConfig | null, at: number): boolean {
  if (!hours) return true;
  const c = compileHours(hours);
  const today = localDate(c, at);
  const contains = (w: Window) => w.start <= at && at < w.end;
  return dayIntervals(c, today).some(contains) || dayIntervals(c, today.subtract({ days: 1 })).some(contains);
}

/**
 * When the open window containing `at` ends, so the engine can warn or stop queueing before it.
 * Ranges that touch (18:00–24:00 then 00:00–02:00) are one window. `null` when closed at `at`;
 * `Infinity` when the window never ends (a 24/7 schedule, or no schedule).
 */
export function currentWindowEnd(hours: OpeningHoursConfig | null, at: number): number | null {
  if (!hours) return Number.POSITIVE_INFINITY;
  return locate(hours, at).containing?.end ?? null;
}

/**
 * The earliest instant at or after `at` when the schedule is open: `at` itself when open now,
 * the next window's start when closed (what the widget shows as "we are back at…"), and `null`
 * when it never opens again (every day closed).
 */
export function nextOpening(hours: OpeningHoursConfig | null, at: number): number | null {
  if (!hours) return at;
  const { containing, next } = locate(hours, at);
  return containing ? at : (next?.start ?? null);
}

/**
 * Whether a new conversation may enter at `at`: open, and not within the last
 * `closureBeforeEndMinutes` of the window (`timeouts.queueClosureBeforeEndMinutes`), so nobody is
 * queued for a service that closes before they would be answered. At exactly `end − N` it refuses.
 */
export function acceptsNewConversations(hours: OpeningHoursConfig | null, at: number, closureBeforeEndMinutes: number): boolean {
  if (!hours) return true;
  const { containing } = locate(hours, at);
  return containing !== null && containing.end - at > closureBeforeEndMinutes * MINUTE;
}

/** The kinds of boundary a schedule crosses: service opens, the queue stops taking newcomers, service closes. */
export type HoursTransitionKind = "opened" | "queue-closed" | "closed";

/** The next boundary of a schedule: when, and which one. */
export interface HoursTransition {
  readonly at: number;
  readonly kind: HoursTransitionKind;
}

/**
 * The first boundary strictly after `at`, computed from the calendar rather than by polling, so
 * a job can arm one timer for it. From inside a window: `queue-closed` at `end − N` (when N > 0 and
 * still ahead), else `closed` at `end`. From outside: `opened` at the next window's start.
 * `null` when nothing will ever change (no schedule, 24/7, or never open again).
 */
export function nextHoursTransition(hours: OpeningHoursConfig | null, at: number, closureBeforeEndMinutes = 0): HoursTransition | null {
  if (!hours) return null;
  const { containing, next } = locate(hours, at);
  if (containing) {
    if (containing.end === Number.POSITIVE_INFINITY) return null;
    const queueStop = containing.end - closureBeforeEndMinutes * MINUTE;
    if (closureBeforeEndMinutes > 0 && queueStop > at) return { at: queueStop, kind: "queue-closed" };
    return { at: containing.end, kind: "closed" };
  }
  return next ? { at: next.start, kind: "opened" } : null;
}
