/**
 * The manager dashboard (/manager) in headless Chromium against the compiled binary: the day's
 * figures, the live queue with assignment by a manager, the conversations in progress with a link
 * that opens one in the console, the operators' statuses, and the dashboard refused to operators.
 * Screenshots in test-artifacts/console/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { BUILD_TIMEOUT_MS } from "../e2e/harness";
import type { WsTestClient } from "../../src/transport/ws/ws-client.testing";
import { skipBrowserTests } from "./browser-harness";
import { PASSWORD, consoleSuite, operatorSocket, screenshot, visitor, visitorEvent } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

async function signInAt(browser: Browser, url: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${url}/manager`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("button[type=submit]").click();
  return page;
}

describe.skipIf(skip)("the manager dashboard", () => {
  const suite = consoleSuite();
  let meg: Page;
  let ann: WsTestClient;
  let bob: WsTestClient;

  beforeAll(async () => {
    bob = await operatorSocket(suite.parley.url, "bob@example.com");
    await bob.ok({ type: "status", status: "phone" });
    ann = await operatorSocket(suite.parley.url, "ann@example.com");
  }, BUILD_TIMEOUT_MS);

  test("operators and today's figures are shown", async () => {
    meg = await signInAt(suite.browser, suite.parley.url, "meg@example.com");
    await meg.locator("[data-testid=figure-started]").waitFor();
    await meg.locator("[data-testid=team-row][data-operator-id=ann]", { hasText: "Connected" }).waitFor();
    await meg.locator("[data-testid=team-row][data-operator-id=bob]", { hasText: "Phone" }).waitFor();
    expect(await meg.locator("[data-testid=figure-started] .value").textContent()).toBe("0");
    await screenshot(meg, "30-dashboard-empty");
  });

  test("a waiting conversation appears in the queue; the manager assigns it above the department", async () => {
    const grace = await visitor(suite.parley.url, "Grace Hopper", "sales");
    expect(grace.outcome).toBe("queued");
    const row = meg.locator("[data-testid=queue-row]", { hasText: "Grace Hopper" });
    await row.waitFor();
    await screenshot(meg, "31-dashboard-queue");
    await row.locator("[data-testid=assign-operator]").selectOption("ann");
    const mark = grace.client.frames.length;
    await row.locator("[data-testid=assign]").click();
    const assigned = await visitorEvent(grace.client, "conversation.assigned", () => true, mark);
    expect(assigned.event.operator.name).toBe("Ann Lee");
    await row.waitFor({ state: "detached" });
    await meg.locator("[data-testid=live-row]", { hasText: "Grace Hopper" }).waitFor();
    await meg.locator("[data-testid=team-row][data-operator-id=ann]", { hasText: "1/3" }).waitFor();
    await meg.reload();
    await meg.locator("[data-testid=figure-started] .value", { hasText: "1" }).waitFor();
    await screenshot(meg, "32-dashboard-in-progress");
  });

  test("'Monitor / join' opens the conversation in the console", async () => {
    const [popup] = await Promise.all([meg.context().waitForEvent("page"), meg.locator("[data-testid=live-row] [data-testid=monitor]").first().click()]);
    await popup.locator("[data-testid=chat-title]", { hasText: "Grace Hopper" }).waitFor();
    await popup.locator("[data-testid=message], [data-testid=chat-title]").first().waitFor();
    await screenshot(popup, "33-console-monitoring");
    await popup.close();
  });

  test("operators are turned away from the dashboard", async () => {
    const page = await signInAt(suite.browser, suite.parley.url, "ann@example.com");
    await page.getByText("The dashboard is for managers and admins.").waitFor();
    expect(ann.closed).toBeNull();
  });
});
