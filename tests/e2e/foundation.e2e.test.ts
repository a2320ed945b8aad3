/**
 * The appliance as an admin meets it: the compiled binary, a YAML file, a data directory.
 * Probes, metrics, API docs, embedded UI, config errors, hot reload, graceful shutdown, online backup, CLI.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { BUILD_TIMEOUT_MS, E2E_TIMEOUT_MS, ensureBinary, minimalConfig, runParley, startParley, stopAll, type ParleyProcess } from "./harness";

setDefaultTimeout(E2E_TIMEOUT_MS);
beforeAll(() => ensureBinary(), BUILD_TIMEOUT_MS);
afterAll(() => stopAll());

const BROKEN_CONFIG = `server:
  port: eighty
operators:
  - id: admin
    name: Admin
    email: nobody
`;

describe("a running server", () => {
  let parley: ParleyProcess;
  beforeAll(async () => {
    parley = await startParley({ config: minimalConfig() });
  }, BUILD_TIMEOUT_MS);

  test("answers /healthz and /readyz with every check ok, each with a request id", async () => {
    const health = await fetch(`${parley.url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe("ok");
    expect(health.headers.get("x-request-id")).toBeTruthy();
    const ready = await fetch(`${parley.url}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", config: "ok" } });
  });

  test("exposes Prometheus metrics: process, HTTP and database figures", async () => {
    await fetch(`${parley.url}/healthz`);
    const text = await (await fetch(`${parley.url}/metrics`)).text();
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^parley_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/m);
    expect(text).toMatch(/^parley_db_size_bytes [1-9]\d*/m);
  });

  test("serves the OpenAPI document and the docs page", async () => {
    const spec = (await (await fetch(`${parley.url}/openapi.json`)).json()) as { info: { title: string }; paths: Record<string, unknown> };
    expect(spec.info.title).toBe("Parley API");
    expect(Object.keys(spec.paths)).toContain("/readyz");
    const docs = await fetch(`${parley.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
  });

  test("the docs page works offline: no external host, its viewer is served from the binary", async () => {
    const docs = await fetch(`${parley.url}/docs`);
    const csp = docs.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await docs.text();
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toContain("/docs/assets/swagger-ui-bundle.js");
    for (const url of urls.filter((u) => !u.startsWith("data:"))) {
      expect(url).toMatch(/^\/(?!\/)/);
      const asset = await fetch(`${parley.url}${url}`);
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      if (url.endsWith("swagger-ui-bundle.js")) expect(await asset.text()).toContain("SwaggerUIBundle");
    }
  });

  test("serves the embedded UI: pages, the widget loader and its immutable hashed bundle", async () => {
    const consolePage = await fetch(`${parley.url}/console`);
    expect(consolePage.headers.get("content-type")).toContain("text/html");
    expect(consolePage.headers.get("x-frame-options")).toBe("DENY");
    const html = await consolePage.text();
    const script = /src="(\/assets\/console-[a-z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${parley.url}${script}`, { headers: { "accept-encoding": "identity" } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("cache-control")).toContain("immutable");
    expect(bundle.headers.get("content-type")).toContain("javascript");

    const loader = await (await fetch(`${parley.url}/widget.js`)).text();
    const widget = /"\.\/(assets\/widget-[a-z0-9]+\.js)"/.exec(loader)?.[1];
    const widgetBundle = await fetch(`${parley.url}/${widget}`);
    expect(widgetBundle.status).toBe(200);
    expect(widgetBundle.headers.get("access-control-allow-origin")).toBe("*");
    expect(await widgetBundle.text()).toContain("parley-widget");
    for (const path of ["/manager", "/demo", "/"]) expect((await fetch(`${parley.url}${path}`)).status).toBe(200);
  });

  test("answers unknown routes and bad input with JSON error codes", async () => {
    const res = await fetch(`${parley.url}/no/such/route`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  test("takes a consistent, verified backup from a second process while serving", async () => {
    const traffic = Promise.all(Array.from({ length: 50 }, () => fetch(`${parley.url}/readyz`)));
    const target = join(parley.dir, "backups", "parley-backup.db");
    const backup = await runParley(["backup", "--to", target, "--config", parley.configFile]);
    await traffic;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const instanceId = /"instanceId":"([^"]+)"/.exec(parley.logs().join("\n"))?.[1];
    const copy = new Database(target, { readonly: true });
    expect(copy.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(copy.query("SELECT value FROM app_meta WHERE key = 'instance_id'").get()).toEqual({ value: instanceId! });
    copy.close();
    expect((await fetch(`${parley.url}/readyz`)).status).toBe(200);
  });
});

describe("configuration", () => {
  test("serve refuses a broken config: exit 1 with every error as file:line:col", async () => {
    const parley = await startParley({ config: BROKEN_CONFIG, waitForReady: false });
    const code = await parley.proc.exited;
    await parley.stop();
    expect(code).toBe(1);
    const output = parley.logs().join("\n");
    expect(output).toContain(`${parley.configFile}:2:9 server.port`);
    expect(output).toContain(`${parley.configFile}:6:12 operators[0].email`);
    expect(existsSync(parley.dataDir)).toBe(false);
  });

  test("check-config prints ok for a valid file and lists the errors of a broken one", async () => {
    const server = await startParley({ config: minimalConfig() });
    const ok = await runParley(["check-config", server.configFile]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout.split("\n")[0]).toBe("ok");
    await server.stop();
    writeFileSync(server.configFile, BROKEN_CONFIG);
    const broken = await runParley(["check-config", server.configFile]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${server.configFile}:2:9`);
  });

  test("a valid edit is applied live: raising the log level to debug logs probe requests", async () => {
    const parley = await startParley({ config: { ...minimalConfig(), server: { logLevel: "info" } } });
    await fetch(`${parley.url}/healthz`);
    expect(parley.logs().some((l) => l.includes('"path":"/healthz"'))).toBe(false);

    const mark = parley.logs().length;
    const current = parse(await Bun.file(parley.configFile).text()) as { server: Record<string, unknown> };
    current.server.logLevel = "debug";
    writeFileSync(parley.configFile, stringify(current));
    await parley.waitForLog(/"msg":"config reloaded"/, 10_000, mark);
    await fetch(`${parley.url}/healthz`);
    await parley.waitForLog(/"level":"debug","msg":"request".*"path":"\/healthz"/, 5_000, mark);
    expect(await parley.stop()).toBe(0);
  });

  test("an invalid edit is refused with its errors logged; the server keeps running on the old config", async () => {
    const parley = await startParley({ config: minimalConfig() });
    const good = await Bun.file(parley.configFile).text();
    const mark = parley.logs().length;
    writeFileSync(parley.configFile, good.replace("email: admin@example.com", "email: not-an-address"));
    const refused = await parley.waitForLog(/config reload refused/, 10_000, mark);
    expect(refused).toMatch(/parley\.yaml:\d+:\d+ operators\[0\]\.email/);
    expect((await fetch(`${parley.url}/readyz`)).status).toBe(200);
    expect(await parley.stop()).toBe(0);
  });
});

describe("graceful shutdown", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    test(`${signal} stops within 5 s with exit 0, the WAL checkpointed into the database file`, async () => {
      const parley = await startParley({ config: minimalConfig() });
      await Promise.all(Array.from({ length: 20 }, () => fetch(`${parley.url}/readyz`)));
      const started = performance.now();
      const code = await parley.stop(signal);
      const elapsed = performance.now() - started;
      expect(code).toBe(0);
      expect(elapsed).toBeLessThan(5000);
      await parley.waitForLog(/"msg":"stopped".*"clean":true/, 1000);
      const db = join(parley.dataDir, "parley.db");
      const wal = `${db}-wal`;
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
      const reopened = new Database(db, { readonly: true });
      expect(reopened.query("SELECT count(*) AS n FROM app_meta").get()).toEqual({ n: 2 });
      reopened.close();
    });
  }

  test("a restart on the same data directory keeps the instance identity", async () => {
    const first = await startParley({ config: minimalConfig() });
    const id = /"instanceId":"([^"]+)"/.exec(first.logs().join("\n"))?.[1];
    expect(await first.stop()).toBe(0);
    const config = parse(await Bun.file(first.configFile).text()) as Record<string, unknown>;
    const second = await startParley({ config });
    expect(second.logs().join("\n")).toContain(`"instanceId":"${id}"`);
    expect(await second.stop()).toBe(0);
  });
});

describe("command line", () => {
  test("version, --help, and usage errors exit 2", async () => {
    const version = await runParley(["version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^parley \d+\.\d+\.\d+ \(bun /);
    const help = await runParley(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("parley serve");
    const wrong = await runParley(["serve", "--frobnicate"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Usage:");
  });

  test("hash-password prints an argon2id hash of the piped password", async () => {
    const result = await runParley(["hash-password"], { stdin: "a long enough passphrase\n" });
    expect(result.code).toBe(0);
    expect(await Bun.password.verify("a long enough passphrase", result.stdout.trim())).toBe(true);
  });

  test("healthcheck exits 0 against a live server and 1 when nothing listens", async () => {
    const parley = await startParley({ config: minimalConfig() });
    expect((await runParley(["healthcheck", "--config", parley.configFile])).code).toBe(0);
    await parley.stop();
    const down = await runParley(["healthcheck", "--url", `${parley.url}/healthz`]);
    expect(down.code).toBe(1);
  });
});
