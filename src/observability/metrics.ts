/**
 * Prometheus metrics via prom-client (the field's standard; verified under Bun and in the compiled
 * binary). One registry per server instance, so tests never share counters. Other modules receive
 * the typed {@link Metrics} object and increment what they own: the realtime hub the WebSocket
 * figures, repositories the query/transaction counters. Process figures (cpu, rss, heap, open fds,
 * event-loop lag) come from prom-client's default collectors.
 *
 * Start-up memory (measured with scripts/bench-startup.ts, figures in docs/operations.md):
 * - the metric classes are loaded from their own prom-client modules, not from its index, which
 *   also loads the Pushgateway (Node's http, https, url and zlib) and the cluster aggregator that
 *   Parley never uses. Other modules take the classes from here, never from "prom-client".
 * - the process collectors are registered on the first scrape, not at start: nothing reads them
 *   before. Memory and file descriptors are read at each scrape anyway; the cpu counters and the
 *   event-loop lag count from the first scrape instead of from start-up, which Prometheus's rate()
 *   does not notice.
 * - only prom-client's default collectors that measure something under Bun are registered
 *   ({@link processCollectors}): active handles, requests and resources, V8's heap spaces and GC
 *   durations read Node internals Bun does not have, and reported zeros or nothing.
 */
import { statSync } from "node:fs";
import type * as PromClient from "prom-client";

/** prom-client's Registry (loaded from its own module: see the header). */
export const Registry: typeof PromClient.Registry = require("prom-client/lib/registry");
export type Registry = PromClient.Registry;
/** prom-client's Counter. */
export const Counter: typeof PromClient.Counter = require("prom-client/lib/counter");
export type Counter<T extends string = string> = PromClient.Counter<T>;
/** prom-client's Gauge. */
export const Gauge: typeof PromClient.Gauge = require("prom-client/lib/gauge");
export type Gauge<T extends string = string> = PromClient.Gauge<T>;
/** prom-client's Histogram. */
export const Histogram: typeof PromClient.Histogram = require("prom-client/lib/histogram");
export type Histogram<T extends string = string> = PromClient.Histogram<T>;

/** Client roles on WebSocket figures. */
export type SocketRole = "visitor" | "operator";

/** Every figure Parley exposes, typed so increments are checked at compile time. */
export interface Metrics {
  readonly registry: Registry;
  readonly http: {
    /** Finished requests by method, route pattern (never the raw path: bounded cardinality) and status. */
    readonly requests: Counter<"method" | "route" | "status">;
    readonly duration: Histogram<"method" | "route">;
  };
  readonly ws: {
    /** Open sockets by role: `inc` on open, `dec` on close. */
    readonly connections: Gauge<"role">;
    readonly messagesIn: Counter<"role">;
    readonly messagesOut: Counter<"role">;
  };
  readonly db: {
    /** Statements executed, by a short kind label chosen by the caller (e.g. "message.insert"). */
    readonly queries: Counter<"kind">;
    /** Committed (`outcome="commit"`) and rolled-back transactions. */
    readonly transactions: Counter<"outcome">;
  };
  /** Reports the database file's size and WAL size at each scrape (call once the DB is open). */
  watchDatabaseFile(file: string): void;
  /** The exposition text for GET /metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  version?: string;
  /** Include process/runtime collectors (default true; tests of counters turn them off). */
  processMetrics?: boolean;
}

const fileSize = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** One of prom-client's default collectors: registers its metrics on a registry. */
type ProcessCollector = (registry: Registry, config: { eventLoopMonitoringPrecision: number }) => void;

/**
 * The default collectors Parley registers, each from its own module (statically listed, so the
 * binary contains them): cpu, start time, resident memory, file descriptors, event-loop lag, JS
 * heap, version. Loaded on the first scrape.
 */
function processCollectors(): ProcessCollector[] {
  return [
    require("prom-client/lib/metrics/processCpuTotal"),
    require("prom-client/lib/metrics/processStartTime"),
    require("prom-client/lib/metrics/osMemoryHeap"),
    require("prom-client/lib/metrics/processOpenFileDescriptors"),
    require("prom-client/lib/metrics/processMaxFileDescriptors"),
    require("prom-client/lib/metrics/eventLoopLag"),
    require("prom-client/lib/metrics/heapSizeAndUsed"),
    require("prom-client/lib/metrics/version"),
  ];
}

/** Creates a fresh registry with Parley's figures registered. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  let processMetrics = options.processMetrics !== false;
  const render = () => {
    if (processMetrics) {
      processMetrics = false;
      for (const register of processCollectors()) register(registry, { eventLoopMonitoringPrecision: 10 });
    }
    return registry.metrics();
  };

  const startedAt = performance.now();
  new Gauge({ name: "parley_build_info", help: "Parley version (always 1)", labelNames: ["version"], registers }).set({ version: options.version ?? "dev" }, 1);
  new Gauge({
    name: "parley_uptime_seconds",
    help: "Seconds since this server process started serving",
    registers,
    collect() {
      this.set((performance.now() - startedAt) / 1000);
    },
  });

  let dbFile: string | null = null;
  new Gauge({
    name: "parley_db_size_bytes",
    help: "Size of the SQLite database file",
    registers,
    collect() {
      if (dbFile) this.set(fileSize(dbFile));
    },
  });
  new Gauge({
    name: "parley_db_wal_size_bytes",
    help: "Size of the SQLite write-ahead log (grows between checkpoints)",
    registers,
    collect() {
      if (dbFile) this.set(fileSize(`${dbFile}-wal`));
    },
  });

  return {
    registry,
    http: {
      requests: new Counter({ name: "parley_http_requests_total", help: "HTTP requests served", labelNames: ["method", "route", "status"], registers }),
      duration: new Histogram({
        name: "parley_http_request_duration_seconds",
        help: "HTTP request duration",
        labelNames: ["method", "route"],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers,
      }),
    },
    ws: {
      connections: new Gauge({ name: "parley_ws_connections", help: "Open WebSocket connections", labelNames: ["role"], registers }),
      messagesIn: new Counter({ name: "parley_ws_messages_received_total", help: "WebSocket frames received from clients", labelNames: ["role"], registers }),
      messagesOut: new Counter({ name: "parley_ws_messages_sent_total", help: "WebSocket frames sent to clients", labelNames: ["role"], registers }),
    },
    db: {
      queries: new Counter({ name: "parley_db_queries_total", help: "Database statements executed", labelNames: ["kind"], registers }),
      transactions: new Counter({ name: "parley_db_transactions_total", help: "Database transactions", labelNames: ["outcome"], registers }),
    },
    watchDatabaseFile(file) {
      dbFile = file;
    },
    render,
    contentType: registry.contentType,
  };
}
