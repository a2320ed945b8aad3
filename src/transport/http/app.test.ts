import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Elysia, t } from "elysia";
import { AppError } from "../../core/errors";
import { createLogger } from "../../observability/logger";
import { createMetrics } from "../../observability/metrics";
import { createApp } from "./app";
import { Readiness } from "./health.routes";
import { CACHE } from "./static.routes";
import { readUiDir, type UiBundle } from "./ui-assets";

const lines: string[] = [];
const logger = createLogger({ level: "debug", sink: (l) => lines.push(l) });
const metrics = createMetrics({ processMetrics: false });
const readiness = new Readiness();
let dbOk: true | string = true;
readiness.add({ name: "database", check: () => dbOk });

const demoRoutes = new Elysia({ name: "demo" })
  .post("/api/demo/:id", ({ body, params }) => ({ id: params.id, n: body.n }), {
    params: t.Object({ id: t.Numeric() }),
    body: t.Object({ n: t.Integer({ minimum: 1 }), name: t.Optional(t.String({ maxLength: 3 })) }),
  })
  .get("/api/demo/missing", () => {
    throw new AppError("conversation.not_found", "conversation c1 does not exist");
  })
  .get("/api/demo/crash", () => {
    logger.info("about to crash");
    throw new Error("database exploded");
  });

let dir: string;
let ui: UiBundle | null;
let app: ReturnType<typeof createApp>;
const bigJs = `console.log(${JSON.stringify("x".repeat(5000))});`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-ui-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "widget.js"), `import "./assets/widget-abc123.js";`);
  writeFileSync(join(dir, "assets/widget-abc123.js"), bigJs);
  writeFileSync(join(dir, "console.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(dir, "manager.html"), "<!doctype html><title>manager</title>");
  const files = ["widget.js", "assets/widget-abc123.js", "console.html", "manager.html"];
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ widget: "widget.js", pages: { console: "console.html", manager: "manager.html", demo: "manager.html" }, files }));
  ui = await readUiDir(dir);
  app = createApp({ logger, metrics, readiness, ui, version: "9.9.9", routes: [demoRoutes] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const call = (path: string, init?: RequestInit) => app.handle(new Request(`http://parley.test${path}`, init));
/** Elysia runs after-response hooks (access log, metrics) on the next macrotask; this lets them run. */
const afterResponseHooks = () => new Promise<void>((resolve) => setImmediate(resolve));
const post = (path: string, body: string) => call(path, { method: "POST", body, headers: { "content-type": "application/json" } });

describe("probes", () => {
  test("/healthz answers ok with the version", async () => {
    const res = await call("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "9.9.9" });
  });

  test("/readyz is 200 when every check passes and 503 naming the failed check otherwise", async () => {
    expect(await (await call("/readyz")).json()).toEqual({ status: "ready", checks: { database: "ok" } });
    dbOk = "database is closed";
    const res = await call("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", checks: { database: "database is closed" } });
    dbOk = true;
  });

  test("/metrics counts the requests served, by route pattern", async () => {
    await call("/api/demo/missing");
    await afterResponseHooks();
    const res = await call("/metrics");
    expect(res.headers.get("content-type")).toStartWith("text/plain");
    expect(await res.text()).toMatch(/parley_http_requests_total\{method="GET",route="\/api\/demo\/missing",status="404"\} [1-9]/);
  });
});

describe("errors", () => {
  test("an AppError becomes its status and {error:{code,message}}", async () => {
    const res = await call("/api/demo/missing");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "conversation.not_found", message: "conversation c1 does not exist" } });
  });

  test("schema violations are 400 request.invalid naming the field and the rule", async () => {
    const res = await post("/api/demo/7", JSON.stringify({ n: 0 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; path: string } };
    expect(body.error.code).toBe("request.invalid");
    expect(body.error.path).toBe("body.n");
    expect(body.error.message).toContain("greater or equal to 1");
    const long = (await (await post("/api/demo/7", JSON.stringify({ n: 1, name: "toolong" }))).json()) as typeof body;
    expect(long.error).toMatchObject({ code: "request.invalid", path: "body.name" });
    const params = (await (await post("/api/demo/abc", JSON.stringify({ n: 1 }))).json()) as typeof body;
    expect(params.error).toMatchObject({ code: "request.invalid", path: "params.id" });
  });

  test("valid input reaches the handler", async () => {
    const res = await post("/api/demo/7", JSON.stringify({ n: 2 }));
    expect(await res.json()).toEqual({ id: 7, n: 2 });
  });

  test("malformed JSON is 400 request.invalid, not a crash", async () => {
    const res = await post("/api/demo/7", "{nope");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("request.invalid");
  });

  test("an unknown route is a JSON 404 not_found", async () => {
    const res = await call("/nowhere");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no route for GET /nowhere" } });
  });

  test("an unexpected throw is a 500 internal with the request id, logged with its stack on the request's lines", async () => {
    lines.length = 0;
    const res = await call("/api/demo/crash", { headers: { "x-request-id": "trace-123" } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: "internal", requestId: "trace-123" });
    expect(body.error.message).not.toContain("exploded");
    const logged = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(logged.find((l) => l.msg === "about to crash")?.requestId).toBe("trace-123");
    const err = logged.find((l) => l.msg === "unhandled error");
    expect(err?.requestId).toBe("trace-123");
    expect(err?.err.stack).toContain("database exploded");
  });
});

