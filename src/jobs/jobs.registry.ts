/**
 * The explicit registry of Parley's background jobs (nothing is discovered by scanning files, so
 * the compiled binary contains every job). Periodic jobs run on the `cron` package at server local
 * time and never overlap themselves; the hours watcher runs on computed boundaries instead of a
 * schedule. `main.ts` calls `registerJobs` once after the database and engine are up, `refresh`
 * after a config reload, and `stop` on shutdown.
 */
import { CronJob } from "cron";
import type { Clock } from "../core/clock";
import type { Config } from "../config/schema";
import type { Logger } from "../observability/logger";
import { HoursTransitionWatcher, type HoursTransitionListener } from "./hours-transition.job";
import { runRetention, type RetentionPort } from "./retention.job";
import { systemTimers, type TimerDriver } from "./timer-driver";
import { runWalCheckpoint, type WalCheckpointPort } from "./wal-checkpoint.job";

/** The periodic jobs and when they run (cron syntax, server local time). */
export const CRON_SCHEDULES = {
  /** Data retention, daily at 03:00 when chat traffic is lowest. */
  retention: "0 3 * * *",
  /** WAL checkpoint, hourly on the hour. */
  "wal-checkpoint": "0 * * * *",
} as const;

/**
 * How long after registration the cron jobs are created and armed: once the server listens, so the
 * cold start does not wait for cron's date arithmetic (luxon loads ICU's time zones: 10–16 ms), and
 * far below the shortest period (an hour), so no run is missed.
 */
export const CRON_ARM_DELAY_MS = 200;

/** A periodic job's name. */
export type CronJobName = keyof typeof CRON_SCHEDULES;

/** What the jobs need. `config` is a getter so every run sees the latest reloaded snapshot. */
export interface JobsDeps {
  readonly config: () => Pick<Config, "storage" | "openingHours" | "departments" | "operators" | "timeouts">;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly storage: RetentionPort & WalCheckpointPort;
  /** Timers for the hours watcher and the cron jobs' arming (default: the real ones). */
  readonly timers?: TimerDriver;
  /** Whether cron schedules start ticking (default true; tests turn them off and use `runNow`). */
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
  // Creating and arming the cron jobs takes ~10 ms (cron computes its dates through luxon, which
  // loads ICU's time zone data): done just after the start instead of during it, or at once when
  // listed. A job armed up to CRON_ARM_DELAY_MS late cannot miss a run it would have had.
  let stopped = false;
  let cronJobs: { name: CronJobName; job: CronJob }[] | null = null;
  const cron = () =>
    (cronJobs ??= (Object.keys(CRON_SCHEDULES) as CronJobName[]).map((name) => ({
      name,
      job: CronJob.from({
        name,
        cronTime: CRON_SCHEDULES[name],
        onTick: guarded(name),
        errorHandler: () => {}, // already logged by `guarded`
        waitForCompletion: true,
        start: !stopped && (deps.startCron ?? true),
      }),
    })));
  const timers = deps.timers ?? systemTimers;
  const arming = timers.set(cron, CRON_ARM_DELAY_MS);

  const hours = new HoursTransitionWatcher({ config: deps.config, clock: deps.clock, timers, logger });
  hours.start();

  return {
    onHoursTransition: (listener) => hours.onTransition(listener),
    runNow: (name) => guarded(name)(),
    refresh: () => hours.refresh(),
    list: () =>
      cron().map(({ name, job }) => ({
        name,
        schedule: CRON_SCHEDULES[name],
        nextRunAt: job.isActive ? job.nextDate().toMillis() : null,
        running: job.isCallbackRunning,
      })),
    async stop() {
      stopped = true;
      timers.clear(arming);
      hours.stop();
      await Promise.all((cronJobs ?? []).map(({ job }) => job.stop()));
    },
  };
}
