/**
 * An operator sets their own capacity in the console's status menu ("Max conversations n of N"):
 * routing stops at it, it survives a reload, the manager dashboard shows it, and raising it hands
 * a waiting visitor over at once. Headless Chromium against the compiled binary.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { skipBrowserTests } from "./browser-harness";
import { PASSWORD, consoleSuite, openConsole, operatorSocket, screenshot, signInConsole, until, visitor, visitorEvent } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

describe.skipIf(skip)("my own capacity", () => {
  const suite = consoleSuite({ capacity: { conversationsPerOperator: 3 } });

  test("lowered to 1: the second visitor waits; kept after a reload; shown to the manager; raised: the visitor is handed over", async () => {
    const url = suite.parley.url;
    // Meg (manager of Support) watches the dashboard on a break, so only Ann takes Support's visitors.
    const meg = await operatorSocket(url, "meg@example.com");
    await meg.ok({ type: "status", status: "break" });
    const { page, errors } = await openConsole(suite.browser, url);
    await signInConsole(page, "ann@example.com");
    const input = page.locator("[data-testid=capacity]");
    await until("my capacity shows 3 of 3", async () => (await input.inputValue()) === "3" && (await page.locator("[data-testid=capacity-max]").textContent()) === "of 3");

    await input.fill("1");
    await input.press("Enter");
    await page.getByText("You now take up to 1 conversation(s) at once.").waitFor();
    await screenshot(page, "60-own-capacity");

    const first = await visitor(url, "Ada Byron", "support");
    expect(first.outcome).toBe("assigned");
    const second = await visitor(url, "Grace Hopper", "support");
    expect(second.outcome).toBe("queued");

    await page.reload();
    await page.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();
    await until("my capacity is still 1 after a reload", async () => (await page.locator("[data-testid=capacity]").inputValue()) === "1");

    const manager = await managerDashboard(url);
    await manager.locator("[data-testid=team-row][data-operator-id=ann] [data-testid=own-limit]", { hasText: "own limit, max 3" }).waitFor();
    expect(await manager.locator("[data-testid=team-row][data-operator-id=ann]").textContent()).toContain("1/1");

    await page.locator("[data-testid=capacity]").fill("2");
    await page.locator("[data-testid=capacity]").press("Enter");
    expect(await visitorEvent(second.client, "conversation.assigned")).toMatchObject({ event: { operator: { name: "Ann Lee" } } });
    await manager.locator("[data-testid=team-row][data-operator-id=ann]", { hasText: "2/2" }).waitFor();
    expect(errors).toEqual([]);
  });

  async function managerDashboard(url: string): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${url}/manager`);
    await page.locator("input[name=email]").fill("meg@example.com");
    await page.locator("input[name=password]").fill(PASSWORD);
    await page.locator("button[type=submit]").click();
    return page;
  }
});
