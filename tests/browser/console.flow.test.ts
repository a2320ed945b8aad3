/**
 * The operator console in headless Chromium against the compiled binary: two console sessions (Ann,
 * operator of Support; Meg, manager of Support) and two visitors as protocol clients. A new
 * conversation flashes and raises a browser notification; Meg accepts a waiting one; Ann replies with
 * an expanded canned response, sees typing and read receipts, writes a note the visitor never gets,
 * transfers to Meg through the dialog; Meg hands it back with `/t` and Ann takes it with `/a`; a draft
 * survives a reload. A screenshot of each step lands in test-artifacts/console/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { BUILD_TIMEOUT_MS } from "../e2e/harness";
import type { WsTestClient } from "../../src/transport/ws/ws-client.testing";
import { skipBrowserTests } from "./browser-harness";
import { composer, consoleSuite, notifications, openConsole, operatorSocket, screenshot, signInConsole, tab, until, visitor, visitorEvent } from "./console.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();
/** A 32×32 red PNG (sniffed as image/png by the server). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAKklEQVR42mO4Y6NBU8QwasGoBaMWjFowasGoBaMWjFowasGoBaMWDBULAKMMAExsYKfaAAAAAElFTkSuQmCC", "base64");

describe.skipIf(skip)("the operator console, two operators and two visitors", () => {
  const suite = consoleSuite();
  let ann: Page;
  let meg: Page;
  let bob: WsTestClient;
  let ada: Awaited<ReturnType<typeof visitor>>;
  let grace: Awaited<ReturnType<typeof visitor>>;
  const errors: string[] = [];

  beforeAll(async () => {
    // Bob serves Sales but is on the phone: Sales visitors wait in the queue.
    bob = await operatorSocket(suite.parley.url, "bob@example.com");
    await bob.ok({ type: "status", status: "phone" });
  }, BUILD_TIMEOUT_MS);

  test("both operators sign in; Meg sets her status through the picker", async () => {
    const a = await openConsole(suite.browser, suite.parley.url);
    ann = a.page;
    a.page.on("pageerror", (e) => errors.push(`ann: ${e.message}`));
    await screenshot(ann, "01-sign-in");
    await signInConsole(ann, "ann@example.com");
    const m = await openConsole(suite.browser, suite.parley.url);
    meg = m.page;
    m.page.on("pageerror", (e) => errors.push(`meg: ${e.message}`));
    await signInConsole(meg, "meg@example.com");
    // Meg takes no new conversations for now, so Ada's goes to Ann.
    await meg.locator("[data-testid=status]").selectOption("phone");
    await until("Meg's status is Phone", async () => (await meg.locator("[data-testid=status]").inputValue()) === "phone");
    await screenshot(meg, "02-meg-status-phone");
  });

  test("a new conversation flashes, rings and raises a browser notification", async () => {
    ada = await visitor(suite.parley.url, "Ada Lovelace", "support");
    expect(ada.outcome).toBe("assigned");
    await ada.client.ok({ type: "message", text: "Hi, I need help with my **invoice**" });
    await tab(ann, "Ada Lovelace").locator("[data-attention=true]").waitFor();
    await until("Ann's notification", async () => (await notifications(ann)).length > 0);
    expect(await notifications(ann)).toEqual([{ title: "New conversation", body: "Ada Lovelace" }]);
    await tab(ann, "Ada Lovelace").locator("[data-testid=waiting-time]").waitFor();
    await screenshot(ann, "03-ann-new-conversation");
  });

  test("Meg accepts a waiting Sales conversation", async () => {
    await meg.locator("[data-testid=status]").selectOption("connected");
    await until("Meg connected", async () => (await meg.locator("[data-testid=status]").inputValue()) === "connected");
    grace = await visitor(suite.parley.url, "Grace Hopper", "sales");
    expect(grace.outcome).toBe("queued");
    await tab(meg, "Grace Hopper").locator("[data-attention=true]").waitFor();
    await until("Meg's notification", async () => (await notifications(meg)).some((n) => n.body === "Grace Hopper"));
    await meg.locator("[data-testid=queue-count]", { hasText: "1" }).waitFor();
    await screenshot(meg, "04-meg-waiting-conversation");
    const mark = grace.client.frames.length;
    await tab(meg, "Grace Hopper").click();
    await meg.locator("[data-testid=accept-banner]").click();
    const assigned = await visitorEvent(grace.client, "conversation.assigned", () => true, mark);
    expect(assigned.event.operator.name).toBe("Meg Boss");
    await composer(meg).fill("Yes, we have a team plan.");
    await composer(meg).press("Enter");
    const reply = await visitorEvent(grace.client, "message", (e) => e.sender.kind === "operator", mark);
    expect(reply.event.text).toBe("Yes, we have a team plan.");
    await screenshot(meg, "05-meg-accepted-and-replied");
  });

  test("Ann replies with a canned response (#), sees typing and the read receipt", async () => {
    await tab(ann, "Ada Lovelace").click();
    await ann.locator("[data-testid=message][data-sender=visitor]", { hasText: "Hi, I need help with my invoice" }).waitFor();
    await ann.locator("[data-testid=visitor-details]", { hasText: "Firefox 128" }).waitFor();
    // The widget sent the visitor's time zone: their local time ticks in the visitor panel.
    const spaces = (text: string) => text.replace(/\s+/g, " ").trim();
    const localTime = spaces(await ann.locator("[data-testid=visitor-local-time]").innerText());
    const tokyo = new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", weekday: "short" });
    expect([tokyo.format(Date.now() - 60_000), tokyo.format(Date.now())].map((t) => spaces(`${t} (Asia/Tokyo)`))).toContain(localTime);
    await composer(ann).click();
    await composer(ann).pressSequentially("#hel");
    await ann.locator("[data-testid=canned-option]", { hasText: "#hello" }).waitFor();
    await screenshot(ann, "06-ann-canned-search");
    await composer(ann).press("Enter");
    expect(await composer(ann).inputValue()).toBe("Hello Ada Lovelace, I am Ann Lee. How can I help?");
    const mark = ada.client.frames.length;
    await composer(ann).press("Enter");
    const reply = await visitorEvent(ada.client, "message", (e) => e.sender.kind === "operator", mark);
    expect(reply.event.text).toBe("Hello Ada Lovelace, I am Ann Lee. How can I help?");
    ada.client.send({ type: "typing", id: "ada-typing-1", on: true });
    await ann.locator("[data-testid=visitor-typing]", { hasText: "Ada Lovelace is typing" }).waitFor();
    await ada.client.ok({ type: "read", seq: reply.seq });
    await ann.locator("[data-testid=receipt]", { hasText: "Read" }).waitFor();
    await screenshot(ann, "07-ann-replied-read-typing");
  });

  test("an internal note is shown to staff and never reaches the visitor", async () => {
    await ann.locator("[data-testid=mode-note]").click();
    await composer(ann).fill("VIP customer, careful with refunds");
    await composer(ann).press("Enter");
    await ann.locator("[data-testid=note]", { hasText: "VIP customer, careful with refunds" }).waitFor();
    await ada.client.roundTrip();
    expect(JSON.stringify(ada.client.frames)).not.toContain("VIP customer");
    await screenshot(ann, "08-ann-internal-note");
  });

  test("Ann sends a file and asks the visitor for one", async () => {
    await ann.locator("[data-testid=mode-reply]").click();
    let mark = ada.client.frames.length;
    await ann.locator("[data-testid=file-input]").setInputFiles({ name: "invoice.png", mimeType: "image/png", buffer: PNG });
    const sent = await visitorEvent(ada.client, "message", (e) => e.sender.kind === "operator" && e.file !== null, mark);
    expect(sent.event.file).toMatchObject({ name: "invoice.png", mime: "image/png" });
    await ann.locator("[data-testid=file-link]", { hasText: "invoice.png" }).waitFor();
    mark = ada.client.frames.length;
    await composer(ann).fill("Could you send a photo of the damaged parcel?");
    await ann.locator("[data-testid=request-file]").click();
    const asked = await visitorEvent(ada.client, "file.requested", () => true, mark);
    expect(asked.event.message).toBe("Could you send a photo of the damaged parcel?");
    await until("the request's text leaves the composer", async () => (await composer(ann).inputValue()) === "");
    await ann.locator("[data-testid=toast]", { hasText: "The visitor was asked to send a file." }).waitFor();
    await screenshot(ann, "08b-ann-file-sent-and-requested");
  });

  test("Ann transfers to Meg through the dialog; Meg sees who transferred it and why", async () => {
    const mark = ada.client.frames.length;
    await ann.locator("[data-testid=transfer]").click();
    await ann.locator("[data-testid=transfer-to-meg]").check();
    await ann.locator("[data-testid=transfer-message]").fill("Wants a discount, please handle");
    await screenshot(ann, "09-ann-transfer-dialog");
    await ann.locator("[data-testid=transfer-submit]").click();
    const assigned = await visitorEvent(ada.client, "conversation.assigned", () => true, mark);
    expect(assigned.event.operator.name).toBe("Meg Boss");
    await tab(meg, "Ada Lovelace").locator("[data-testid=transfer-mark]", { hasText: "Transferred by Ann Lee: Wants a discount, please handle" }).waitFor();
    await until("Meg alerted of the transfer", async () => (await notifications(meg)).some((n) => n.title === "Conversation transferred to you"));
    await screenshot(meg, "10-meg-transferred-conversation");
    // Meg, now handling it, reads the history including Ann's note.
    await tab(meg, "Ada Lovelace").click();
    await meg.locator("[data-testid=note]", { hasText: "VIP customer" }).waitFor();
  });

  test("Meg hands it back with /t Ann and Ann takes it with /a", async () => {
    const mark = ada.client.frames.length;
    await composer(meg).fill("/t Ann back to you, thanks");
    await composer(meg).press("Enter");
    await ann.locator("[data-testid=transfer-offer]", { hasText: "Meg Boss asks you to take the conversation with Ada Lovelace" }).waitFor();
    await screenshot(ann, "11-ann-transfer-offer");
    await composer(ann).fill("/a");
    await composer(ann).press("Enter");
    const back = await visitorEvent(ada.client, "conversation.assigned", (e) => e.operator.id === "ann", mark);
    expect(back.event.operator.name).toBe("Ann Lee");
    await ann.locator("[data-testid=transfer-offer]").waitFor({ state: "detached" });
    await ann.locator("[data-testid=mode-reply]:not([disabled])").waitFor();
    await screenshot(ann, "12-ann-took-it-back");
  });

  test("a draft survives a reload", async () => {
    await ann.locator("[data-testid=mode-reply]").click();
    await composer(ann).fill("Let me check your invoice, one moment");
    await ann.reload();
    await ann.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();
    await tab(ann, "Ada Lovelace").click();
    await until("draft restored", async () => (await composer(ann).inputValue()) === "Let me check your invoice, one moment");
    await screenshot(ann, "13-ann-draft-after-reload");
    expect(errors).toEqual([]);
  });
});
