/**
 * Shared helpers of the browser tests: headless Chromium through playwright-core, a host page served
 * from another origin (a real third-party embedding), and screenshots under test-artifacts/.
 *
 * When Chromium is missing the tests skip locally with a clear message, but fail under CI=true:
 * a CI run that silently skipped its browser tests would report green for a widget nobody ran.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Where the Chromium binary is expected (Debian's `chromium` package; .ci/run installs it). */
export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? "/usr/bin/chromium";
/** Flags for a quiet, sandbox-free headless run in containers. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];
/** Repository root. */
export const ROOT = resolve(import.meta.dir, "../..");

/** Whether the browser tests can run here; `reason` says why not. */
export function browserAvailability(): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (existsSync(CHROMIUM)) return { ok: true };
  return { ok: false, reason: `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set PARLEY_CHROMIUM)` };
}

/**
 * True when browser tests must be skipped: only locally, never in CI. Prints why, once per file.
 * In CI a missing browser is an error, reported by {@link requireBrowserInCi}.
 */
export function skipBrowserTests(): boolean {
  const availability = browserAvailability();
  if (availability.ok) return false;
  if (process.env.CI === "true") return false;
  console.warn(`⚠ browser tests skipped: ${availability.reason}`);
  return true;
}

/** Throws in CI when Chromium is missing, so the run fails instead of skipping. */
export function requireBrowserInCi(): void {
  const availability = browserAvailability();
  if (!availability.ok) throw new Error(`browser tests cannot run: ${availability.reason}`);
}

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  requireBrowserInCi();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A customer's site embedding the widget, served by its own server on its own origin. */
export interface HostSite {
  readonly origin: string;
  /** URL of a page of the site; the page's `<html lang>` and the snippet's data- attributes are chosen per URL. */
  url(path?: string, page?: HostPage): string;
  stop(): void;
}

/** What one page of the host site contains. */
export interface HostPage {
  /** `<html lang>` of the page. */
  readonly lang?: string;
  /** `data-*` attributes of the snippet (without the `data-` prefix). */
  readonly data?: Readonly<Record<string, string>>;
}

const escapeHtml = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The host page: hostile-ish global CSS, so a style leak into or out of the widget shows. */
export function hostPageHtml(widgetSrc: string, page: HostPage): string {
  const attributes = Object.entries(page.data ?? {})
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join("");
  return `<!doctype html>
<html lang="${escapeHtml(page.lang ?? "en")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Shop</title>
<style>
  body { font: 20px Georgia, serif; color: rgb(200, 0, 0); margin: 2rem; }
  button { background: lime !important; border: 4px dotted black; }
  p { letter-spacing: 3px; }
</style></head>
<body><h1>Acme Shop</h1><p id="host-text">Welcome to our shop. <button id="host-button">Buy</button> <a href="/other">Other page</a></p>
<script src="${escapeHtml(widgetSrc)}" async${attributes}></script>
</body></html>`;
}

/**
 * Serves the host site on `localhost` (Parley runs on 127.0.0.1: another origin, as on a real
 * customer site). Page options travel in the query string (`?lang=fr&data-department=sales`).
 */
export function serveHostSite(widgetSrc: string): HostSite {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const query = new URL(request.url).searchParams;
      const data: Record<string, string> = {};
      for (const [key, value] of query) if (key.startsWith("data-")) data[key.slice(5)] = value;
      return new Response(hostPageHtml(widgetSrc, { lang: query.get("lang") ?? "en", data }), { headers: { "content-type": "text/html; charset=utf-8" } });
    },
  });
  const origin = `http://localhost:${server.port}`;
  return {
    origin,
    url(path = "/", page: HostPage = {}) {
      const query = new URLSearchParams();
      if (page.lang) query.set("lang", page.lang);
      for (const [k, v] of Object.entries(page.data ?? {})) query.set(`data-${k}`, v);
      const qs = query.toString();
      return `${origin}${path}${qs ? `?${qs}` : ""}`;
    },
    stop: () => server.stop(true),
  };
}

/** Saves a screenshot as test-artifacts/widget/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, "test-artifacts", "widget");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * Closes a page or a context after leaving its pages for about:blank, so the widget's WebSocket is
 * closed while Playwright still tracks it (closing mid-frame makes playwright-core's in-process
 * connection throw "Cannot find object to frameSent" into whichever test runs next).
 */
export async function closeQuietly(target: Page | BrowserContext): Promise<void> {
  const pages = "pages" in target ? target.pages() : [target];
  for (const page of pages) await page.goto("about:blank").catch(() => {});
  await target.close();
}
