/**
 * The widget keeps the conversation through what real visitors do to it: reloading and navigating
 * (history restored, nothing doubled), losing the network mid-chat (an offline banner, messages
 * queued and delivered exactly once on reconnect), and the server restarting under it.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { startParley } from "../e2e/harness";
import { closeQuietly, screenshot, skipBrowserTests } from "./browser-harness";
import { newConversation, openWidget, say, signIn, startChat, storedVisitorTexts, timelineTexts, widgetSuite } from "./widget.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

describe.skipIf(skip)("a conversation that survives reloads, navigation and network loss", () => {
  const s = widgetSuite({ widget: { preChatFields: [{ id: "name", label: "Name", required: true }] } });

  /** A fresh visitor (own storage) in a chat with Olga; returns the page and the conversation id. */
  async function chatting(context: BrowserContext): Promise<{ page: Page; conversationId: string }> {
    const page = await context.newPage();
    await page.goto(s.site.url("/"));
    await openWidget(page);
    const mark = s.olga.client.frames.length;
    await startChat(page, { name: "Rita" });
    const conversationId = await newConversation(s.olga, mark, "active");
    await page.locator("parley-widget-panel li.marker", { hasText: "joined the chat" }).waitFor();
    return { page, conversationId };
  }

  test("a reload and a navigation restore the history, each message once, and the chat goes on", async () => {
    const context = await s.browser.newContext();
    const { page, conversationId } = await chatting(context);
    await say(page, "First question");
    await s.olga.event(conversationId, (e) => e.type === "message" && e.text === "First question");
    await s.olga.client.ok({ type: "message", conversationId, text: "First answer" });
    await page.locator("parley-widget-panel li.msg.operator", { hasText: "First answer" }).waitFor();

    await page.reload();
    // The panel was open: it opens again by itself, with the whole history.
    await page.locator("parley-widget-panel li.msg.operator", { hasText: "First answer" }).waitFor();
    expect(await timelineTexts(page)).toEqual(["First question", "First answer"]);
    await screenshot(page, "20-after-reload");

    await say(page, "Second question");
    await s.olga.event(conversationId, (e) => e.type === "message" && e.text === "Second question");
    await page.locator("parley-widget-panel a, parley-widget-panel button").first().waitFor();
    await page.goto(s.site.url("/other"));
    await page.locator("parley-widget-panel li.msg", { hasText: "Second question" }).waitFor();
    await s.olga.client.ok({ type: "message", conversationId, text: "Answer on the other page" });
    await page.locator("parley-widget-panel li.msg.operator", { hasText: "Answer on the other page" }).waitFor();
    expect(await timelineTexts(page)).toEqual(["First question", "First answer", "Second question", "Answer on the other page"]);
    expect(s.olga.visitorTexts(conversationId)).toEqual(["First question", "Second question"]);
    expect(await storedVisitorTexts(s.parley.url, s.olga, conversationId)).toEqual(["First question", "Second question"]);
    await closeQuietly(context);
  });

  test("offline mid-chat: a banner, messages queued, then delivered exactly once when the network is back", async () => {
    const context = await s.browser.newContext();
    const { page, conversationId } = await chatting(context);
    await say(page, "Before the tunnel");
    await s.olga.event(conversationId, (e) => e.type === "message" && e.text === "Before the tunnel");

    await context.setOffline(true);
    await page.locator("parley-widget-panel .banner", { hasText: "You are offline" }).waitFor();
    await say(page, "Typed in the tunnel");
    await say(page, "Still in the tunnel");
    await expect(page.locator("parley-widget-panel li.msg.visitor .meta", { hasText: "Sending…" }).count()).resolves.toBe(2);
    await screenshot(page, "21-offline-queued");
    await s.olga.client.ok({ type: "message", conversationId, text: "Said while you were away" });

    await context.setOffline(false);
    await page.locator("parley-widget-panel li.msg.operator", { hasText: "Said while you were away" }).waitFor();
    await s.olga.event(conversationId, (e) => e.type === "message" && e.text === "Still in the tunnel");
    await page.locator("parley-widget-panel .meta", { hasText: "Sending…" }).waitFor({ state: "detached" });
    await page.locator("parley-widget-panel .banner", { hasText: "You are offline" }).waitFor({ state: "detached" });
    await screenshot(page, "22-back-online");
    expect(s.olga.visitorTexts(conversationId)).toEqual(["Before the tunnel", "Typed in the tunnel", "Still in the tunnel"]);
    expect(await storedVisitorTexts(s.parley.url, s.olga, conversationId)).toEqual(["Before the tunnel", "Typed in the tunnel", "Still in the tunnel"]);
    // The server's order: Olga wrote while the visitor's messages were still queued in the browser.
    expect(await timelineTexts(page)).toEqual(["Before the tunnel", "Said while you were away", "Typed in the tunnel", "Still in the tunnel"]);
    await closeQuietly(context);
  });

  test("the server restarts under an open chat: the widget reconnects, resumes, and sends what was typed meanwhile once", async () => {
    const context = await s.browser.newContext();
    const { page, conversationId } = await chatting(context);
    await say(page, "Hello before the restart");
    await s.olga.event(conversationId, (e) => e.type === "message" && e.text === "Hello before the restart");

    const configText = readFileSync(s.parley.configFile, "utf8");
    await s.parley.stop("SIGTERM");
    await page.locator("parley-widget-panel .banner", { hasText: "Reconnecting" }).waitFor();
    await say(page, "Typed while the server was down");
    await screenshot(page, "23-server-down");

    s.parley = await startParley({ config: configText });
    s.olga = await signIn(s.parley.url);
    await page.locator("parley-widget-panel .meta", { hasText: "Sending…" }).waitFor({ state: "detached", timeout: 40_000 });
    expect(await storedVisitorTexts(s.parley.url, s.olga, conversationId)).toEqual(["Hello before the restart", "Typed while the server was down"]);
    await s.olga.client.ok({ type: "message", conversationId, text: "Welcome back" });
    await page.locator("parley-widget-panel li.msg.operator", { hasText: "Welcome back" }).waitFor();
    expect(await timelineTexts(page)).toEqual(["Hello before the restart", "Typed while the server was down", "Welcome back"]);
    await closeQuietly(context);
  });
});
