/**
 * Visitor profile fields end to end: the host site sets them (`data-field-*` on the snippet, then
 * `Parley.setUser({fields})`), the visitor answers the pre-chat form, and Olga's console shows both
 * in the visitor panel, the site's fields in their own group marked as not verified. A field the
 * server does not know is reported in the page's console and the chat still starts without it.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { closeQuietly, screenshot, skipBrowserTests } from "./browser-harness";
import { PASSWORD, startChat, widgetSuite } from "./widget.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

describe.skipIf(skip)("visitor profile fields set by the host site", () => {
  const s = widgetSuite(
    {
      widget: {
        preChatFields: [
          { id: "name", label: "Name", required: true },
          { id: "topic", label: "Topic", type: "select", required: true, options: ["Billing", "Delivery"] },
        ],
        visitorProfileFields: [
          { id: "customer-number", label: "Customer number" },
          { id: "plan", label: "Plan", type: "select", options: ["Free", "Pro"] },
          { id: "contract-start", label: "Contract start date" },
        ],
      },
    },
    { signInOlga: false },
  );

  test("setUser fields reach the operator's visitor panel, marked as set by the site", async () => {
    // Olga works in the console.
    const consolePage = await s.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "en-GB" });
    await consolePage.goto(`${s.parley.url}/console`);
    await consolePage.locator("input[name=email]").fill("olga@example.com");
    await consolePage.locator("input[name=password]").fill(PASSWORD);
    await consolePage.locator("button[type=submit]").click();
    await consolePage.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();

    // The snippet says the plan; the page's script later knows more (and one field nobody configured).
    const page = await s.browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(s.site.url("/", { data: { "field-plan": "Free", "field-contract-start": "2024-03-01" } }));
    await page.waitForFunction(() => "Parley" in window && typeof (window as any).Parley.setUser === "function");
    await page.evaluate(() => (window as any).Parley.setUser({ name: "Vera", fields: { "customer-number": 42, plan: "Pro", "favourite-colour": "blue" } }));
    await page.evaluate(() => (window as any).Parley.open());
    await page.locator("parley-widget-panel .panel").waitFor();
    await startChat(page, { topic: "Delivery" });
    await page.locator("parley-widget-panel textarea").waitFor();
    expect(errors.some((e) => e.includes('field "favourite-colour"'))).toBe(true);

    await consolePage.locator("parley-conversation-item", { hasText: "Vera" }).click();
    const site = consolePage.locator("[data-testid=visitor-site-fields]");
    await site.waitFor();
    const text = (await site.innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Customer number 42");
    expect(text).toContain("Plan Pro");
    expect(text).toContain("Contract start date 2024-03-01");
    expect(text).not.toContain("blue");
    await consolePage.getByText("not verified", { exact: false }).first().waitFor();
    // The visitor's own answer stays among the details, not in the site's group.
    expect((await consolePage.locator("[data-testid=visitor-details]").innerText()).replace(/\s+/g, " ")).toContain("Topic Delivery");
    await screenshot(consolePage, "60-visitor-profile-fields");
    await closeQuietly(page);
    await closeQuietly(consolePage);
  });
});
