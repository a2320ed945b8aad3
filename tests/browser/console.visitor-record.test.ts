/**
 * The visitor record in the console's visitor panel, in headless Chromium against the binary: Ann
 * (operator) fills in the visitor's Additional information (text, select, date) and sees who changed
 * it; the visitor comes back in a new conversation and the values are there again. Ann has no way
 * to erase a visitor; Meg (manager) erases the visitor once their conversation ended, after typing
 * DELETE: the tabs leave her console and the visitor's widget is closed with 4003.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { CLOSE_CODES } from "../../src/transport/ws/protocol";
import { BUILD_TIMEOUT_MS } from "../e2e/harness";
import { skipBrowserTests } from "./browser-harness";
import { consoleSuite, openConsole, screenshot, signInConsole, tab, until, visitor } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

describe.skipIf(skip)("the visitor record in the console", () => {
  const suite = consoleSuite({
    visitors: {
      additionalInfoFields: [
        { id: "account", label: "Account number", maxLength: 20 },
        { id: "segment", label: "Customer segment", type: "select", options: ["Consumer", "Enterprise"] },
        { id: "follow-up", label: "Follow up on", type: "date" },
      ],
    },
  });
  let ann: Page;
  let meg: Page;

  beforeAll(async () => {
    ann = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(ann, "ann@example.com");
    meg = (await openConsole(suite.browser, suite.parley.url)).page;
    await signInConsole(meg, "meg@example.com");
    await meg.locator("[data-testid=status]").selectOption("phone");
    await until("Meg on the phone", async () => (await meg.locator("[data-testid=status]").inputValue()) === "phone");
  }, BUILD_TIMEOUT_MS);

  test("Ann fills in the additional information; it is there again in the visitor's next conversation; only Meg may erase the visitor", async () => {
    const vera = await visitor(suite.parley.url, "Vera Lyon", "support");
    await vera.client.ok({ type: "message", text: "About my contract" });
    await tab(ann, "Vera Lyon").click();
    const form = ann.locator("[data-testid=additional-info]");
    await form.waitFor();
    await form.locator("input[name=account]").fill("AC-1042");
    await form.locator("select[name=segment]").selectOption("Enterprise");
    await form.locator("input[name=follow-up]").fill("2027-03-15");
    await form.locator("[data-testid=additional-info-save]").click();
    await form.getByText("Changed by Ann Lee", { exact: false }).first().waitFor();
    await screenshot(ann, "70-visitor-additional-info");
    // An operator cannot erase anyone.
    expect(await ann.locator("[data-testid=erase-visitor]").count()).toBe(0);

    // The visitor ends the chat and comes back: a new conversation, the same record.
    await vera.client.ok({ type: "end" });
    const started = await vera.client.ok({ type: "start", department: "support" });
    const next = started.result.conversationId as string;
    expect(next).not.toBe(vera.conversationId);
    await vera.client.ok({ type: "message", text: "Me again" });
    const nextTab = ann.locator(`[data-conversation-id="${next}"]`);
    await nextTab.waitFor();
    await nextTab.click();
    const again = ann.locator("[data-testid=additional-info]");
    await until("the saved values shown again", async () => (await again.locator("input[name=account]").inputValue().catch(() => "")) === "AC-1042");
    expect(await again.locator("select[name=segment]").inputValue()).toBe("Enterprise");
    expect(await again.locator("input[name=follow-up]").inputValue()).toBe("2027-03-15");

    // Meg erases the visitor once the conversation is over.
    await vera.client.ok({ type: "end" });
    await meg.locator("[data-testid=folder-done]").click();
    await meg.locator(`[data-conversation-id="${next}"]`).click();
    const erase = meg.locator("[data-testid=erase-visitor]");
    await until("the erase button enabled (conversation ended)", async () => (await erase.count()) === 1 && (await erase.isEnabled()));
    await erase.click();
    const dialog = meg.locator("[data-testid=erase-visitor-dialog]");
    await dialog.waitFor();
    expect(await meg.locator("[data-testid=erase-submit]").isDisabled()).toBe(true);
    await meg.locator("[data-testid=erase-confirm]").fill("DELETE");
    await screenshot(meg, "71-erase-visitor-dialog");
    await meg.locator("[data-testid=erase-submit]").click();
    await meg.getByText("Visitor erased", { exact: false }).first().waitFor();
    await until("Vera's tabs gone from Meg's console", async () => (await tab(meg, "Vera Lyon").count()) === 0);
    expect((await vera.client.whenClosed()).code).toBe(CLOSE_CODES.unauthorized);
  });
});
