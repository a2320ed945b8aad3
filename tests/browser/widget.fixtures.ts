/**
 * What the widget browser tests share: a Parley config allowing the host site, Olga the operator
 * driving the conversation over the real protocol (signed in through /api/auth/login, then her
 * WebSocket, exactly like the console), and small page helpers.
 */
import { afterAll, beforeAll } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { WsTestClient, type Frame } from "../../src/transport/ws/ws-client.testing";
import { BUILD_TIMEOUT_MS, ensureBinary, freePort, startParley, stopAll, type ParleyProcess } from "../e2e/harness";
import { launchBrowser, serveHostSite, type HostSite } from "./browser-harness";

/** Olga's password. */
export const PASSWORD = "olga-browser-password-1";

/** A config for one test file: Olga (operator, sales + support) and Ada (admin), the host site allowed, no rate limits. */
export async function widgetConfig(port: number, hostOrigin: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const hash = await Bun.password.hash(PASSWORD, { algorithm: "argon2id", memoryCost: 4096, timeCost: 2 });
  return {
    server: { host: "127.0.0.1", port, publicUrl: `http://127.0.0.1:${port}`, allowedOrigins: [hostOrigin], logLevel: "warn" },
    rateLimits: { startConversation: { perMinute: 0 }, sendMessage: { perMinute: 0 }, login: { perMinute: 0 }, upload: { perMinute: 0 } },
    operators: [
      { id: "olga", name: "Olga Operator", email: "olga@example.com", role: "operator", departments: ["sales", "support"], passwordHash: hash },
      { id: "ada", name: "Ada Admin", email: "ada@example.com", role: "admin", passwordHash: hash },
    ],
    departments: [{ id: "sales", name: "Sales" }, { id: "support", name: "Support" }],
    ...extra,
  };
}

/** What a widget test file runs against; `parley` and `olga` may be replaced (a server restart). */
export interface WidgetSuite {
  parley: ParleyProcess;
  site: HostSite;
  browser: Browser;
  olga: Operator;
}

/**
 * Registers the file's setup: the binary (built if stale), a host site on another origin, Parley
 * configured with `extra` and allowing that site, headless Chromium, and Olga signed in (her socket
 * closes when `signInOlga` is false). Torn down after the file.
 */
export function widgetSuite(extra: Record<string, unknown>, options: { signInOlga?: boolean } = {}): WidgetSuite {
  const suite = {} as WidgetSuite;
  beforeAll(async () => {
    await ensureBinary();
    const port = freePort();
    suite.site = serveHostSite(`http://127.0.0.1:${port}/widget.js`);
    suite.parley = await startParley({ config: await widgetConfig(port, suite.site.origin, extra) });
    suite.browser = await launchBrowser();
    if (options.signInOlga !== false) suite.olga = await signIn(suite.parley.url);
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await suite.browser?.close();
    suite.site?.stop();
    await stopAll();
  });
  return suite;
}

/** Olga, signed in, with her operator socket open and greeted. */
export interface Operator {
  readonly client: WsTestClient;
  readonly cookie: string;
  /** The first event frame of `conversationId` matching `predicate`, waiting for it. */
  event(conversationId: string, predicate: (event: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  /** Every message text the visitor sent in `conversationId`, in order (to count duplicates). */
  visitorTexts(conversationId: string): string[];
}

/** Signs Olga (or another operator) in and opens her socket. */
export async function signIn(url: string, email = "olga@example.com"): Promise<Operator> {
  const res = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const client = await WsTestClient.open(`${url.replace("http", "ws")}/ws/operator`, { origin: url, cookie });
  await client.ok({ type: "hello" });
  return {
    client,
    cookie,
    event: (conversationId, predicate, timeoutMs = 10_000) => client.waitFor((f) => f.type === "event" && f.conversationId === conversationId && predicate(f.event), { timeoutMs }),
    visitorTexts: (conversationId) =>
      client.frames
        .filter((f) => f.type === "event" && f.conversationId === conversationId && f.event.type === "message" && f.event.sender.kind === "visitor")
        .map((f) => f.event.text as string),
  };
}

/** The visitor's messages of a conversation as stored on the server (its event log), in order. */
export async function storedVisitorTexts(url: string, olga: Operator, conversationId: string): Promise<string[]> {
  const res = await fetch(`${url}/api/conversations/${conversationId}/events?limit=200`, { headers: { cookie: olga.cookie, origin: url } });
  if (!res.ok) throw new Error(`history: ${res.status} ${await res.text()}`);
  const { events } = (await res.json()) as { events: { event: { type: string; text?: string; sender?: { kind: string } } }[] };
  return events.filter((e) => e.event.type === "message" && e.event.sender?.kind === "visitor").map((e) => e.event.text ?? "");
}

/** The id of the newest conversation Olga was told about (assigned or waiting). */
export async function newConversation(olga: Operator, after: number, state?: string): Promise<string> {
  const frame = await olga.client.waitFor((f) => f.type === "conversation" && (!state || f.conversation.state === state), { from: after, timeoutMs: 10_000 });
  return frame.conversation.id as string;
}

/** Texts of the widget's timeline messages, in order. */
export function timelineTexts(page: Page): Promise<string[]> {
  return page.locator("parley-widget-panel li.msg .bubble").allInnerTexts().then((texts) => texts.map((t) => t.trim()));
}

/** Opens the panel by clicking the launcher and waits for it. */
export async function openWidget(page: Page): Promise<void> {
  await page.locator("parley-widget .launcher").click();
  await page.locator("parley-widget-panel .panel").waitFor();
}

/** Fills the welcome form's fields (by field id) and starts the chat. */
export async function startChat(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [id, value] of Object.entries(fields)) {
    const field = page.locator(`parley-widget-panel #pf-${id}`);
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
  await page.locator("parley-widget-panel button.primary", { hasText: /Start|Démarrer/ }).click();
}

/** Types a message in the composer and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.locator("parley-widget-panel textarea");
  await box.fill(text);
  await box.press("Enter");
}
