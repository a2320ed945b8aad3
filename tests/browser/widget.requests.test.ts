/**
 * What an operator asks of the visitor during a chat, with both sides in headless Chromium: Olga in
 * the console, the visitor in the widget on a customer's site (in New York). The visitor's local
 * time shows in the console; Olga asks for a file, the visitor reloads and still sees the request,
 * answers it with a file that Olga receives; Olga sends a questionnaire from the drop-down, it opens
 * in the widget, and its summary reaches the console. Requests sent while the panel is closed raise the
 * launcher's badge, and a questionnaire the visitor dismissed stays closed after a reload (its line
 * keeps the Answer button). Screenshots in test-artifacts/widget/.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { closeQuietly, screenshot, skipBrowserTests } from "./browser-harness";
import { newConversation, openWidget, PASSWORD, startChat, widgetSuite } from "./widget.fixtures";

setDefaultTimeout(90_000);
const skip = skipBrowserTests();

/** A 32×32 red PNG (sniffed as image/png by the server). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAKklEQVR42mO4Y6NBU8QwasGoBaMWjFowasGoBaMWjFowasGoBaMWDBULAKMMAExsYKfaAAAAAElFTkSuQmCC", "base64");

/** Olga's console, signed in through its form. */
async function olgaConsole(s: ReturnType<typeof widgetSuite>): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${s.parley.url}/console`);
  await page.locator("input[name=email]").fill("olga@example.com");
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("button[type=submit]").click();
  await page.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();
  return page;
}

describe.skipIf(skip)("requests to the visitor during the chat", () => {
  const s = widgetSuite({
    widget: { title: "Acme help" },
    questionnaires: [{ id: "pulse", plugin: "csat", when: "manual", title: "Quick pulse" }],
  });

  test("local time, a file request that survives a reload, and a questionnaire sent from the console", async () => {
    const olga = await olgaConsole(s);
    const visitorContext = await s.browser.newContext({ timezoneId: "America/New_York" });
    const page = await visitorContext.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(s.site.url("/"));
    await openWidget(page);
    const mark = s.olga.client.frames.length;
    await startChat(page, {});
    const conversationId = await newConversation(s.olga, mark, "active");

    // The widget sent the browser's time zone: stored, and the visitor's local time in the console.
    const summary = await s.olga.client.waitFor((f) => f.type === "conversation" && f.conversation.id === conversationId);
    expect(summary.conversation.visitor.timezone).toBe("America/New_York");
    await olga.locator("parley-conversation-item").first().click();
    await olga.locator("[data-testid=visitor-local-time]", { hasText: "(America/New_York)" }).waitFor();

    // Olga asks for a file, with the composer's text as the request's message.
    await olga.locator("parley-composer textarea").fill("A photo of your receipt, please");
    await olga.locator("[data-testid=request-file]").click();
    await olga.locator("[data-testid=file-request-line][data-state=open]", { hasText: "A photo of your receipt, please" }).waitFor();
    await page.locator("parley-widget-panel li.request", { hasText: "Olga Operator asks you to send a file" }).waitFor();

    // The visitor reloads: the request is part of the conversation, still waiting for a file.
    await page.reload();
    const request = page.locator("parley-widget-panel li.request[data-state=open]", { hasText: "A photo of your receipt, please" });
    await request.waitFor();
    await screenshot(page, "40-file-request-after-reload");
    const chooser = page.waitForEvent("filechooser");
    await request.locator("button", { hasText: "Send a file" }).click();
    await (await chooser).setFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG });
    await page.locator("parley-widget-panel li.request[data-state=answered]", { hasText: "File sent" }).waitFor();

    // Olga receives the file; her request line says so.
    await olga.locator("[data-testid=file-link]", { hasText: "receipt.png" }).waitFor();
    await olga.locator("[data-testid=file-request-line][data-state=answered]", { hasText: "file received" }).waitFor();

    // Olga sends the "Quick pulse" questionnaire from the drop-down; it opens in the widget.
    const picker = olga.locator("[data-testid=send-questionnaire]");
    await expect(picker.locator("option").allInnerTexts()).resolves.toEqual(["📝 Questionnaire…", "Quick pulse"]);
    await picker.selectOption("pulse");
    await olga.locator("[data-testid=toast]", { hasText: "“Quick pulse” was sent to the visitor." }).waitFor();
    await olga.locator("[data-testid=questionnaire-line][data-state=open]", { hasText: "Olga Operator sent the questionnaire “Quick pulse”" }).waitFor();
    const sheet = page.locator("parley-widget-panel .sheet");
    await sheet.locator("h3", { hasText: "Quick pulse" }).waitFor();
    await page.locator("parley-widget-panel li.request", { hasText: "Olga Operator sent you a questionnaire: Quick pulse" }).waitFor();
    await screenshot(page, "41-questionnaire-sent-by-operator");
    await sheet.locator(".scale label", { hasText: "4" }).click();
    await sheet.locator("button", { hasText: "Send" }).click();
    await sheet.waitFor({ state: "detached" });
    await page.locator("parley-widget-panel li.request[data-state=answered]", { hasText: "Answered" }).waitFor();

    // The answers' summary reaches the console.
    await olga.locator("[data-testid=questionnaire-answers]", { hasText: "answered “Quick pulse”: CSAT 4/5" }).waitFor();
    await olga.locator("[data-testid=questionnaire-line][data-state=answered]").waitFor();
    await screenshot(olga, "42-console-questionnaire-answered");

    // After another reload the answered questionnaire does not open again.
    await page.reload();
    await page.locator("parley-widget-panel li.request[data-state=answered]", { hasText: "Quick pulse" }).waitFor();
    await expect(page.locator("parley-widget-panel .sheet").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await closeQuietly(visitorContext);
    await closeQuietly(olga.context());
  });

  test("requests sent while the panel is closed raise the badge; a dismissed questionnaire stays closed after a reload", async () => {
    const context = await s.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(s.site.url("/"));
    await openWidget(page);
    const mark = s.olga.client.frames.length;
    await startChat(page, {});
    const conversationId = await newConversation(s.olga, mark, "active");
    await page.locator("parley-widget-panel li.marker", { hasText: "joined" }).waitFor();

    // The visitor minimizes the chat; Olga asks for a file, then sends the questionnaire: two unread.
    await page.locator("parley-widget-panel button[aria-label='Minimize the chat']").click();
    await page.locator("parley-widget-panel .panel").waitFor({ state: "detached" });
    const badge = () => page.evaluate(() => document.querySelector("parley-widget")?.shadowRoot?.querySelector<HTMLElement>(".badge:not([hidden])")?.textContent ?? null);
    await s.olga.client.ok({ type: "request.file", conversationId, message: "Your invoice, please" });
    await page.waitForFunction(() => (window as any).Parley.unread() === 1);
    expect(await badge()).toBe("1");
    const login = await fetch(`${s.parley.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: s.parley.url }, body: JSON.stringify({ email: "olga@example.com", password: PASSWORD }) });
    const api = { cookie: (login.headers.get("set-cookie") ?? "").split(";")[0]!, "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken, origin: s.parley.url, "content-type": "application/json" };
    const sendQuestionnaire = () =>
      fetch(`${s.parley.url}/api/conversations/${conversationId}/questionnaires`, { method: "POST", headers: api, body: JSON.stringify({ questionnaireId: "pulse" }) }).then(async (res) =>
        expect(`${res.status} ${await res.text()}`).toStartWith("200"),
      );
    await sendQuestionnaire();
    await page.waitForFunction(() => (window as any).Parley.unread() === 2);
    expect(await badge()).toBe("2");
    await screenshot(page, "43-badge-for-requests");

    // Opening shows the questionnaire; the visitor skips it.
    await page.locator("parley-widget .launcher").click();
    const sheet = page.locator("parley-widget-panel .sheet");
    await sheet.locator("button", { hasText: "Skip" }).click();
    await sheet.waitFor({ state: "detached" });
    expect(await badge()).toBeNull();

    // After a reload it stays closed; its line still offers to answer, and does.
    await page.reload();
    const line = page.locator("parley-widget-panel li.request[data-state=open]", { hasText: "Quick pulse" });
    await line.waitFor();
    await page.locator("parley-widget-panel li.request", { hasText: "Your invoice, please" }).waitFor();
    // The line and a sheet come from the same replayed event, drawn in the same render: no sheet now means none.
    await expect(page.locator("parley-widget-panel .sheet").count()).resolves.toBe(0);
    await screenshot(page, "44-dismissed-questionnaire-after-reload");
    await line.locator("button", { hasText: "Answer" }).click();
    await sheet.locator("h3", { hasText: "Quick pulse" }).waitFor();
    await sheet.locator("button", { hasText: "Skip" }).click();
    await sheet.waitFor({ state: "detached" });

    // Olga sends it again: a new request, it opens.
    await sendQuestionnaire();
    await sheet.locator("h3", { hasText: "Quick pulse" }).waitFor();
    expect(errors).toEqual([]);
    await closeQuietly(context);
  });
});
