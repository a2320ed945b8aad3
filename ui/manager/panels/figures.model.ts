/**
 * The figures the dashboard shows (GET /api/manager/figures) and how they read: durations as
 * m:ss, ratios as percentages, nulls as a dash.
 */
import { formatDuration } from "../../operator/state/conversation.derive";

/** Figures of one operator. */
export interface OperatorFigures {
  readonly operatorId: string;
  readonly handled: number;
  readonly avgFirstResponseMs: number | null;
  readonly avgDurationMs: number | null;
}

/** The day's figures. */
export interface DayFigures {
  readonly since: number;
  readonly started: number;
  readonly answered: number;
  readonly missed: number;
  readonly ended: number;
  readonly waitingNow: number;
  readonly activeNow: number;
  readonly avgWaitMs: number | null;
  readonly maxWaitMs: number | null;
  readonly avgFirstResponseMs: number | null;
  readonly slaMetRatio: number | null;
  readonly avgDurationMs: number | null;
  readonly satisfaction: number | null;
  readonly satisfactionAnswers: number;
  readonly byOperator: readonly OperatorFigures[];
}

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
