import { describe, expect, test } from "bun:test";
import { exportUrl, labelIndexes, linePaths, niceMax, reportUrl, share, stackedBars, transcriptsUrl } from "./reports.model";

describe("reports model", () => {
  test("addresses carry only what the manager chose", () => {
    expect(reportUrl({ department: "", granularity: "day" })).toBe("/api/manager/reports");
    const r = { from: "2026-03-01", to: "2026-03-31", department: "sales", granularity: "week" } as const;
    expect(reportUrl(r)).toBe("/api/manager/reports?from=2026-03-01&to=2026-03-31&department=sales&granularity=week");
    expect(exportUrl(r, "series")).toBe("/api/manager/reports/export.csv?from=2026-03-01&to=2026-03-31&department=sales&granularity=week");
    expect(exportUrl(r, "operators")).toContain("&table=operators");
    expect(transcriptsUrl(r)).toBe("/api/manager/reports/transcripts.csv?from=2026-03-01&to=2026-03-31&department=sales");
  });

  test("axis maxima are round and never zero", () => {
    expect([0, 0.4, 1, 3, 7, 12, 99, 101, 4800].map(niceMax)).toEqual([1, 1, 1, 5, 10, 20, 100, 200, 5000]);
  });

  test("stacked bars scale to the tallest column and stack bottom-up", () => {
    const { segments, max } = stackedBars([[2, 1], [0, 0], [4, 1]], { width: 300, height: 100 });
    expect(max).toBe(5);
    expect(segments).toHaveLength(4);
    expect(segments[0]).toMatchObject({ series: 0, value: 2, y: 60, height: 40, x: 15, width: 70 });
    expect(segments[1]).toMatchObject({ series: 1, y: 40, height: 20 });
    expect(segments[3]).toMatchObject({ x: 215, y: 0 });
  });

  test("lines skip empty buckets instead of drawing them as zero", () => {
    const { paths } = linePaths([[10, null, 5, 10]], { width: 400, height: 100 });
    expect(paths[0]).toBe("M50.0 0.0 M250.0 50.0 L350.0 0.0");
  });

  test("at most seven x labels, always the first and the last", () => {
    expect(labelIndexes(5)).toEqual([0, 1, 2, 3, 4]);
    expect(labelIndexes(30)).toEqual([0, 5, 10, 15, 20, 25, 29]);
  });

  test("shares are percentages, a dash when nothing started", () => {
    expect([share(1, 3), share(0, 0)]).toEqual(["33 %", "—"]);
  });
});
