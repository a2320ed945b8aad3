/**
 * The console's inbox-and-account features in headless Chromium against the compiled binary: the
 * offline messages visitors leave (live badge, drawer, text never HTML, reply by e-mail, mark
 * handled with who and when, scoped by department), alerts for a visitor's new message in one of my
 * conversations (notification and blinking title while the console is out of sight, switched off
 * from the user menu and remembered), a knowledge base answer attributed to the help center
 * (`knowledgeAnswersAsOperator: false`), and changing my password from the user menu. Screenshots
 * in test-artifacts/console/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { BUILD_TIMEOUT_MS } from "../e2e/harness";
import { skipBrowserTests } from "./browser-harness";
import { PASSWORD, apiSession, composer, consoleSuite, notifications, openConsole, screenshot, signInConsole, tab, until, visitor, visitorEvent } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

describe.skipIf(skip)("offline messages, message alerts and my account", () => {
  const suite = consoleSuite({
    conversations: { knowledgeAnswersAsOperator: false },
    knowledgeBase: { articles: [{ title: "Reset your password", body: "Open Settings, then Security, and choose Reset password.", tags: ["account"], url: "https://help.example.com/reset" }] },
  });
  let ann: Page;
  let ada: Awaited<ReturnType<typeof visitor>>;
  const leave = (body: Record<string, unknown>) =>
    fetch(`${suite.parley.url}/api/widget/offline-messages`, { method: "POST", headers: { origin: suite.parley.url, "content-type": "application/json" }, body: JSON.stringify(body) });
  /** Makes the page believe it is in a background tab (Attention reads these). */
  const outOfSight = (page: Page, hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (h ? "hidden" : "visible") });
      document.hasFocus = () => !h;
    }, hidden);

  beforeAll(async () => {
    ann = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(ann, "ann@example.com");
  }, BUILD_TIMEOUT_MS);

  test("an offline message for Support reaches Ann's badge live; one for Sales does not", async () => {
    expect(await ann.locator("[data-testid=offline-count]").count()).toBe(0);
    expect((await leave({ name: "Vera Visitor", email: "vera@mail.example", message: "Please <b>call</b> me\nback tomorrow", department: "support", reason: "after_hours", pageUrl: "https://shop.example/contact" })).status).toBe(201);
    expect((await leave({ name: "Sam", email: "sam@mail.example", message: "Sales question", department: "sales" })).status).toBe(201);
    await ann.locator("[data-testid=offline-count]", { hasText: "1" }).waitFor();
    await until("Ann notified of the offline message", async () => (await notifications(ann)).some((n) => n.title === "New offline message" && n.body === "Support"));
  });

  test("the drawer shows the message as text with a reply link, and marking it handled clears the badge", async () => {
    await ann.locator("[data-testid=offline-toggle]").click();
    const item = ann.locator("[data-testid=offline-item]");
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.locator("[data-testid=offline-text]").innerText()).toBe("Please <b>call</b> me\nback tomorrow");
    expect(await item.locator("b").count()).toBe(0);
    await item.getByText("outside opening hours").waitFor();
    const href = (await item.locator("[data-testid=offline-reply]").getAttribute("href"))!;
    expect(href.startsWith("mailto:vera@mail.example?subject=")).toBe(true);
    expect(decodeURIComponent(href.split("&body=")[1]!)).toContain("> Please <b>call</b> me\r\n> back tomorrow");
    await screenshot(ann, "40-offline-messages");
    await item.locator("[data-testid=offline-handle]").click();
    await until("the handled message leaves the unhandled list", async () => (await item.count()) === 0);
    await until("the badge is gone", async () => (await ann.locator("[data-testid=offline-count]").count()) === 0);
    await ann.getByRole("button", { name: "Handled", exact: true }).click();
    await ann.locator("[data-testid=offline-handled]", { hasText: "Handled by Ann Lee" }).waitFor();
    await ann.locator("[data-testid=offline-toggle]").click();
  });

  test("a visitor's new message in my conversation alerts while the console is out of sight", async () => {
    ada = await visitor(suite.parley.url, "Ada Lovelace", "support");
    expect(ada.outcome).toBe("assigned");
    await tab(ann, "Ada Lovelace").click();
    await ann.locator("[data-testid=message-list], parley-message-list").first().waitFor();
    const grace = await visitor(suite.parley.url, "Grace Hopper", "support");
    await tab(ann, "Grace Hopper").click();
    await outOfSight(ann, true);
    const before = (await notifications(ann)).length;
    await ada.client.ok({ type: "message", text: "Are you still there?" });
    await until("Ann notified of Ada's message", async () => (await notifications(ann)).slice(before).some((n) => n.title === "New message from Ada Lovelace" && n.body === "Are you still there?"));
    await until("the title blinks", async () => (await ann.title()).includes("●"), 4_000);
    // The conversation on screen, with the console in sight: no notification.
    await outOfSight(ann, false);
    const seen = (await notifications(ann)).length;
    await grace.client.ok({ type: "message", text: "Thanks!" });
    await ann.locator("[data-testid=message][data-sender=visitor]", { hasText: "Thanks!" }).waitFor();
    expect((await notifications(ann)).length).toBe(seen);
  });

  test("a knowledge base answer reaches the visitor attributed to the help center, and the console says so", async () => {
    await outOfSight(ann, false);
    await tab(ann, "Ada Lovelace").click();
    await ann.locator("[data-testid=side-tab-knowledge]").click();
    await ann.locator("[data-testid=knowledge-search]").fill("password");
    await ann.locator("[data-testid=knowledge-hit] button.insert").first().click();
    await until("answer inserted", async () => (await composer(ann).inputValue()).includes("Open Settings, then Security"));
    const mark = ada.client.frames.length;
    await composer(ann).press("Enter");
    const answer = await visitorEvent(ada.client, "message", (e) => e.sender.kind === "operator", mark);
    expect(answer.event.source).toEqual({ kind: "knowledge", title: "Reset your password", url: "https://help.example.com/reset" });
    const line = ann.locator("[data-testid=knowledge-source]");
    await line.waitFor();
    expect(await line.innerText()).toContain("Reset your password");
    expect(await line.innerText()).toContain("help center");
    // Rewritten by the operator: their own words, no source.
    await composer(ann).fill("In short: Settings, Security, Reset password.");
    const next = ada.client.frames.length;
    await composer(ann).press("Enter");
    const own = await visitorEvent(ada.client, "message", (e) => e.sender.kind === "operator", next);
    expect(own.event.source).toBeUndefined();
  });

  test("notifications switched off in the user menu stay off after a reload", async () => {
    await ann.locator("[data-testid=user-menu]").click();
    await ann.locator("[data-testid=pref-notifications]").uncheck();
    await screenshot(ann, "41-user-menu");
    await ann.reload();
    await ann.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();
    await ann.locator("[data-testid=user-menu]").click();
    expect(await ann.locator("[data-testid=pref-notifications]").isChecked()).toBe(false);
    expect(await ann.locator("[data-testid=pref-sound]").isChecked()).toBe(true);
    await ann.locator("[data-testid=user-menu]").click();
    const grace = await visitor(suite.parley.url, "Grace Two", "support");
    await tab(ann, "Grace Two").click();
    await outOfSight(ann, true);
    const before = (await notifications(ann)).length;
    await grace.client.ok({ type: "message", text: "ping" });
    await Bun.sleep(300);
    expect((await notifications(ann)).length).toBe(before);
  });

  test("Ann changes her password from the user menu: errors shown in place, other sessions signed out", async () => {
    await outOfSight(ann, false);
    const other = await apiSession(suite.parley.url, "ann@example.com");
    await ann.locator("[data-testid=user-menu]").click();
    await ann.locator("[data-testid=change-password]").click();
    const dialog = ann.locator("[data-testid=password-dialog]");
    const fill = async (current: string, next: string, confirm = next) => {
      await dialog.locator("input[name=current]").fill(current);
      await dialog.locator("input[name=next]").fill(next);
      await dialog.locator("input[name=confirm]").fill(confirm);
      await dialog.locator("button[type=submit]").click();
    };
    await fill("not-my-password", "a brand new passphrase");
    await ann.locator("[data-testid=password-error]", { hasText: "The current password is wrong." }).waitFor();
    expect(await ann.locator("[data-testid=connection]", { hasText: "Live" }).count()).toBe(1);
    await fill(PASSWORD, "a brand new passphrase", "a different one");
    await ann.locator("[data-testid=password-error]", { hasText: "The two new passwords differ." }).waitFor();
    await screenshot(ann, "42-change-password");
    await fill(PASSWORD, "a brand new passphrase");
    await ann.locator("[data-testid=toast]", { hasText: "Password changed" }).waitFor();
    expect(await dialog.count()).toBe(0);
    const me = await fetch(`${suite.parley.url}/api/auth/me`, { headers: { cookie: other.cookie } });
    expect(me.status).toBe(401);
    expect((await fetch(`${suite.parley.url}/api/auth/me`, { headers: { cookie: await cookieOf(ann) } })).status).toBe(200);
    const login = await fetch(`${suite.parley.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: suite.parley.url }, body: JSON.stringify({ email: "ann@example.com", password: "a brand new passphrase" }) });
    expect(login.status).toBe(200);
  });
  test("a manager sees every department's messages in the dashboard", async () => {
    const meg = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(meg, "meg@example.com");
    await meg.goto(`${suite.parley.url}/manager`);
    await meg.locator("[data-testid=offline-count]", { hasText: "1" }).waitFor();
    await meg.locator("[data-testid=offline-toggle]").click();
    await meg.locator("[data-testid=offline-item]", { hasText: "Sales question" }).waitFor();
    await meg.context().close();
  });
});

async function cookieOf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
