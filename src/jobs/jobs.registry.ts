/**
 * The explicit registry of Parley's background jobs (nothing is discovered by scanning files, so
 * the compiled binary contains every job). Periodic jobs run at server local time on timers armed
 * from plain `Date` arithmetic (the `cron` package resolves the system time zone through
 * Intl/luxon, which loads ICU data: +5 MB of idle RSS for two fixed schedules), and never overlap
 * themselves: the next run is armed when the previous one ends. The hours watcher runs on computed
 * boundaries the same way. `main.ts` calls `registerJobs` once after the database and engine are up, `refresh`
 * after a config reload, and `stop` on shutdown.
 */
import type { Clock } from "../core/clock";
import type { Config } from "../config/schema";
import type { Logger } from "../observability/logger";
import { HoursTransitionWatcher, type HoursTransitionListener } from "./hours-transition.job";
import { runRetention, type RetentionPort } from "./retention.job";
import { systemTimers, type TimerDriver, type TimerHandle, MAX_TIMER_DELAY_MS } from "./timer-driver";
import { runWalCheckpoint, type WalCheckpointPort } from "./wal-checkpoint.job";

/** The periodic jobs and when they run (cron syntax, server local time). */
export const CRON_SCHEDULES = {
  /** Data retention, daily at 03:00 when chat traffic is lowest. */
  retention: "0 3 * * *",
  /** WAL checkpoint, hourly on the hour. */
  "wal-checkpoint": "0 * * * *",
} as const;

/** A periodic job's name. */
export type CronJobName = keyof typeof CRON_SCHEDULES;

/**
 * The next run of each schedule strictly after `from` (epoch ms), in server local time. `Date`'s
 * local setters follow the system zone's DST rules without loading ICU; they must match
 * CRON_SCHEDULES (checked by the tests).
 */
export const NEXT_RUN: Record<CronJobName, (from: number) => number> = {
  retention: (from) => {
    const next = new Date(from);
    next.setHours(3, 0, 0, 0);
    if (next.getTime() <= from) {
      next.setDate(next.getDate() + 1);
      next.setHours(3, 0, 0, 0);
    }
    return next.getTime();
  },
  "wal-checkpoint": (from) => {
    const next = new Date(from);
    next.setMinutes(60, 0, 0);
    // A DST fall-back hour can map "next local hour" onto the current instant; an hour later is next.
    return next.getTime() > from ? next.getTime() : Math.floor(from / 60_000) * 60_000 + 3_600_000;
  },
};

/** What the jobs need. `config` is a getter so every run sees the latest reloaded snapshot. */
export interface JobsDeps {
  readonly config: () => Pick<Config, "storage" | "openingHours" | "departments" | "operators" | "timeouts">;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly storage: RetentionPort & WalCheckpointPort;
  /** Timers for the hours watcher (default: the real ones). */
  readonly timers?: TimerDriver;
  /** Whether the periodic schedules start ticking (default true; tests turn them off and use `runNow`). */
  readonly startCron?: boolean;
}

/** One registered periodic job, for diagnostics. */
export interface JobInfo {
  readonly name: CronJobName;
  readonly schedule: string;
  /** Next planned run (epoch ms), null when stopped. */
  readonly nextRunAt: number | null;
  readonly running: boolean;
}

/** Handle on the running jobs. */
export interface JobRegistry {
  /** Subscribes to opening-hours boundaries (see `HoursTransitionEvent`); returns the unsubscribe function. */
  onHoursTransition(listener: HoursTransitionListener): () => void;
  /** Runs a periodic job now (admin "prune now", tests); failures are logged and rethrown. */
  runNow(name: CronJobName): Promise<void>;
  /** Re-reads the config after a hot reload (opening hours may have changed). */
  refresh(): void;
  list(): JobInfo[];
  /** Stops every job, waiting for runs in progress. */
  stop(): Promise<void>;
}

/** Creates and starts every background job. */
export function registerJobs(deps: JobsDeps): JobRegistry {
  const logger = deps.logger.child({ component: "jobs" });
  const tasks: Record<CronJobName, () => Promise<unknown>> = {
    retention: () => runRetention({ config: deps.config, clock: deps.clock, port: deps.storage, logger }),
    "wal-checkpoint": async () => runWalCheckpoint(deps.storage, logger),
  };
  const guarded = (name: CronJobName) => async () => {
    try {
      await tasks[name]();
    } catch (error) {
      logger.error("job failed", { job: name, error });
      throw error;
    }
  };
  const timers = deps.timers ?? systemTimers;
  const periodic = (Object.keys(CRON_SCHEDULES) as CronJobName[]).map((name) => {
    const state = { name, nextRunAt: null as number | null, running: false, handle: null as TimerHandle | null, current: null as Promise<void> | null };
    const arm = () => {
      const at = NEXT_RUN[name](deps.clock.now());
      state.nextRunAt = at;
      state.handle = timers.set(tick, Math.min(Math.max(0, at - deps.clock.now()), MAX_TIMER_DELAY_MS));
    };
    const tick = async () => {
      state.handle = null;
      if (state.nextRunAt === null) return; // stopped
      if (deps.clock.now() < state.nextRunAt) return arm(); // capped delay or early timer: re-arm
      state.running = true;
      state.current = guarded(name)().catch(() => {}); // already logged by `guarded`
      await state.current;
      state.running = false;
      state.current = null;
      if (state.nextRunAt !== null) arm();
    };
    if (deps.startCron ?? true) arm();
    return {
      state,
      async stop() {
        state.nextRunAt = null;
        if (state.handle !== null) timers.clear(state.handle);
        state.handle = null;
        await state.current;
      },
    };
  });

  const hours = new HoursTransitionWatcher({ config: deps.config, clock: deps.clock, timers: deps.timers ?? systemTimers, logger });
  hours.start();

  return {
    onHoursTransition: (listener) => hours.onTransition(listener),
    runNow: (name) => guarded(name)(),
    refresh: () => hours.refresh(),
    list: () =>
      periodic.map(({ state }) => ({
        name: state.name,
        schedule: CRON_SCHEDULES[state.name],
        nextRunAt: state.nextRunAt,
        running: state.running,
      })),
    async stop() {
      hours.stop();
      await Promise.all(periodic.map((job) => job.stop()));
    },
  };
}
