/**
 * The visitor widget embedded in a third-party page (another origin), in headless Chromium, against
 * the compiled binary, with Olga answering over the real operator protocol: from the launcher to the
 * end-of-chat questionnaire. A screenshot of each step lands in test-artifacts/widget/.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { WsTestClient } from "../../src/transport/ws/ws-client.testing";
import { closeQuietly, screenshot, skipBrowserTests } from "./browser-harness";
import { newConversation, openWidget, startChat, widgetSuite } from "./widget.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

/** A 32×32 red PNG (sniffed as image/png by the server). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAKklEQVR42mO4Y6NBU8QwasGoBaMWjFowasGoBaMWjFowasGoBaMWDBULAKMMAExsYKfaAAAAAElFTkSuQmCC", "base64");

describe.skipIf(skip)("the widget on a customer's site, from the launcher to the questionnaire", () => {
  const s = widgetSuite({
    capacity: { conversationsPerOperator: 1, queueSlotsPerOperator: 5 },
    departments: [{ id: "sales", name: "Sales" }, { id: "support", name: "Support" }],
    routing: { mode: "department" },
    statuses: [{ id: "searching", label: "Searching", acceptsNewConversations: false, visitorNotice: "The operator is searching for information." }],
    widget: { title: "Acme help", preChatFields: [{ id: "name", label: "Your name", required: true }, { id: "email", label: "E-mail", type: "email", required: true }] },
    questionnaires: [{ id: "exit", plugin: "csat", when: "visitorEnd", title: "How did we do?" }],
  });

  test("a visitor chats with Olga end to end", async () => {
    const context = await s.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // Olga is busy with another visitor (capacity 1), so our visitor will wait in the queue.
    const mark = s.olga.client.frames.length;
    const other = await busyVisitor(s.parley.url, s.site.origin);
    const blocker = await newConversation(s.olga, mark, "active");

    await page.goto(s.site.url("/"));
    const launcher = page.locator("parley-widget .launcher");
    await launcher.waitFor();
    await screenshot(page, "01-launcher");
    // No style leaks either way: the page's lime buttons and Georgia font stay out, the widget's styles stay in.
    expect(await page.locator("#host-button").evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(0, 255, 0)");
    expect(await launcher.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(31, 95, 191)");

    await openWidget(page);
    await expect(page.locator("parley-widget-panel h2").innerText()).resolves.toBe("Acme help");
    await expect(launcher.getAttribute("aria-expanded")).resolves.toBe("true");
    expect(await page.locator("parley-widget-panel .panel").evaluate((p) => getComputedStyle(p).fontFamily)).not.toContain("Georgia");
    await screenshot(page, "02-welcome");

    // Empty form: precise errors, nothing sent.
    await page.locator("parley-widget-panel button.primary").click();
    await expect(page.locator("parley-widget-panel [aria-invalid=true]").count()).resolves.toBe(3);
    await screenshot(page, "03-welcome-errors");

    await startChat(page, { __department: "sales", name: "Vera", email: "vera@example.org" });
    await page.locator("parley-widget-panel .queue", { hasText: "You are number 1 in the queue" }).waitFor();
    await screenshot(page, "04-queue");

    // Olga finishes with the other visitor: ours is assigned to her.
    const joined = s.olga.client.frames.length;
    await s.olga.client.ok({ type: "end", conversationId: blocker });
    const conversationId = await newConversation(s.olga, joined, "active");
    await page.locator("parley-widget-panel li.marker", { hasText: "Olga Operator joined the chat" }).waitFor();
    await expect(page.locator("parley-widget-panel header h2").innerText()).resolves.toBe("Olga Operator");
    await screenshot(page, "05-operator-joined");
    other.close();

    // Typing both ways, messages both ways, read marks.
    await page.locator("parley-widget-panel textarea").pressSequentially("Hello");
    await s.olga.event(conversationId, (e) => e.type === "typing" && e.sender === "visitor" && e.on === true);
    await page.locator("parley-widget-panel textarea").press("Enter");
    const question = await s.olga.event(conversationId, (e) => e.type === "message" && e.text === "Hello");
    s.olga.client.send({ type: "typing", id: "t-1", conversationId, on: true });
    await page.locator("parley-widget-panel .typing", { hasText: "Olga Operator is typing…" }).waitFor();
    await screenshot(page, "06-operator-typing");
    await s.olga.client.ok({ type: "message", conversationId, text: "Hi Vera! **How** can I help?" });
    const answer = await s.olga.event(conversationId, (e) => e.type === "message" && e.sender.kind === "operator" && e.text.startsWith("Hi Vera"));
    await page.locator("parley-widget-panel li.msg.operator strong", { hasText: "How" }).waitFor();
    // The visitor has the panel open: Olga gets the read receipt.
    await s.olga.event(conversationId, (e) => e.type === "read" && e.reader === "visitor" && e.upToSeq >= answer.seq);
    await s.olga.client.ok({ type: "read", conversationId, seq: question.seq });
    await page.locator("parley-widget-panel li.msg.visitor .meta", { hasText: "Read" }).waitFor();
    await expect(page.locator("parley-widget-panel li.msg time").count()).resolves.toBe(2);
    await screenshot(page, "07-messages-read");

    // "The operator is searching for information" while Olga looks something up.
    await s.olga.client.ok({ type: "status", status: "searching" });
    await page.locator("parley-widget-panel .banner.status", { hasText: "The operator is searching for information." }).waitFor();
    await screenshot(page, "08-searching");
    await s.olga.client.ok({ type: "status", status: "connected" });
    await s.olga.client.ok({ type: "message", conversationId, text: "Found it. Could you send a photo of the label?" });
    await page.locator("parley-widget-panel .banner.status", { hasText: "searching" }).waitFor({ state: "detached" });

    // Olga asks for a file; the visitor answers from the request in the conversation.
    await s.olga.client.ok({ type: "request.file", conversationId, message: "the shipping label" });
    const request = page.locator("parley-widget-panel li.request", { hasText: "Olga Operator asks you to send a file" });
    await request.waitFor();
    await screenshot(page, "09-file-request");
    const chooser = page.waitForEvent("filechooser");
    await request.locator("button", { hasText: "Send a file" }).click();
    await (await chooser).setFiles({ name: "label.png", mimeType: "image/png", buffer: PNG });
    const fileMessage = await s.olga.event(conversationId, (e) => e.type === "message" && e.file?.name === "label.png");
    expect(fileMessage.event.file).toMatchObject({ mime: "image/png", size: PNG.length });
    await page.locator("parley-widget-panel img.thumb[src^='blob:']").waitFor();
    await request.locator(".done", { hasText: "File sent" }).waitFor();
    await expect(request.locator("button").count()).resolves.toBe(0);
    await screenshot(page, "10-file-sent");

    // Drag-and-drop onto the conversation, and pasting a file into the composer, send files too.
    await page.evaluate(async () => {
      const panel = document.querySelector("parley-widget")!.shadowRoot!.querySelector("parley-widget-panel")!.shadowRoot!;
      const transfer = new DataTransfer();
      transfer.items.add(new File(["dropped notes"], "notes.txt", { type: "text/plain" }));
      const zone = panel.querySelector(".chat")!;
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      const clipboard = new DataTransfer();
      clipboard.items.add(new File(["pasted text"], "pasted.txt", { type: "text/plain" }));
      panel.querySelector("textarea")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true, cancelable: true }));
    });
    await s.olga.event(conversationId, (e) => e.type === "message" && e.file?.name === "notes.txt");
    await s.olga.event(conversationId, (e) => e.type === "message" && e.file?.name === "pasted.txt");
    await page.locator("parley-widget-panel button.file", { hasText: "pasted.txt" }).waitFor();

    // The visitor ends the chat and answers the questionnaire.
    await page.locator("parley-widget-panel header button[aria-label='End the chat']").click();
    await page.locator("parley-widget-panel [role=alertdialog] button", { hasText: "Yes, end it" }).click();
    await s.olga.event(conversationId, (e) => e.type === "conversation.ended" && e.reason === "visitor");
    await page.locator("parley-widget-panel h3", { hasText: "How did we do?" }).waitFor();
    await screenshot(page, "11-questionnaire");
    await page.locator("parley-widget-panel button", { hasText: "Send" }).click();
    await expect(page.locator("parley-widget-panel .field-error").innerText()).resolves.toBe("Please answer this question.");
    await page.locator("parley-widget-panel .scale label", { hasText: "5" }).click();
    await page.locator("parley-widget-panel button", { hasText: "Send" }).click();
    await page.locator("parley-widget-panel h3", { hasText: "Thank you for chatting with us." }).waitFor();
    await screenshot(page, "12-thanks");

    // Transcript, generated in the s.browser from the history.
    const download = page.waitForEvent("download");
    await page.locator("parley-widget-panel button", { hasText: "Download the transcript" }).click();
    const transcript = readFileSync((await (await download).path())!, "utf8");
    expect(transcript).toContain("Chat transcript — Acme help");
    expect(transcript).toMatch(/You: Hello\n/);
    expect(transcript).toContain("Olga Operator: Found it. Could you send a photo of the label?");
    expect(transcript).toContain("[file: label.png]");
    expect(errors).toEqual([]);
    await closeQuietly(context);
  });

  test("keyboard only: the launcher opens with Enter, focus stays in the panel, Escape closes and returns focus", async () => {
    const page = await s.browser.newPage();
    // A light brand colour with white text asked for: white is not readable on it (AA), so dark text is used.
    await page.goto(s.site.url("/", { data: { color: "#ffcc00", "text-color": "#ffffff", position: "left" } }));
    const launcher = page.locator("parley-widget .launcher");
    await launcher.waitFor();
    expect(await launcher.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color])).toEqual(["rgb(255, 204, 0)", "rgb(17, 17, 17)"]);
    expect((await launcher.boundingBox())!.x).toBeLessThan(100);
    await focusLauncher(page);
    await page.keyboard.press("Enter");
    await page.locator("parley-widget-panel .panel").waitFor();
    await expect(activeLabel(page)).resolves.toBe("pf-__department");
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName)).toBe("PARLEY-WIDGET-PANEL");
    }
    await page.keyboard.press("Escape");
    await page.locator("parley-widget-panel .panel").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className)).toContain("launcher");
    await expect(page.locator("parley-widget .launcher").getAttribute("aria-expanded")).resolves.toBe("false");
    await closeQuietly(page);
  });

  test("below 480 px the panel takes the whole screen; the page's own French is used", async () => {
    const page = await s.browser.newPage({ viewport: { width: 375, height: 700 }, reducedMotion: "reduce" });
    await page.goto(s.site.url("/", { lang: "fr-FR" }));
    await openWidget(page);
    const box = await page.locator("parley-widget-panel .panel").boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 700 });
    await page.locator("parley-widget-panel button.primary", { hasText: "Démarrer le chat" }).waitFor();
    await expect(page.locator("parley-widget .launcher").getAttribute("aria-label")).resolves.toBe("Fermer le chat");
    await screenshot(page, "13-mobile-fr");
    await closeQuietly(page);
  });
});

/** Another visitor, straight over the protocol, who starts a chat and keeps Olga busy. */
async function busyVisitor(url: string, origin: string): Promise<WsTestClient> {
  const res = await fetch(`${url}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin }, body: "{}" });
  const { token } = (await res.json()) as { token: string };
  const client = await WsTestClient.open(`${url.replace("http", "ws")}/ws/visitor`, { origin });
  await client.ok({ type: "hello", token });
  await client.ok({ type: "start", department: "sales", fields: { name: "Busy Bea", email: "bea@example.com" } });
  return client;
}

/** Tabs from the page's own controls until the launcher has focus. */
async function focusLauncher(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    const cls = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className ?? "");
    if (cls.includes("launcher")) return;
  }
  throw new Error("the launcher is not reachable with Tab");
}

/** The id of the focused control inside the widget panel. */
function activeLabel(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.querySelector("parley-widget")?.shadowRoot?.querySelector("parley-widget-panel")?.shadowRoot?.activeElement?.id);
}
