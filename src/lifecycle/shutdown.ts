/**
 * Graceful shutdown as an explicit registry: each module that holds something open (the HTTP
 * listener, WebSockets, jobs, the database) registers a hook in the phase where it belongs, and the
 * server runs the phases in order on SIGTERM/SIGINT. Hooks of one phase run together; a hook that
 * throws or hangs is logged and skipped so the next phases still run — above all `storage`, which
 * checkpoints and closes the database so nothing committed is left only in the WAL.
 */
import type { Logger } from "../observability/logger";

/**
 * Phases, in the order they run:
 * - `accept`: stop taking new connections (the listener);
 * - `connections`: close live connections with a reason (WebSockets: code 1001 "server shutting down");
 * - `drain`: wait for in-flight HTTP requests to finish;
 * - `work`: stop background work (cron jobs, deadline timers, plugin watchers, config watcher);
 * - `storage`: flush and close storage (WAL checkpoint, database close). Always runs.
 */
export const SHUTDOWN_PHASES = ["accept", "connections", "drain", "work", "storage"] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

/** A shutdown hook; receives why the server stops (e.g. "SIGTERM"). */
export type ShutdownHook = (reason: string) => void | Promise<void>;

/** What happened during a shutdown. */
export interface ShutdownReport {
  /** True when every hook finished in time without throwing. */
  readonly clean: boolean;
  /** `phase/name` of each hook that threw or ran out of time. */
  readonly failed: readonly string[];
}

/** Options of {@link ShutdownHooks.run}. */
export interface ShutdownRunOptions {
  /** Time allowed for everything before `storage` (default 4000 ms, inside the 5 s a supervisor waits). */
  budgetMs?: number;
  logger: Logger;
  /** Resolves after `ms`; injected so tests decide when time is up without sleeping. */
  after?: (ms: number) => Promise<void>;
  /** Milliseconds since some fixed point; injected with `after`. */
  now?: () => number;
}

/** The registry of shutdown hooks; runs once (later calls get the first run's report). */
export class ShutdownHooks {
  private readonly hooks = new Map<ShutdownPhase, { name: string; hook: ShutdownHook }[]>();
  private running: Promise<ShutdownReport> | null = null;

  /** Registers `hook` in `phase`; `name` appears in logs. */
  add(phase: ShutdownPhase, name: string, hook: ShutdownHook): void {
    const list = this.hooks.get(phase) ?? [];
    list.push({ name, hook });
    this.hooks.set(phase, list);
  }

  /** Whether a shutdown has begun (e.g. to refuse new work). */
  get started(): boolean {
    return this.running !== null;
  }

  /** Runs every phase in order within the budget; `storage` runs even when the budget is spent. */
  run(reason: string, options: ShutdownRunOptions): Promise<ShutdownReport> {
    this.running ??= this.runPhases(reason, options);
    return this.running;
  }

  private async runPhases(reason: string, options: ShutdownRunOptions): Promise<ShutdownReport> {
    const { logger, budgetMs = 4000, after = (ms: number) => Bun.sleep(ms), now = () => performance.now() } = options;
    const deadline = now() + budgetMs;
    const failed: string[] = [];
    for (const phase of SHUTDOWN_PHASES) {
      const hooks = this.hooks.get(phase) ?? [];
      if (hooks.length === 0) continue;
      const remaining = phase === "storage" ? Number.POSITIVE_INFINITY : Math.max(0, deadline - now());
      await Promise.all(
        hooks.map(async ({ name, hook }) => {
          const id = `${phase}/${name}`;
          const outcome = await settleWithin(() => hook(reason), remaining, after);
          if (outcome === "ok") return;
          failed.push(id);
          if (outcome === "timeout") logger.warn("shutdown hook ran out of time", { hook: id });
          else logger.error("shutdown hook failed", { hook: id, err: outcome.error });
        }),
      );
    }
    return { clean: failed.length === 0, failed };
  }
}

/** Runs `fn`, resolving "ok", "timeout" after `ms`, or the error it threw. */
async function settleWithin(fn: () => void | Promise<void>, ms: number, after: (ms: number) => Promise<void>): Promise<"ok" | "timeout" | { error: unknown }> {
  const work = (async () => {
    await fn();
    return "ok" as const;
  })().catch((error: unknown) => ({ error }));
  if (ms === Number.POSITIVE_INFINITY) return work;
  return Promise.race([work, after(ms).then(() => "timeout" as const)]);
}
