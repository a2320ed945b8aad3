/**
 * Structured logging: one JSON object per line on stdout (`{"t","level","msg",...fields}`), which
 * journald, Docker and every log shipper ingest without parsing rules. Child loggers bind fields
 * (request id, plugin id, conversation id) so call sites only pass what is new. The level is shared
 * by a root and all its children, so a config reload changes it everywhere at once.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Clock } from "../core/clock";
import type { PluginLogger } from "../plugins/api";

/** Severity levels, least severe first; the same names as `server.logLevel` in the config. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields attached to a log line. Errors are expanded to name, message and stack. */
export type LogFields = Record<string, unknown>;

/** A structured logger. Satisfies the plugin contract's logger so plugins get a child directly. */
export interface Logger extends PluginLogger {
  /** A logger whose lines all carry `fields` (later fields win over bound ones). */
  child(fields: LogFields): Logger;
  /** Whether a line at `level` would be written (to skip building expensive fields). */
  enabled(level: LogLevel): boolean;
}

/** The process-wide logger: owns the shared level. */
export interface RootLogger extends Logger {
  readonly level: LogLevel;
  setLevel(level: LogLevel): void;
}

/** Where lines go; stdout by default, an array in tests. */
export type LogSink = (line: string) => void;

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level?: LogLevel;
  sink?: LogSink;
  clock?: Clock;
}

/**
 * Fields bound to the current asynchronous context (the HTTP request being served), added to every
 * line logged while handling it — including lines from services that never saw the request.
 */
export const logContext = new AsyncLocalStorage<LogFields>();

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const stdoutSink: LogSink = (line) => process.stdout.write(line + "\n");

/** Creates the root logger. */
export function createLogger(options: LoggerOptions = {}): RootLogger {
  const state = { level: options.level ?? "info" };
  const sink = options.sink ?? stdoutSink;
  const now = options.clock ? () => options.clock!.now() : () => Date.now();

  const make = (bound: LogFields): Logger => {
    const write = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (rank[level] < rank[state.level]) return;
      sink(formatLine({ t: new Date(now()).toISOString(), level, msg, ...logContext.getStore(), ...bound, ...fields }));
    };
    return {
      debug: (msg, fields) => write("debug", msg, fields),
      info: (msg, fields) => write("info", msg, fields),
      warn: (msg, fields) => write("warn", msg, fields),
      error: (msg, fields) => write("error", msg, fields),
      child: (fields) => make({ ...bound, ...fields }),
      enabled: (level) => rank[level] >= rank[state.level],
    };
  };

  const root = make({});
  return {
    ...root,
    get level() {
      return state.level;
    },
    setLevel(level) {
      state.level = level;
    },
  };
}

/** A logger that drops everything, for tests that do not care about logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
  enabled: () => false,
};

/** JSON with Errors expanded and cycles/BigInts tolerated: a log call must never throw. */
function formatLine(record: LogFields): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(record, (_key, value: unknown) => {
      if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack, ...(value as object) };
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "object" && value !== null) {
        if (seen.has(value)) return "[circular]";
        seen.add(value);
      }
      return value;
    });
  } catch (error) {
    return JSON.stringify({ t: record.t, level: record.level, msg: record.msg, logError: String(error) });
  }
}
