/**
 * What the console browser tests share: a Parley config with two console users (Ann, operator of
 * Support; Meg, manager of Support) and Bob (Sales, driven over the protocol), console sign-in in a
 * fresh browser context with a spy on `Notification`, widget visitors as protocol clients, and
 * screenshots under test-artifacts/console/.
 */
import { afterAll, beforeAll } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { WsTestClient, type Frame } from "../../src/transport/ws/ws-client.testing";
import { BUILD_TIMEOUT_MS, ensureBinary, freePort, startParley, stopAll, type ParleyProcess } from "../e2e/harness";
import { ROOT, launchBrowser } from "./browser-harness";

/** Everyone's password. */
export const PASSWORD = "console-browser-password-1";

/** The config of a console test file; `extra` overrides top-level keys. */
export async function consoleConfig(port: number, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const hash = await Bun.password.hash(PASSWORD, { algorithm: "argon2id", memoryCost: 4096, timeCost: 2 });
  return {
    server: { host: "127.0.0.1", port, publicUrl: `http://127.0.0.1:${port}`, logLevel: "warn" },
    rateLimits: { startConversation: { perMinute: 0 }, sendMessage: { perMinute: 0 }, login: { perMinute: 0 }, upload: { perMinute: 0 } },
    operators: [
      { id: "root", name: "Root Admin", email: "root@example.com", role: "admin", passwordHash: hash },
      { id: "ann", name: "Ann Lee", email: "ann@example.com", role: "operator", departments: ["support"], passwordHash: hash },
      { id: "meg", name: "Meg Boss", email: "meg@example.com", role: "manager", departments: ["support"], passwordHash: hash },
      { id: "bob", name: "Bob Stone", email: "bob@example.com", role: "operator", departments: ["sales"], passwordHash: hash },
    ],
    departments: [{ id: "support", name: "Support" }, { id: "sales", name: "Sales" }],
    routing: { mode: "department" },
    statuses: [{ id: "phone", label: "Phone" }],
    cannedResponses: [
      { shortcut: "hello", topic: "Greetings", text: "Hello %VISITOR%, I am %OPERATOR%. How can I help?" },
      { shortcut: "refund", topic: "Billing", text: "Refunds take 5 business days." },
    ],
    knowledgeBase: { articles: [{ title: "Reset your password", body: "Open Settings, then Security, and choose Reset password.", tags: ["account"] }] },
    widget: { visitorProfileFields: [{ id: "plan", label: "Plan" }] },
    ...extra,
  };
}

/** What a console test file runs against. */
export interface ConsoleSuite {
  parley: ParleyProcess;
  browser: Browser;
}

/**
 * Registers the file's setup: the binary (built if stale), Parley with {@link consoleConfig} and
 * `extra`, and headless Chromium; torn down after the file. A file's own `beforeAll` runs after it.
 */
export function consoleSuite(extra: Record<string, unknown> = {}): ConsoleSuite {
  const suite = {} as ConsoleSuite;
  beforeAll(async () => {
    await ensureBinary();
    suite.parley = await startParley({ config: await consoleConfig(freePort(), extra) });
    suite.browser = await launchBrowser();
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await suite.browser?.close();
    await stopAll();
  });
  return suite;
}

/** Saves a screenshot as test-artifacts/console/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, "test-artifacts", "console");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * A console page in its own browser context (its own cookies), notifications granted, every
 * `new Notification(…)` recorded in `window.__notifications`, page errors collected.
 */
export async function openConsole(browser: Browser, url: string, options: { colorScheme?: "light" | "dark" } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, colorScheme: options.colorScheme ?? "light", locale: "en-GB" });
  await context.grantPermissions(["notifications"], { origin: url });
  await context.addInitScript(() => {
    const w = window as unknown as { __notifications: { title: string; body?: string }[]; Notification: typeof Notification };
    w.__notifications = [];
    const Real = w.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__notifications.push({ title, body: options?.body });
      }
    }
    Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
    w.Notification = Recorded as unknown as typeof Notification;
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${url}/console`);
  return { page, errors };
}

/** Signs in through the console's form and waits for the workspace. */
export async function signInConsole(page: Page, email: string): Promise<void> {
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("button[type=submit]").click();
  await page.locator("[data-testid=connection]", { hasText: "Live" }).waitFor();
}

/** Notifications the page raised so far. */
export function notifications(page: Page): Promise<{ title: string; body?: string }[]> {
  return page.evaluate(() => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications);
}

/** The conversation tab of a visitor. */
export function tab(page: Page, visitorName: string): Locator {
  return page.locator("parley-conversation-item", { hasText: visitorName });
}

/** The reply box. */
export function composer(page: Page): Locator {
  return page.locator("parley-composer textarea");
}

/** A signed-in staff member over HTTP (cookie + CSRF token) for API calls. */
export async function apiSession(url: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: body.csrfToken };
}

/** An operator socket (for Bob, who never opens the console). */
export async function operatorSocket(url: string, email: string): Promise<WsTestClient> {
  const { cookie } = await apiSession(url, email);
  const client = await WsTestClient.open(`${url.replace("http", "ws")}/ws/operator`, { origin: url, cookie });
  await client.ok({ type: "hello" });
  return client;
}

/** A widget visitor as a protocol client: session, socket, hello, start. */
export async function visitor(url: string, name: string, department: string): Promise<{ client: WsTestClient; conversationId: string; outcome: string }> {
  const session = (await (
    await fetch(`${url}/api/widget/session`, { method: "POST", headers: { origin: url, "content-type": "application/json" }, body: JSON.stringify({ name, email: `${name.split(" ")[0]!.toLowerCase()}@example.com` }) })
  ).json()) as { token: string };
  const client = await WsTestClient.open(`${url.replace("http", "ws")}/ws/visitor`, { origin: url });
  await client.ok({ type: "hello", token: session.token });
  const started = await client.ok({
    type: "start",
    department,
    pageUrl: "https://shop.example/pricing",
    referrer: "https://search.example/?q=parley",
    language: "fr-CA",
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    timezone: "Asia/Tokyo",
    fields: { plan: "Pro" },
  });
  return { client, conversationId: started.result.conversationId as string, outcome: started.result.outcome as string };
}

/** The next event of `type` a visitor receives after frame index `from`. */
export function visitorEvent(client: WsTestClient, type: string, predicate: (e: Frame) => boolean = () => true, from = 0): Promise<Frame> {
  return client.waitFor((f) => f.type === "event" && f.event.type === type && predicate(f.event), { from, timeoutMs: 10_000 });
}

/** Polls `check` until it returns true (UI state settling), failing with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await Bun.sleep(50);
  }
  throw new Error(`timed out waiting for: ${what}`);
}
