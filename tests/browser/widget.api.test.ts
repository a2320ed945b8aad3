/**
 * The widget as a site scripts it and as a visitor who looks away sees it: `window.Parley`
 * (open/close, events, user prefill), the unread badge on the launcher while the panel is closed,
 * and the reminder and re-engagement messages the server sends into a silent chat.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { closeQuietly, screenshot, skipBrowserTests } from "./browser-harness";
import { newConversation, startChat, widgetSuite } from "./widget.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

const REMINDER = "Still with us? This chat closes soon without news from you.";
const REENGAGE = "Is there anything else I can do for you?";

/** Events the page received through Parley.on, recorded in the page. */
async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { Parley: { on(e: string, cb: (d: unknown) => void): void }; seen: [string, unknown][] };
    w.seen = [];
    for (const name of ["open", "close", "message", "unread", "conversation.started"]) w.Parley.on(name, (d) => w.seen.push([name, d]));
  });
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: [string, any][] }).seen);

describe.skipIf(skip)("window.Parley, the unread badge and server reminders", () => {
  const s = widgetSuite({
    // Seconds, so the server's reminder timers fire within the test.
    timeouts: { visitorReminderMinutes: 0.03, reengagementMinutes: 0.06, visitorInactivityMinutes: 5 },
    widget: { preChatFields: [{ id: "name", label: "Name", required: true }], phrases: { visitorReminder: REMINDER, reengagement: REENGAGE } },
  });

  test("the s.site opens the chat with Parley.open(), prefills the visitor, hears messages and unread counts", async () => {
    const page = await s.browser.newPage();
    await page.goto(s.site.url("/"));
    await page.waitForFunction(() => "Parley" in window && typeof (window as any).Parley.open === "function");
    await recordEvents(page);
    await page.evaluate(() => (window as any).Parley.setUser({ name: "Uma", email: "uma@example.org" }));
    await page.evaluate(() => (window as any).Parley.open());
    await page.locator("parley-widget-panel .panel").waitFor();
    await expect(page.locator("parley-widget-panel #pf-name").inputValue()).resolves.toBe("Uma");

    const mark = s.olga.client.frames.length;
    await startChat(page, {});
    const conversationId = await newConversation(s.olga, mark, "active");
    const summary = s.olga.client.frames.slice(mark).find((f) => f.type === "conversation" && f.conversation.id === conversationId);
    expect(summary?.conversation.visitor).toMatchObject({ name: "Uma", email: "uma@example.org" });

    await page.locator("parley-widget-panel li.marker", { hasText: "joined the chat" }).waitFor();
    // The visitor closes the panel; Olga writes twice: a badge, an accessible label, and the events.
    await page.evaluate(() => (window as any).Parley.close());
    await page.locator("parley-widget-panel .panel").waitFor({ state: "detached" });
    await s.olga.client.ok({ type: "message", conversationId, text: "Are you there?" });
    await s.olga.client.ok({ type: "message", conversationId, text: "I have news about your order." });
    const badge = page.locator("parley-widget .badge");
    await page.waitForFunction(() => document.querySelector("parley-widget")?.shadowRoot?.querySelector(".badge")?.textContent === "2");
    expect(await badge.isVisible()).toBe(true);
    await expect(page.locator("parley-widget .launcher").getAttribute("aria-label")).resolves.toBe("Open the chat (Unread messages: 2)");
    await screenshot(page, "40-unread-badge");
    expect(await page.evaluate(() => (window as any).Parley.unread())).toBe(2);

    await page.locator("parley-widget .launcher").click();
    await page.waitForFunction(() => (window as any).Parley.unread() === 0);
    expect(await badge.isVisible()).toBe(false);
    const events = await seen(page);
    expect(events.map(([name]) => name)).toEqual(["open", "conversation.started", "close", "message", "unread", "message", "unread", "open", "unread"]);
    expect(events.find(([name]) => name === "message")?.[1]).toMatchObject({ from: "operator", text: "Are you there?", name: "Olga Operator" });
    expect(events.filter(([name]) => name === "unread").map(([, d]) => d.count)).toEqual([1, 2, 0]);
    await closeQuietly(page);
  });

  test("a silent visitor gets the configured reminder, then the re-engagement message, in the conversation", async () => {
    const page = await s.browser.newPage();
    await page.goto(s.site.url("/", { data: { name: "Sam" } }));
    await page.locator("parley-widget .launcher").click();
    const mark = s.olga.client.frames.length;
    await startChat(page, {});
    const conversationId = await newConversation(s.olga, mark, "active");
    await s.olga.client.ok({ type: "message", conversationId, text: "Hello Sam, what can I do for you?" });
    await page.locator("parley-widget-panel li.notice", { hasText: REMINDER }).waitFor({ timeout: 20_000 });
    await page.locator("parley-widget-panel li.notice", { hasText: REENGAGE }).waitFor({ timeout: 20_000 });
    await screenshot(page, "41-reminder-reengagement");
    await closeQuietly(page);
  });
});
