/**
 * The manager dashboard's Reports view in headless Chromium against the compiled binary: today's
 * conversation and messages in the series, charts and operator table, the department filter, a
 * refused period explained, the CSV downloads (report and transcripts, formula-like text defused),
 * and the view kept in the address. Screenshots in test-artifacts/console/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { BUILD_TIMEOUT_MS } from "../e2e/harness";
import type { WsTestClient } from "../../src/transport/ws/ws-client.testing";
import { skipBrowserTests } from "./browser-harness";
import { PASSWORD, consoleSuite, operatorSocket, screenshot, visitor } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

describe.skipIf(skip)("the manager's reports", () => {
  const suite = consoleSuite();
  let meg: Page;
  let ann: WsTestClient;
  const today = new Date().toISOString().slice(0, 10); // the instance's zone is UTC (no openingHours)

  beforeAll(async () => {
    ann = await operatorSocket(suite.parley.url, "ann@example.com");
    const ada = await visitor(suite.parley.url, "Ada Lovelace", "support");
    expect(ada.outcome).toBe("assigned");
    await ada.client.ok({ type: "message", text: "=1+2 is my order total" });
    await ann.ok({ type: "message", conversationId: ada.conversationId, text: "Let me check, Ada." });
  }, BUILD_TIMEOUT_MS);

  test("the Reports view shows today's conversation, messages and operator, in charts and tables", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: "en-GB", acceptDownloads: true });
    meg = await context.newPage();
    await meg.goto(`${suite.parley.url}/manager`);
    await meg.locator("input[name=email]").fill("meg@example.com");
    await meg.locator("input[name=password]").fill(PASSWORD);
    await meg.locator("button[type=submit]").click();
    await meg.locator("[data-testid=view-reports]").click();
    expect(new URL(meg.url()).hash).toBe("#reports");
    const row = meg.locator(`[data-testid=report-row][data-key="${today}"]`);
    await row.waitFor();
    expect(await meg.locator("[data-testid=report-row]").count()).toBe(30);
    expect(await meg.locator("[data-testid=report-zone]").textContent()).toBe("Dates in UTC");
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(1, 3)).toEqual(["1", "1 100 %"]);
    expect(cells.slice(6, 8)).toEqual(["1", "1"]); // one visitor message, one operator message
    expect(await meg.locator("[data-testid=report-started] .value").textContent()).toBe("1");
    expect(await meg.locator("[data-testid=chart-conversations]").locator("rect[data-testid=bar]").count()).toBe(1);
    expect(await meg.locator("[data-testid=chart-messages]").locator("rect[data-testid=bar]").count()).toBe(2);
    const annRow = meg.locator("[data-testid=report-operator][data-operator-id=ann]");
    expect(await annRow.locator("td").allTextContents()).toEqual(expect.arrayContaining(["Ann Lee", "1"]));
    await screenshot(meg, "40-dashboard-reports");
  });

  test("the department filter and weekly buckets narrow the report", async () => {
    await meg.locator("[data-testid=report-form] select[name=department]").selectOption("sales");
    await meg.locator("[data-testid=report-form] select[name=granularity]").selectOption("week");
    await meg.locator("[data-testid=report-form] button[type=submit]").click();
    await meg.locator("[data-testid=report-started] .value", { hasText: "0" }).waitFor();
    expect(await meg.locator("[data-testid=report-series] th").first().textContent()).toBe("Week of");
    expect(await meg.locator("[data-testid=report-operator]").count()).toBe(0);
    expect(await meg.locator("[data-testid=export-series]").getAttribute("href")).toContain("department=sales&granularity=week");
  });

  test("a period that ends before it starts is explained, not shown as empty", async () => {
    await meg.locator("[data-testid=report-form] input[name=from]").fill("2026-03-10");
    await meg.locator("[data-testid=report-form] input[name=to]").fill("2026-03-01");
    await meg.locator("[data-testid=report-form] button[type=submit]").click();
    await meg.locator("[data-testid=report-error]", { hasText: "before" }).waitFor();
  });

  test("Export CSV downloads the report and the transcripts, formula-like text defused", async () => {
    await meg.reload();
    await meg.locator(`[data-testid=report-row][data-key="${today}"]`).waitFor();
    const [report] = await Promise.all([meg.waitForEvent("download"), meg.locator("[data-testid=export-series]").click()]);
    expect(report.suggestedFilename()).toMatch(/^parley-report-series-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const series = readFileSync((await report.path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n");
    expect(series[0]).toStartWith("date,started,answered");
    expect(series.find((l) => l.startsWith(today))).toStartWith(`${today},1,1,0,0`);
    const [transcripts] = await Promise.all([meg.waitForEvent("download"), meg.locator("[data-testid=export-transcripts]").click()]);
    const text = readFileSync((await transcripts.path())!, "utf8");
    expect(text).toContain(",visitor,Ada Lovelace,message,all,'=1+2 is my order total,");
    expect(text).toContain(",operator,Ann Lee,message,all,\"Let me check, Ada.\",");
  });
});
