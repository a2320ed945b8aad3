import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../storage/db";
import { createMetrics } from "./metrics";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The value of one sample line, e.g. `name{a="b"} 3`. */
const sample = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

test("exposes process figures in Prometheus text format", async () => {
  const metrics = createMetrics({ version: "1.2.3" });
  const text = await metrics.render();
  expect(metrics.contentType).toStartWith("text/plain");
  expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(1_000_000);
  expect(sample(text, "process_cpu_seconds_total")).toBeGreaterThan(0);
  expect(text).toContain("nodejs_heap_size_used_bytes");
  expect(text).toContain("nodejs_eventloop_lag_p99_seconds");
  expect(sample(text, "process_open_fds")).toBeGreaterThan(0);
  // Collectors of Node internals Bun does not have would only report zeros.
  expect(text).not.toContain("nodejs_active_handles");
  expect(text).not.toContain("nodejs_heap_space_size");
  expect(sample(text, 'parley_build_info{version="1.2.3"}')).toBe(1);
  expect(sample(text, "parley_uptime_seconds")).toBeGreaterThanOrEqual(0);
});

test("process figures are there from the first scrape on, registered once, and keep counting", async () => {
  const metrics = createMetrics();
  const first = await metrics.render();
  expect(sample(first, "process_resident_memory_bytes")).toBeGreaterThan(1_000_000);
  const cpuBefore = sample(first, "process_cpu_seconds_total")!;
  const busyUntil = performance.now() + 30;
  while (performance.now() < busyUntil);
  const second = await metrics.render();
  expect(second.split("\n").filter((line) => line.startsWith("# TYPE nodejs_heap_size_used_bytes "))).toHaveLength(1);
  expect(sample(second, "process_cpu_seconds_total")).toBeGreaterThanOrEqual(cpuBefore + 0.02);
});

test("counters others increment show up with their labels, and registries are independent", async () => {
  const a = createMetrics({ processMetrics: false });
  const b = createMetrics({ processMetrics: false });
  a.http.requests.inc({ method: "GET", route: "/healthz", status: "200" });
  a.http.requests.inc({ method: "GET", route: "/healthz", status: "200" });
  a.ws.connections.inc({ role: "visitor" });
  a.ws.connections.inc({ role: "visitor" });
  a.ws.connections.dec({ role: "visitor" });
  a.ws.messagesIn.inc({ role: "operator" }, 5);
  a.db.transactions.inc({ outcome: "commit" });
  a.http.duration.observe({ method: "GET", route: "/healthz" }, 0.003);
  const text = await a.render();
  expect(sample(text, 'parley_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(2);
  expect(sample(text, 'parley_ws_connections{role="visitor"}')).toBe(1);
  expect(sample(text, 'parley_ws_messages_received_total{role="operator"}')).toBe(5);
  expect(sample(text, 'parley_db_transactions_total{outcome="commit"}')).toBe(1);
  expect(sample(text, 'parley_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/healthz"}')).toBe(1);
  expect(await b.render()).not.toContain('route="/healthz"');
});

test("reports the database and WAL sizes at scrape time", async () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-metrics-"));
  dirs.push(dir);
  const file = join(dir, "parley.db");
  const db = openDatabase(file);
  const metrics = createMetrics({ processMetrics: false });
  metrics.watchDatabaseFile(file);
  const before = sample(await metrics.render(), "parley_db_wal_size_bytes")!;
  for (let i = 0; i < 100; i++) db.sqlite.query("INSERT INTO app_meta (key, value, updated_at) VALUES (?, ?, 1)").run(`k${i}`, "x".repeat(500));
  const text = await metrics.render();
  expect(sample(text, "parley_db_size_bytes")).toBeGreaterThan(0);
  expect(sample(text, "parley_db_wal_size_bytes")).toBeGreaterThan(before);
  db.close();
});

test("server code takes prom-client's classes from this module, never from its index (which loads the Pushgateway's http, https and zlib at start)", async () => {
  const root = join(import.meta.dir, "..");
  const offenders: string[] = [];
  for await (const file of new Bun.Glob("**/*.ts").scan(root)) {
    if (/\.(test|fixtures)\.ts$/.test(file)) continue;
    const source = await Bun.file(join(root, file)).text();
    if (/^import (?!type\b)[^;]*from "prom-client";/m.test(source) || source.includes('require("prom-client")')) offenders.push(file);
  }
  expect(offenders).toEqual([]);
});
