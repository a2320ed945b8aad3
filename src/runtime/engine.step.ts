/**
 * The conversation engine's start-up step: the pure core wired to SQLite, the persistent deadline
 * scheduler (timeouts survive restarts), the routing plugins, the opening-hours watcher and the
 * periodic jobs. The engine restores conversations, queue order and deadlines from the store when
 * it is created; deadlines (overdue ones at once) fire from `startDeadlines`, which the composition
 * root calls once every listener of the engine's events is wired.
 */
import type { ConfigStore } from "../config/store";
import type { Clock, IdGenerator } from "../core/clock";
import { createEngine, type Engine } from "../core/engine";
import { DeadlineScheduler } from "../jobs/deadlines";
import { registerJobs, type JobRegistry } from "../jobs/jobs.registry";
import type { RetentionPort } from "../jobs/retention.job";
import { systemTimers } from "../jobs/timer-driver";
import { sqliteWalCheckpoint } from "../jobs/wal-checkpoint.job";
import type { ShutdownHooks } from "../lifecycle/shutdown";
import type { Logger } from "../observability/logger";
import type { PluginService } from "../plugins/plugin.service";
import type { OpenDatabase } from "../storage/db";
import { createEngineStores } from "../storage/repositories/conversation-stores";
import { createDeadlineRepository } from "../storage/repositories/deadline.repository";

/** What the step needs. */
export interface EngineStepDeps {
  readonly store: ConfigStore;
  readonly database: OpenDatabase;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly plugins: PluginService;
  readonly shutdownHooks: ShutdownHooks;
}

/** The running engine and its background machinery. */
export interface EngineStep {
  readonly engine: Engine;
  readonly scheduler: DeadlineScheduler;
  /** Starts the periodic jobs; retention needs the file store, which is built after the engine. */
  startJobs(retention: RetentionPort): JobRegistry;
  /**
   * Lets deadlines fire. Called once everything that listens to the engine is subscribed: deadlines
   * that fell due while the server was down fire at once, and what they do (a conversation ended by
   * its inactivity timeout) must reach every listener, e.g. the operator questionnaire's dues.
   */
  startDeadlines(): void;
}

/** How often deferred conversation activity is written (what is due: see ACTIVITY_WRITE_INTERVAL_MS). */
const DEFERRED_WRITES_MS = 250;

/** Builds the engine, restores it from the store, and starts its deadlines. */
export function startEngine(deps: EngineStepDeps): EngineStep {
  const { store, database, clock, shutdownHooks } = deps;
  const log = deps.logger.child({ module: "engine" });
  const scheduler = new DeadlineScheduler({ store: createDeadlineRepository(database.db), clock, timers: systemTimers, logger: log });
  const stores = createEngineStores(database);
  const engine = createEngine({
    config: store.current(),
    clock,
    ids: deps.ids,
    stores,
    scheduler,
    routing: () => (request) => deps.plugins.pick(request),
    logger: log,
  });
  // A busy conversation's message activity is written behind, at most once a second per row
  // (src/storage/repositories/conversation.repository.ts); this writes what is due, so staff lists
  // and figures trail the engine by about a second at most. The log itself is never behind.
  const writeDeferred = () => {
    try {
      stores.flushDeferredWrites((id) => engine.conversationDetails(id));
    } catch (error) {
      log.error("writing deferred conversation activity failed; the next run retries", { err: error });
    }
  };
  const deferredWrites = setInterval(writeDeferred, DEFERRED_WRITES_MS);
  deferredWrites.unref();
  const unsubscribe = store.subscribe((next) => engine.applyConfig(next));
  shutdownHooks.add("work", "engine", async () => {
    unsubscribe();
    clearInterval(deferredWrites);
    await scheduler.stop();
  });

  return {
    engine,
    scheduler,
    startDeadlines() {
      scheduler.start((d) => engine.handleDeadline(d.kind, d.conversationId ?? conversationIdOf(d.payload), (d.payload as Record<string, unknown> | null) ?? {}));
    },
    startJobs(retention) {
      const jobs = registerJobs({ config: () => store.current(), clock, logger: deps.logger, storage: { ...retention, ...sqliteWalCheckpoint(database.sqlite) } });
      jobs.onHoursTransition(() => engine.handleHoursTransition());
      const stopRefresh = store.subscribe(() => jobs.refresh());
      shutdownHooks.add("work", "jobs", async () => {
        stopRefresh();
        await jobs.stop();
      });
      return jobs;
    },
  };
}

/** Deadlines set before the scheduler took a conversation id carried it in their payload. */
function conversationIdOf(payload: unknown): string | null {
  const id = (payload as { conversationId?: unknown } | null)?.conversationId;
  return typeof id === "string" ? id : null;
}
