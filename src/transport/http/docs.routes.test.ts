import { describe, expect, test } from "bun:test";
import { gunzipSync } from "node:zlib";
import swaggerUiBundle from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "file" };
import { createLogger } from "../../observability/logger";
import { createMetrics } from "../../observability/metrics";
import { createApp } from "./app";
import { DOCS_ASSETS } from "./docs.routes";
import { Readiness } from "./health.routes";

const app = createApp({
  logger: createLogger({ level: "error", sink: () => {} }),
  metrics: createMetrics({ processMetrics: false }),
  readiness: new Readiness(),
  ui: null,
  version: "9.9.9",
});
const call = (path: string, headers: Record<string, string> = {}) => app.handle(new Request(`http://parley.test${path}`, { headers }));

/** Every URL the page makes the browser fetch (scripts, stylesheets, icons). */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

describe("/docs", () => {
  test("is an HTML page whose every script and stylesheet comes from this server", async () => {
    const res = await call("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    const urls = referencedUrls(html);
    expect(urls).toContain("/docs/assets/swagger-ui-bundle.js");
    for (const url of urls) expect(url).toMatch(/^(\/(?!\/)|data:)/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).toContain('data-spec-url="/openapi.json"');
  });

  test("runs under a policy that allows scripts and API calls from this origin only", async () => {
    const csp = (await call("/docs")).headers.get("content-security-policy") ?? "";
    const directive = (name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    expect(directive("default-src")).toBe("default-src 'none'");
    expect(directive("script-src")).toBe("script-src 'self'");
    expect(directive("style-src")).toBe("style-src 'self'");
    expect(directive("connect-src")).toBe("connect-src 'self'");
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(csp).not.toContain("http");
  });

  test("serves every file the page references, with its media type", async () => {
    const html = await (await call("/docs")).text();
    for (const url of referencedUrls(html).filter((u) => u.startsWith("/docs/assets/"))) {
      const res = await call(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers.get("content-type")).toMatch(url.endsWith(".css") ? /^text\/css/ : /^text\/javascript/);
    }
  });

  test("sends the viewer gzipped to browsers that accept it, byte-identical to the installed file", async () => {
    const original = await Bun.file(swaggerUiBundle).bytes();
    const zipped = await call("/docs/assets/swagger-ui-bundle.js", { "accept-encoding": "gzip, br" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const compressed = new Uint8Array(await zipped.arrayBuffer());
    expect(compressed.byteLength).toBeLessThan(original.byteLength / 2);
    expect(Buffer.from(gunzipSync(compressed)).equals(Buffer.from(original))).toBe(true);

    const plain = await call("/docs/assets/swagger-ui-bundle.js", { "accept-encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(Buffer.from(original))).toBe(true);
  });

  test("revalidates with an ETag: an unchanged file answers 304 without a body", async () => {
    const first = await call("/docs/assets/docs.js");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await call("/docs/assets/docs.js", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  test("the start-up script points Swagger UI at the page's spec and never at the public validator", async () => {
    const script = await (await call("/docs/assets/docs.js")).text();
    expect(script).toContain('getAttribute("data-spec-url")');
    expect(script).toContain("validatorUrl: null");
  });

  test("answers files outside the explicit list with a JSON not_found", async () => {
    for (const path of ["/docs/assets/index.html", "/docs/assets/..%2Fpackage.json", "/docs/assets/constructor", "/docs/assets/swagger-ui-bundle.js.map"]) {
      const res = await call(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    expect(Object.keys(DOCS_ASSETS).sort()).toEqual(["docs.css", "docs.js", "swagger-ui-bundle.js", "swagger-ui.css"]);
  });

  test("is not itself listed in the OpenAPI document", async () => {
    const spec = (await (await call("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths).filter((p) => p.startsWith("/docs"))).toEqual([]);
    expect(Object.keys(spec.paths)).toContain("/readyz");
  });
});
