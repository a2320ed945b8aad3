/**
 * The operator questionnaire (`questionnaires[].when: operatorEnd`) in headless Chromium against the
 * compiled binary. It opens when the conversation ends whoever ends it (here the visitor), not only
 * after the console's own End button. When it may not be closed without answering, it offers no
 * Cancel, ignores Escape, and is back after a reload until answered. When it may be closed, Cancel
 * leaves a "Complete questionnaire" button under the input area, which reopens it; once answered
 * the button is gone, also after a reload. Screenshots in test-artifacts/console/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { BUILD_TIMEOUT_MS } from "../e2e/harness";
import { skipBrowserTests } from "./browser-harness";
import { apiSession, composer, consoleSuite, openConsole, screenshot, signInConsole, tab, until, visitor, visitorEvent } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();
const wrapup = (extra: Record<string, unknown>) => ({
  questionnaires: [{ id: "wrapup", plugin: "operator-wrapup", when: "operatorEnd", title: "Wrap-up", options: { categories: ["Billing", "Other"], requireCategory: true }, ...extra }],
});

/** Ann's owed questionnaires, from the server. */
async function dues(url: string): Promise<string[]> {
  const { cookie } = await apiSession(url, "ann@example.com");
  const res = await fetch(`${url}/api/console/questionnaire-dues`, { headers: { cookie } });
  return ((await res.json()) as { dues: { conversationId: string }[] }).dues.map((d) => d.conversationId);
}

/** Ann answers the open dialog. */
async function answer(ann: Page): Promise<void> {
  const q = ann.locator("[data-testid=operator-questionnaire]");
  await q.locator("input[name=resolution][value=Resolved]").check();
  await q.locator("input[name=category][value=Billing]").check();
  await q.locator("[data-testid=questionnaire-submit]").click();
  await ann.locator("[data-testid=toast]", { hasText: "Questionnaire saved." }).waitFor();
  await q.waitFor({ state: "detached" });
}

/** A visitor starts, Ann opens the conversation and answers, then the visitor leaves. */
async function visitorLeavesAfterAnswer(ann: Page, url: string, name: string) {
  const v = await visitor(url, name, "support");
  await v.client.ok({ type: "message", text: "Where is my parcel?" });
  await tab(ann, name).click();
  await ann.locator("[data-testid=message][data-sender=visitor]").first().waitFor();
  const mark = v.client.frames.length;
  await composer(ann).fill("It left the warehouse this morning.");
  await composer(ann).press("Enter");
  await visitorEvent(v.client, "message", (e) => e.sender.kind === "operator", mark);
  await v.client.ok({ type: "end" });
  return v;
}

describe.skipIf(skip)("an operator questionnaire that must be answered", () => {
  const suite = consoleSuite(wrapup({ allowCloseWithoutAnswer: false, showCancelButton: true, showCompleteButton: true }));
  let ann: Page;

  beforeAll(async () => {
    ann = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(ann, "ann@example.com");
  }, BUILD_TIMEOUT_MS);

  test("the visitor ends the chat: the questionnaire opens for Ann, with no way to close it unanswered", async () => {
    const ada = await visitorLeavesAfterAnswer(ann, suite.parley.url, "Ada Lovelace");
    const q = ann.locator("[data-testid=operator-questionnaire]");
    await q.waitFor();
    expect(await q.locator("[data-testid=questionnaire-about]").textContent()).toBe("Conversation with Ada Lovelace");
    expect(await q.locator("button", { hasText: "Cancel" }).count()).toBe(0);
    await q.locator("input[name=resolution][value=Resolved]").focus();
    await ann.keyboard.press("Escape");
    await ann.mouse.click(5, 5); // the dimmed page around the form
    expect(await q.count()).toBe(1);
    expect(await dues(suite.parley.url)).toEqual([ada.conversationId]);
    await screenshot(ann, "40-operator-questionnaire-required");
  });

  test("a reload brings it back until it is answered; then it is no longer owed", async () => {
    await ann.reload();
    const q = ann.locator("[data-testid=operator-questionnaire]");
    await q.waitFor();
    expect(await q.locator("[data-testid=questionnaire-about]").textContent()).toBe("Conversation with Ada Lovelace");
    await answer(ann);
    expect(await dues(suite.parley.url)).toEqual([]);
    await ann.reload();
    await ann.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();
    await Bun.sleep(300);
    expect(await ann.locator("[data-testid=operator-questionnaire]").count()).toBe(0);
  });
});

describe.skipIf(skip)("an operator questionnaire that may be put off", () => {
  const suite = consoleSuite(wrapup({ allowCloseWithoutAnswer: true, showCancelButton: true, showCompleteButton: true }));
  let ann: Page;

  beforeAll(async () => {
    ann = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(ann, "ann@example.com");
  }, BUILD_TIMEOUT_MS);

  test("the visitor ends the chat; Ann cancels; the button under the input area reopens it; answered, it is gone", async () => {
    const grace = await visitorLeavesAfterAnswer(ann, suite.parley.url, "Grace Hopper");
    const q = ann.locator("[data-testid=operator-questionnaire]");
    await q.waitFor();
    await q.locator("button", { hasText: "Cancel" }).click();
    await q.waitFor({ state: "detached" });
    const button = ann.locator("[data-testid=complete-questionnaire]");
    await button.waitFor();
    await screenshot(ann, "41-complete-questionnaire-button");
    // Under the input area, and still there after a reload: the server keeps the due.
    const composerBox = (await ann.locator("parley-composer").boundingBox())!;
    expect((await button.boundingBox())!.y).toBeGreaterThanOrEqual(composerBox.y + composerBox.height - 1);
    await ann.reload();
    await ann.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();
    await ann.locator("[data-testid=folder-done]").click();
    await tab(ann, "Grace Hopper").click();
    await button.click();
    await q.waitFor();
    await answer(ann);
    await until("button gone", async () => (await button.count()) === 0);
    expect(await dues(suite.parley.url)).toEqual([]);
    expect(grace.conversationId).toBeTruthy();
  });
});
