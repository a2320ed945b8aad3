/**
 * The figures the dashboard shows (GET /api/manager/figures) and how they read: durations as
 * m:ss, ratios as percentages, nulls as a dash.
 */
import type { DayFigures } from "../../../src/storage/queries/day-figures.query";
import { formatDuration } from "../../operator/state/conversation.derive";

/**
 * The wire shape is the server's own type (type-only: erased from the bundle, so no server code
 * ships to the browser); the route's response schema keeps it honest.
 */
export type { DayFigures, OperatorFigures } from "../../../src/storage/queries/day-figures.query";

/** A duration or a dash. */
export function showDuration(ms: number | null): string {
  return ms === null ? "—" : formatDuration(ms);
}

/** A ratio as a whole percentage or a dash. */
export function showPercent(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)} %`;
}

/** The share of started conversations that reached an operator. */
export function answeredRatio(f: DayFigures): number | null {
  return f.started === 0 ? null : f.answered / f.started;
}
