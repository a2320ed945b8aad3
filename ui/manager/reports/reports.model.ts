/**
 * The Reports panel's pure side: what the manager asked for (period, department, buckets), the
 * API and download addresses it maps to, and the arithmetic of the hand-drawn charts (a "nice"
 * axis maximum, bar and line geometry), kept apart from Lit so it is tested without a browser.
 */
import { withQuery } from "../../operator/api/api.client";
import { formatDuration } from "../../operator/state/conversation.derive";

/**
 * The wire shape is the server's own type (type-only: erased from the bundle); the route's
 * response schema keeps it honest.
 */
export type { CohortRow, OperatorReportRow, Report, ReportFigures, ReportPoint } from "../../../src/reporting/report.schema";

/** What the manager asks for; absent dates let the server choose (the last 30 days in its zone). */
export interface ReportRequest {
  readonly from?: string;
  readonly to?: string;
  /** A department id, or "" for all. */
  readonly department: string;
  readonly granularity: "day" | "week";
}

/** The tables a report exports as CSV (the server's `table` parameter). */
export type ExportTable = "series" | "departments" | "priorities" | "statuses" | "operators";

const query = (r: ReportRequest) => ({ from: r.from || undefined, to: r.to || undefined, department: r.department || undefined, granularity: r.granularity === "day" ? undefined : r.granularity });

/** The JSON report's address. */
export function reportUrl(r: ReportRequest): string {
  return withQuery("/api/manager/reports", query(r));
}

/** A report table's CSV download address. */
export function exportUrl(r: ReportRequest, table: ExportTable): string {
  return withQuery("/api/manager/reports/export.csv", { ...query(r), table: table === "series" ? undefined : table });
}

/** The transcripts CSV download address (the granularity does not apply). */
export function transcriptsUrl(r: ReportRequest): string {
  return withQuery("/api/manager/reports/transcripts.csv", { ...query(r), granularity: undefined });
}

/** A duration (m:ss or h:mm:ss) or a dash. */
export function showMs(ms: number | null): string {
  return ms === null ? "—" : formatDuration(ms);
}

/** A share as a whole percentage, or a dash when there is nothing to divide. */
export function share(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)} %`;
}

/** The smallest 1, 2 or 5 × 10^k at or above `max`, at least 1 (counts are whole), so axis labels stay round. */
export function niceMax(max: number): number {
  if (!(max > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** The drawing area of a chart, in SVG user units. */
export interface Plot {
  readonly width: number;
  readonly height: number;
}

/** One drawn segment of a stacked bar. */
export interface BarSegment {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly series: number;
  readonly value: number;
}

/** Stacked bars: one column per bucket, series stacked bottom-up, scaled to the tallest column. */
export function stackedBars(columns: readonly (readonly number[])[], plot: Plot): { segments: BarSegment[]; max: number } {
  const max = niceMax(Math.max(0, ...columns.map((c) => c.reduce((a, b) => a + b, 0))));
  const slot = plot.width / Math.max(1, columns.length);
  const width = Math.max(1, slot * 0.7);
  const segments: BarSegment[] = [];
  columns.forEach((values, i) => {
    let base = plot.height;
    values.forEach((value, series) => {
      if (value <= 0) return;
      const height = (value / max) * plot.height;
      base -= height;
      segments.push({ x: i * slot + (slot - width) / 2, y: base, width, height, series, value });
    });
  });
  return { segments, max };
}

/** Lines: one SVG path per series through the buckets' centres; a null value breaks the line. */
export function linePaths(series: readonly (readonly (number | null)[])[], plot: Plot): { paths: string[]; max: number } {
  const max = niceMax(Math.max(0, ...series.flat().map((v) => v ?? 0)));
  const count = Math.max(1, series[0]?.length ?? 0);
  const slot = plot.width / count;
  const paths = series.map((values) => {
    let path = "";
    let pen = false;
    values.forEach((value, i) => {
      if (value === null) return void (pen = false);
      const x = (i * slot + slot / 2).toFixed(1);
      const y = (plot.height - (value / max) * plot.height).toFixed(1);
      path += `${pen ? "L" : "M"}${x} ${y} `;
      pen = true;
    });
    return path.trim();
  });
  return { paths, max };
}

/** The indexes of the x labels to print: first, last and evenly spaced ones, at most `most`. */
export function labelIndexes(count: number, most = 7): number[] {
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  const step = Math.ceil((count - 1) / (most - 1));
  const picked = new Set<number>();
  for (let i = 0; i < count - 1; i += step) picked.add(i);
  picked.add(count - 1);
  return [...picked];
}
