/**
 * When no chat is possible the widget says why (the configured phrase) and takes an offline message
 * that operators then find through the API: after hours (opening hours closed today), and when nobody
 * is connected. The server's widget config carries the engine's own admission answer, so the widget
 * opens directly on the offline form instead of letting the visitor fill in the welcome form first.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { closeQuietly, screenshot, skipBrowserTests } from "./browser-harness";
import { openWidget, signIn, startChat, widgetSuite, type Operator } from "./widget.fixtures";

setDefaultTimeout(60_000);
const skip = skipBrowserTests();

const CLOSED = "We are closed right now — back tomorrow at 9.";
const NOBODY = "Nobody can answer right now. Leave us a message!";

/** Today and tomorrow (UTC), closed: whatever the time, the service is closed now. */
function closedToday(): Record<string, unknown> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const allDay = [{ from: "00:00", to: "24:00" }];
  return {
    timezone: "UTC",
    weekly: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay },
    exceptions: [{ date: day(0), name: "Closed for the test", hours: [] }, { date: day(1), hours: [] }],
  };
}

/** Offline messages as operators list them. */
async function offlineMessages(url: string, olga: Operator): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${url}/api/offline-messages?status=all`, { headers: { cookie: olga.cookie, origin: url } });
  if (!res.ok) throw new Error(`offline messages: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: Record<string, unknown>[] }).items;
}

describe.skipIf(skip)("no chat possible: the configured phrase and the offline message form", () => {
  const s = widgetSuite({
    departments: [{ id: "sales", name: "Sales", openingHours: closedToday() }, { id: "support", name: "Support" }],
    routing: { mode: "department" },
    // Olga's socket closing makes her unavailable at once (no grace), so "nobody connected" is real.
    timeouts: { presenceGraceSeconds: 0 },
    widget: { phrases: { afterHours: CLOSED, noOperator: NOBODY } },
  }, { signInOlga: false });

  test("after hours: the phrase, a validated form, and the message stored for operators", async () => {
    const page = await s.browser.newPage();
    await page.goto(s.site.url("/", { data: { department: "sales", name: "Oscar" } }));
    await openWidget(page);
    // The embed's department is closed: its phrase and the form, before any Start button.
    await page.locator("parley-widget-panel p.lead", { hasText: CLOSED }).waitFor();
    await expect(page.locator("parley-widget-panel button", { hasText: "Start the chat" }).count()).resolves.toBe(0);
    await expect(page.locator("parley-widget-panel #of-name").inputValue()).resolves.toBe("Oscar");
    await screenshot(page, "30-after-hours-form");

    await page.locator("parley-widget-panel #of-email").fill("not an address");
    await page.locator("parley-widget-panel button.primary").click();
    await expect(page.locator("parley-widget-panel .field-error").allInnerTexts()).resolves.toEqual(["Enter a valid e-mail address.", "This field is required."]);
    await page.locator("parley-widget-panel #of-email").fill("oscar@example.org");
    await page.locator("parley-widget-panel #of-message").fill("Do you deliver on Sundays?");
    await page.locator("parley-widget-panel button.primary").click();
    await page.locator("parley-widget-panel h3", { hasText: "Your message has been sent." }).waitFor();
    await screenshot(page, "31-after-hours-sent");

    const olga = await signIn(s.parley.url);
    const stored = await offlineMessages(s.parley.url, olga);
    expect(stored).toContainEqual(expect.objectContaining({ name: "Oscar", email: "oscar@example.org", message: "Do you deliver on Sundays?", department: "sales", reason: "after_hours" }));
    olga.client.close();
    await closeQuietly(page);
  });

  test("nobody connected: the widget opens directly on the offline form with the phrase, in the page's French", async () => {
    const page = await s.browser.newPage();
    await page.goto(s.site.url("/", { lang: "fr", data: { department: "support" } }));
    await openWidget(page);
    await page.locator("parley-widget-panel p.lead", { hasText: NOBODY }).waitFor();
    await expect(page.locator("parley-widget-panel button", { hasText: "Démarrer" }).count()).resolves.toBe(0);
    await page.locator("parley-widget-panel label", { hasText: "Votre adresse e-mail" }).waitFor();
    await screenshot(page, "32-no-operator-fr");
    await page.locator("parley-widget-panel #of-name").fill("Zoé");
    await page.locator("parley-widget-panel #of-email").fill("zoe@example.fr");
    await page.locator("parley-widget-panel #of-message").fill("Rappelez-moi s'il vous plaît");
    await page.locator("parley-widget-panel button.primary").click();
    await page.locator("parley-widget-panel h3", { hasText: "Votre message a bien été envoyé." }).waitFor();

    const olga = await signIn(s.parley.url);
    expect(await offlineMessages(s.parley.url, olga)).toContainEqual(expect.objectContaining({ name: "Zoé", department: "support", reason: "no_operator" }));
    olga.client.close();
    await closeQuietly(page);
  });

  test("the availability follows the operators: offline form while nobody is there, the welcome form once Olga is connected", async () => {
    const page = await s.browser.newPage();
    await page.goto(s.site.url("/"));
    await openWidget(page);
    await page.locator("parley-widget-panel p.lead", { hasText: NOBODY }).waitFor();
    await page.locator("parley-widget-panel #of-message").waitFor();
    await expect(page.locator("parley-widget-panel #pf-__department").count()).resolves.toBe(0);
    await screenshot(page, "33-no-operator-up-front");

    const olga = await signIn(s.parley.url);
    await page.reload(); // the panel was open: it reopens by itself
    await page.locator("parley-widget-panel button.primary", { hasText: "Start the chat" }).waitFor();
    // Olga serves both departments; the closed one is still marked as such.
    await expect(page.locator("parley-widget-panel #pf-__department option").allInnerTexts()).resolves.toEqual(["Choose…", "Sales (closed)", "Support"]);
    await startChat(page, { __department: "support" });
    await olga.client.waitFor((f) => f.type === "conversation" && f.conversation.state === "active");
    olga.client.close();
    await closeQuietly(page);
  });
});
