/**
 * The console's role-dependent features in headless Chromium against the compiled binary. Ann
 * (operator) has e-mail transcript, mark important, knowledge search, canned responses, print,
 * sending questionnaires and asking for files turned off: they are absent from her console and the
 * API refuses them, while Meg (manager) has them. Also: manager assistance (Ann asks, Meg is alerted, opens and steps in), knowledge search
 * inserting an answer, operator-to-operator chat, ending with the operator questionnaire, and dark
 * mode. Screenshots in test-artifacts/console/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { BUILD_TIMEOUT_MS } from "../e2e/harness";
import { skipBrowserTests } from "./browser-harness";
import { apiSession, composer, consoleSuite, notifications, openConsole, screenshot, signInConsole, tab, until, visitor, visitorEvent } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();
const OFF_FOR_OPERATORS = { emailTranscript: false, markImportant: false, knowledgeSearch: false, cannedResponses: false, print: false, sendQuestionnaire: false, requestFile: false };

describe.skipIf(skip)("console features follow the role's permissions", () => {
  const suite = consoleSuite({
    permissions: { operator: OFF_FOR_OPERATORS },
    questionnaires: [
      { id: "wrapup", plugin: "operator-wrapup", when: "operatorEnd", title: "Wrap-up" },
      { id: "pulse", plugin: "csat", when: "manual", title: "Quick pulse" },
    ],
  });
  let ann: Page;
  let meg: Page;
  let ada: Awaited<ReturnType<typeof visitor>>;

  beforeAll(async () => {
    ann = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(ann, "ann@example.com");
    meg = (await openConsole(suite.browser, suite.parley.url, { colorScheme: "dark" })).page;
    await signInConsole(meg, "meg@example.com");
    await meg.locator("[data-testid=status]").selectOption("phone");
    await until("Meg on the phone", async () => (await meg.locator("[data-testid=status]").inputValue()) === "phone");
    ada = await visitor(suite.parley.url, "Ada Lovelace", "support");
    await ada.client.ok({ type: "message", text: "How do I reset my password?" });
    await tab(ann, "Ada Lovelace").click();
    await ann.locator("[data-testid=message][data-sender=visitor]").waitFor();
  }, BUILD_TIMEOUT_MS);

  test("features turned off for operators are absent from Ann's console", async () => {
    for (const id of ["email-transcript", "important", "print", "side-tab-knowledge", "side-tab-canned", "send-questionnaire", "request-file"]) {
      expect(await ann.locator(`[data-testid=${id}]`).count()).toBe(0);
    }
    expect(await ann.locator("[data-testid=transfer]").count()).toBe(1);
    await composer(ann).fill("#hel");
    expect(await ann.locator("parley-canned-picker").count()).toBe(0);
    await composer(ann).fill("");
    await screenshot(ann, "20-operator-features-off");
  });

  test("…and refused by the API with permission.disabled", async () => {
    const { cookie, csrf } = await apiSession(suite.parley.url, "ann@example.com");
    const headers = { cookie, "x-csrf-token": csrf, origin: suite.parley.url, "content-type": "application/json" };
    const id = ada.conversationId;
    const calls = [
      fetch(`${suite.parley.url}/api/conversations/${id}/transcript/email`, { method: "POST", headers }),
      fetch(`${suite.parley.url}/api/conversations/${id}/important`, { method: "PUT", headers, body: JSON.stringify({ important: true }) }),
      fetch(`${suite.parley.url}/api/knowledge/search?q=password`, { headers }),
      fetch(`${suite.parley.url}/api/canned-responses?conversationId=${id}`, { headers }),
      fetch(`${suite.parley.url}/api/conversations/${id}/questionnaires`, { method: "POST", headers, body: JSON.stringify({ questionnaireId: "pulse" }) }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("permission.disabled");
    }
  });

  test("Meg (manager) has them: the transcript is queued for her e-mail", async () => {
    await tab(meg, "Ada Lovelace").click();
    for (const id of ["email-transcript", "important", "print", "side-tab-knowledge", "side-tab-canned", "send-questionnaire"]) await meg.locator(`[data-testid=${id}]`).waitFor();
    await meg.locator("[data-testid=email-transcript]").click();
    await meg.locator("[data-testid=toast]", { hasText: "Transcript queued for meg@example.com" }).waitFor();
    await screenshot(meg, "21-manager-features-on-dark");
  });

  test("Ann asks a manager for help; Meg is alerted, opens the conversation and steps in", async () => {
    await ann.locator("[data-testid=request-help]").click();
    await ann.locator("[data-testid=help-message]").fill("She wants a refund beyond policy");
    await ann.locator("[data-testid=help-send]").click();
    await ann.locator("[data-testid=toast]", { hasText: "1 manager(s) alerted." }).waitFor();
    await meg.locator("[data-testid=assistance-request]", { hasText: "Ann Lee asks for your help with Ada Lovelace" }).waitFor();
    await until("Meg notified", async () => (await notifications(meg)).some((n) => n.title === "Ann Lee asks for your help"));
    await screenshot(meg, "22-manager-assistance-request");
    await meg.locator("[data-testid=assistance-open]").click();
    await meg.locator("[data-testid=note]", { hasText: "Manager assistance requested: She wants a refund beyond policy" }).waitFor();
    const mark = ada.client.frames.length;
    await composer(meg).fill("Hello Ada, I am Ann's manager. Let me look into this refund.");
    await composer(meg).press("Enter");
    const reply = await visitorEvent(ada.client, "message", (e) => e.sender.kind === "operator", mark);
    expect(reply.event.sender.name).toBe("Meg Boss");
    await screenshot(meg, "23-manager-stepped-in");
  });

  test("Meg searches the knowledge base; a click inserts the answer", async () => {
    await meg.locator("[data-testid=side-tab-knowledge]").click();
    await meg.locator("[data-testid=knowledge-hit]", { hasText: "Reset your password" }).waitFor();
    await meg.locator("[data-testid=knowledge-hit] button.insert").first().click();
    await until("answer inserted", async () => (await composer(meg).inputValue()).includes("Open Settings, then Security"));
    await screenshot(meg, "24-knowledge-inserted");
    await composer(meg).fill("");
  });

  test("operators chat with each other", async () => {
    await ann.locator("[data-testid=team-toggle]").click();
    await ann.locator("[data-testid=operator-meg]").click();
    await ann.locator("[data-testid=op-chat-input]").fill("Thanks for the help!");
    await ann.locator("[data-testid=op-chat-input]").press("Enter");
    await meg.locator("[data-testid=team-toggle] .badge", { hasText: "1" }).waitFor();
    await meg.locator("[data-testid=team-toggle]").click();
    await meg.locator("[data-testid=operator-ann]").click();
    await meg.locator("[data-testid=op-chat-thread]", { hasText: "Thanks for the help!" }).waitFor();
    await screenshot(meg, "25-operator-chat");
    await ann.locator("[data-testid=team-toggle]").click();
  });

  test("operator chat is stored: Meg's new tab shows the thread's history, and what Ann sends meanwhile waits as unread", async () => {
    await meg.locator("[data-testid=team-toggle]").click();
    await ann.locator("[data-testid=team-toggle]").click();
    await ann.locator("[data-testid=operator-meg]").click();
    const megTab = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(megTab, "meg@example.com");
    await megTab.locator("[data-testid=team-toggle]").click();
    await ann.locator("[data-testid=op-chat-input]").fill("<b>not bold</b> one more thing");
    await ann.locator("[data-testid=op-chat-input]").press("Enter");
    await megTab.locator("[data-testid=unread-ann]", { hasText: "1" }).waitFor();
    await megTab.locator("[data-testid=operator-ann]").click();
    const thread = megTab.locator("[data-testid=op-chat-thread]");
    await thread.locator(".line", { hasText: "Thanks for the help!" }).waitFor();
    await thread.locator(".line", { hasText: "<b>not bold</b> one more thing" }).waitFor();
    expect(await thread.locator("b").count()).toBe(0);
    await megTab.locator("[data-testid=unread-ann]").waitFor({ state: "detached" });
    await megTab.context().close();
    await ann.locator("[data-testid=team-toggle]").click();
  });

  test("Ann ends the conversation and fills in the operator questionnaire", async () => {
    await ann.locator("[data-testid=end]").click();
    await ann.locator("[data-testid=end-confirm]").click();
    const q = ann.locator("[data-testid=operator-questionnaire]");
    await q.waitFor();
    await q.locator("input[name=resolution][value=Resolved]").check();
    await q.locator("input[name=category][value=Billing]").check();
    await q.locator("textarea[name=notes]").fill("Refund approved by Meg");
    await screenshot(ann, "26-operator-questionnaire");
    await q.locator("button[type=submit]").click();
    await ann.locator("[data-testid=toast]", { hasText: "Questionnaire saved." }).waitFor();
    await q.waitFor({ state: "detached" });
    const ended = await visitorEvent(ada.client, "conversation.ended");
    expect(ended.event.reason).toBe("operator");
  });

  test("printing shows the transcript only: no console chrome, no internal notes", async () => {
    await ann.emulateMedia({ media: "print" });
    expect(await ann.locator("parley-console-header").isVisible()).toBe(false);
    expect(await ann.locator("parley-conversation-list").isVisible()).toBe(false);
    expect(await ann.locator("parley-composer").isVisible()).toBe(false);
    expect(await ann.locator("[data-testid=message][data-sender=visitor]").first().isVisible()).toBe(true);
    expect(await ann.locator("[data-testid=note]").first().isVisible()).toBe(false);
    await screenshot(ann, "26b-print-view");
    await ann.emulateMedia({ media: "screen" });
  });

  test("dark mode follows the system and the toggle", async () => {
    const background = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector("parley-console")!).backgroundColor);
    expect(await background(meg)).toBe("rgb(15, 20, 25)");
    expect(await background(ann)).toBe("rgb(255, 255, 255)");
    await ann.locator("[data-testid=theme-toggle]").click(); // auto → light
    await ann.locator("[data-testid=theme-toggle]").click(); // light → dark
    await until("Ann in dark mode", async () => (await background(ann)) === "rgb(15, 20, 25)");
    await screenshot(ann, "27-dark-mode");
  });
});
