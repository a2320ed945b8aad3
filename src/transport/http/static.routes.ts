/**
 * Serves the UI bundles: `/widget.js` (the stable loader sites embed) and its hashed chunks under
 * `/assets/`, the operator console at `/console`, the manager dashboard at `/manager`, a page
 * embedding the widget the way a customer site would at `/demo`, and a small landing page at `/`. Hashed files are cached forever (`immutable`); the loader and HTML shells
 * revalidate with an ETag, so a deploy reaches every browser without stale mixes. Text files are
 * gzipped once on first request and kept in memory — the whole bundle is a few hundred kilobytes.
 */
import { Elysia } from "elysia";
import { errorBody } from "./errors";
import type { UiBundle } from "./ui-assets";

/** Cache policies by kind of file. */
export const CACHE = {
  immutable: "public, max-age=31536000, immutable",
  loader: "public, max-age=300, must-revalidate",
  page: "no-cache",
} as const;

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)/;
const MIN_GZIP_BYTES = 1024;

interface CachedFile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer> | null;
  readonly etag: string;
  readonly type: string;
}

/** Loads, hashes and compresses bundle files once each. */
class FileCache {
  private readonly files = new Map<string, Promise<CachedFile | null>>();
  constructor(private readonly ui: UiBundle | null) {}

  get(file: string): Promise<CachedFile | null> {
    let entry = this.files.get(file);
    if (!entry) {
      entry = this.load(file);
      this.files.set(file, entry);
    }
    return entry;
  }

  private async load(file: string): Promise<CachedFile | null> {
    const path = this.ui?.pathOf(file);
    if (!path) return null;
    const blob = Bun.file(path);
    const body = new Uint8Array(await blob.arrayBuffer());
    const type = blob.type || "application/octet-stream";
    const gzip = COMPRESSIBLE.test(type) && body.byteLength >= MIN_GZIP_BYTES ? new Uint8Array(Bun.gzipSync(body)) : null;
    return { body, gzip, type, etag: `"${Bun.hash(body).toString(36)}"` };
  }
}

/** A response for one bundle file honouring If-None-Match and Accept-Encoding. */
function respond(request: Request, file: CachedFile, cacheControl: string): Response {
  const headers = new Headers({ "content-type": file.type, "cache-control": cacheControl, etag: file.etag, vary: "Accept-Encoding" });
  if (request.headers.get("if-none-match") === file.etag) return new Response(null, { status: 304, headers });
  const wantsGzip = file.gzip !== null && /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
  if (wantsGzip) headers.set("content-encoding", "gzip");
  return new Response(wantsGzip ? file.gzip : file.body, { headers });
}

const notBuilt = (what: string) => new Response(JSON.stringify(errorBody("not_found", `${what} is not available: the UI bundle was not built (run npm run build)`)), { status: 404, headers: { "content-type": "application/json; charset=utf-8" } });

/** Named Elysia plugin serving the UI; hidden from the OpenAPI document (it is not API). */
export function staticRoutes(deps: { ui: UiBundle | null; version: string }) {
  const cache = new FileCache(deps.ui);
  const serve = async (request: Request, file: string | undefined, cacheControl: string, what: string) => {
    const cached = file === undefined ? null : await cache.get(file);
    return cached ? respond(request, cached, cacheControl) : notBuilt(what);
  };
  const page = (name: "console" | "manager" | "demo") => ({ request }: { request: Request }) => serve(request, deps.ui?.manifest.pages[name], CACHE.page, `/${name}`);
  const hidden = { detail: { hide: true } };
  const landing = landingPage(deps.version);

  return new Elysia({ name: "static-ui" })
    .get("/", () => new Response(landing, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": CACHE.page } }), hidden)
    .get("/widget.js", ({ request }) => serve(request, deps.ui?.manifest.widget, CACHE.loader, "/widget.js"), hidden)
    .get("/assets/*", ({ request, params }) => serve(request, `assets/${params["*"]}`, CACHE.immutable, `/assets/${params["*"]}`), hidden)
    .get("/console", page("console"), hidden)
    .get("/console/*", page("console"), hidden)
    .get("/manager", page("manager"), hidden)
    .get("/manager/*", page("manager"), hidden)
    .get("/demo", page("demo"), hidden);
}

/** The front door: what this server is and where to go. No script, works without the bundle. */
function landingPage(version: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}
a{display:block;padding:.75rem 1rem;margin:.5rem 0;border:1px solid #d0d7de;border-radius:.5rem;color:#1f5fbf;text-decoration:none}
a:hover{background:#f6f8fa}small{color:#57606a}</style></head>
<body><h1>Parley</h1><p>Self-hosted live chat.</p>
<a href="/console">Operator console</a>
<a href="/manager">Manager dashboard</a>
<a href="/docs">API documentation</a>
<a href="/demo">Try the chat widget</a>
<small>Parley ${version.replace(/[^\w.+-]/g, "")}</small></body></html>`;
}