describe("request id and headers", () => {
  test("a sane incoming X-Request-Id is kept, an unsafe one replaced", async () => {
    expect((await call("/healthz", { headers: { "x-request-id": "abc-1" } })).headers.get("x-request-id")).toBe("abc-1");
    const replaced = (await call("/healthz", { headers: { "x-request-id": "bad id\u0007<script>" } })).headers.get("x-request-id");
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("every response carries nosniff and a referrer policy; console refuses framing, the widget allows embedding", async () => {
    const api = await call("/healthz");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const consolePage = await call("/console");
    expect(consolePage.headers.get("x-frame-options")).toBe("DENY");
    expect(consolePage.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(consolePage.headers.get("referrer-policy")).toBe("no-referrer");
    const widget = await call("/widget.js");
    expect(widget.headers.get("x-frame-options")).toBeNull();
    expect(widget.headers.get("access-control-allow-origin")).toBe("*");
    expect((await call("/nowhere")).headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("UI", () => {
  test("widget loader revalidates, hashed chunks are immutable, pages are HTML and SPA paths fall back to the shell", async () => {
    const loader = await call("/widget.js");
    expect(loader.headers.get("content-type")).toContain("javascript");
    expect(loader.headers.get("cache-control")).toBe(CACHE.loader);
    const chunk = await call("/assets/widget-abc123.js");
    expect(chunk.headers.get("cache-control")).toBe(CACHE.immutable);
    expect(await chunk.text()).toBe(bigJs);
    for (const path of ["/console", "/console/conversations/42", "/manager"]) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("cache-control")).toBe(CACHE.page);
    }
    expect(await (await call("/manager/reports")).text()).toContain("<title>manager</title>");
  });

  test("gzip when accepted, 304 when the ETag matches, 404 for files outside the bundle", async () => {
    const zipped = await call("/assets/widget-abc123.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const raw = new Uint8Array(await zipped.arrayBuffer());
    expect(raw.byteLength).toBeLessThan(bigJs.length / 4);
    expect(new TextDecoder().decode(Bun.gunzipSync(raw))).toBe(bigJs);
    const etag = zipped.headers.get("etag")!;
    expect((await call("/assets/widget-abc123.js", { headers: { "if-none-match": etag } })).status).toBe(304);
    const missing = await call("/assets/../manifest.json");
    expect(missing.status).toBe(404);
    expect((await call("/assets/nope.js")).status).toBe(404);
  });

  test("the landing page links to console, dashboard and docs", async () => {
    const html = await (await call("/")).text();
    for (const href of ["/console", "/manager", "/docs"]) expect(html).toContain(`href="${href}"`);
  });

  test("without a built bundle the UI routes say so with a JSON 404 while the API keeps working", async () => {
    const bare = createApp({ logger, metrics: createMetrics({ processMetrics: false }), readiness: new Readiness(), ui: null, version: "1" });
    const res = await bare.handle(new Request("http://localhost/console"));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("not built");
    expect((await bare.handle(new Request("http://localhost/healthz"))).status).toBe(200);
  });
});

describe("API documentation", () => {
  test("/openapi.json documents the routes and the error codes; /docs is an HTML page", async () => {
    const spec = (await (await call("/openapi.json")).json()) as { info: { title: string; version: string; description: string }; paths: Record<string, unknown> };
    expect(spec.info).toMatchObject({ title: "Parley API", version: "9.9.9" });
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/api/demo/{id}"]));
    expect(Object.keys(spec.paths)).not.toContain("/console");
    expect(spec.info.description).toContain("`conversation.not_found` | 404");
    const docs = await call("/docs");
    expect(docs.headers.get("content-type")).toContain("text/html");
  });
});
