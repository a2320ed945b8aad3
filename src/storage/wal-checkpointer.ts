/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses 1,000 WAL pages, on the committing thread: it copies every page back into the database
 * file and fsyncs it while no socket is served (a 10–30 ms stall under chat load, and the main
 * thread idle during the fsync). Here the main connection never checkpoints
 * (`wal_autocheckpoint = 0`); a worker thread with its own connection runs a PASSIVE checkpoint
 * every `intervalMs` instead, concurrently with the commits.
 *
 * The WAL restarts from its beginning only when a write transaction begins with every frame copied
 * back. Between bursts the worker catches up and that happens by itself; under a steady load it never
 * does (commits keep landing while the worker copies), and the file would grow without bound. So past
 * `maxWalFrames` the worker checkpoints once more at once (that copies only what was committed during
 * the first, a few ms' worth) and hands over: it waits while the main thread runs one PASSIVE
 * checkpoint itself, between two batches, which copies the last few frames, fsyncs, and lets the
 * next commit restart the WAL; then the worker resumes after its usual pause. The file keeps its size
 * (rewritten in place); `journal_size_limit` gives back only what a burst grew beyond the limit.
 * Under the 2,000 msg/s bench the hand-over costs the event loop 2–11 ms every few seconds; with a
 * 65,536-page limit and no catch-up it cost 70–90 ms (a large tail to copy, then truncating a 256 MiB
 * file), the open-loop p99's worst spikes. The shutdown's TRUNCATE checkpoint (OpenDatabase.close)
 * and the hourly job are unchanged.
 */
import type { Database } from "bun:sqlite";
import { systemTimers, type TimerDriver } from "../jobs/timer-driver";
import { RUNS_FROM_BINARY } from "../lifecycle/binary";
import type { CheckpointerCommand, CheckpointerReport } from "./wal-checkpointer.protocol";

/** The worker's module, from the repository root: scripts/build.ts embeds it as an entry point of the binary. */
export const WAL_CHECKPOINT_WORKER = "src/storage/wal-checkpoint.worker.ts";

/** SQLite's default automatic checkpoint threshold, restored when the worker stops. */
const SQLITE_AUTOCHECKPOINT = 1000;
/** Bytes of one WAL frame (a 4 KiB page and its header), to turn the page limit into a file size. */
const WAL_PAGE_BYTES_ESTIMATE = 4096 + 24;
/** How far past the hand-over size a WAL may grow and still keep its file at the next restart (the worker checks once per interval). */
const WAL_SLACK_FRAMES = 16_384;

/** Where the logger reports what the checkpointer had to do. */
export interface CheckpointerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Tunables. */
export interface WalCheckpointerOptions {
  /**
   * Pause between two checkpoints (default 1 s: each copies what a second of commits wrote, and a
   * page rewritten many times in that second is copied once — under load that halved the worker's
   * CPU compared with 100 ms; commits never wait for it either way).
   */
  readonly intervalMs?: number;
  /**
   * WAL size, in pages, above which the main thread checkpoints once itself so the WAL restarts
   * (default 16,384: 64 MiB of 4 KiB pages, a few seconds of a steady 2,000 msg/s; each time costs
   * the event loop two fsyncs, a few ms).
   */
  readonly maxWalFrames?: number;
  readonly logger: CheckpointerLogger;
  /** Sees every checkpoint's figures (metrics, tests). */
  readonly onCheckpoint?: (report: CheckpointReport) => void;
}

/** One background checkpoint: WAL pages, pages copied back so far, whether another checkpoint held the lock, duration. */
export type CheckpointReport = Extract<CheckpointerReport, { type: "checkpoint" }>;

/** The running checkpointer. */
export interface WalCheckpointer {
  /** The last checkpoint's figures (WAL pages, pages copied back), null before the first. */
  readonly last: CheckpointReport | null;
  /** Stops the worker after its current checkpoint; the main connection checkpoints by itself again. */
  stop(): Promise<void>;
}

/** The worker's module specifier: beside this file from source, embedded under its repository path in the binary. */
function workerSpecifier(): string {
  return RUNS_FROM_BINARY ? `./${WAL_CHECKPOINT_WORKER}` : new URL("./wal-checkpoint.worker.ts", import.meta.url).href;
}

/** Starts checkpointing `file` (the database `sqlite` has open) from a worker thread. */
export function startWalCheckpointer(sqlite: Database, file: string, options: WalCheckpointerOptions): WalCheckpointer {
  const { logger, intervalMs = 1000, maxWalFrames = 16_384 } = options;
  const worker = new Worker(workerSpecifier());
  let last: WalCheckpointer["last"] = null;
  let running = true;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));

  /** Whether the main connection checkpoints after its commits (SQLite's default) or leaves it to the worker. */
  const setMainCheckpoints = (on: boolean) => {
    try {
      sqlite.run(`PRAGMA wal_autocheckpoint = ${on ? SQLITE_AUTOCHECKPOINT : 0}`);
    } catch {
      // the database is already closed (a late report during shutdown): nothing left to checkpoint
    }
  };
  /** The worker is gone (stopped or failed): the main connection checkpoints by itself again. */
  const end = () => {
    if (!running) return;
    running = false;
    setMainCheckpoints(true);
    worker.terminate();
    finished();
  };

  setMainCheckpoints(false);
  // A restart keeps the WAL file up to the hand-over size (a file rewritten in place costs the commits
  // less than one cut back and regrown, and truncating a large one held the event loop for tens of
  // ms); only what a burst grew beyond that and WAL_SLACK_FRAMES, when the worker fell behind, is given back.
  sqlite.run(`PRAGMA journal_size_limit = ${(maxWalFrames + WAL_SLACK_FRAMES) * WAL_PAGE_BYTES_ESTIMATE}`);
  worker.onmessage = (event: MessageEvent<CheckpointerReport>) => {
    const report = event.data;
    if (!running) return;
    switch (report.type) {
      case "checkpoint":
        last = report;
        if (report.handOver) {
          // The worker waits meanwhile, so the lock is free (unless `parley backup` or the hourly job
          // holds it: the next report tries again). This copies what the worker's last checkpoint
          // could not, and the next commit restarts the WAL.
          const row = sqlite.query("PRAGMA wal_checkpoint(PASSIVE)").get() as { busy: number; log: number; checkpointed: number };
          logger.debug("WAL over its limit: checkpointed on the main connection so the next commit restarts it", { walFrames: row.log, checkpointedFrames: row.checkpointed, busy: row.busy !== 0 });
          worker.postMessage({ type: "resume" } satisfies CheckpointerCommand);
        }
        options.onCheckpoint?.(report);
        return;
      case "failed":
        logger.error("WAL checkpointer failed; the database checkpoints on commit again", { error: report.message });
        return end();
      case "stopped":
        return end();
      case "started":
        return;
    }
  };
  worker.onerror = (event) => {
    logger.error("WAL checkpointer crashed; the database checkpoints on commit again", { error: event.message });
    end();
  };
  worker.postMessage({ type: "start", file, intervalMs, handOverAboveFrames: maxWalFrames } satisfies CheckpointerCommand);

  return {
    get last() {
      return last;
    },
    stop() {
      if (running) worker.postMessage({ type: "stop" } satisfies CheckpointerCommand);
      return done;
    },
  };
}

/** How often a server that has not written yet looks at its connection's write counter. */
export const FIRST_WRITE_POLL_MS = 1000;

/**
 * Starts the checkpointer once the main connection has written, not at start: an appliance nobody
 * has used since it started has nothing to checkpoint, and the worker thread (a second JavaScript VM)
 * costs it about 2.5 MB of idle RSS (scripts/bench-startup.ts). The connection's `total_changes()` is
 * looked at every {@link FIRST_WRITE_POLL_MS}; until the worker runs, the commits keep SQLite's
 * automatic checkpoint, so nothing written in that first second waits for it.
 */
export function startWalCheckpointerOnFirstWrite(sqlite: Database, file: string, options: WalCheckpointerOptions & { readonly timers?: TimerDriver }): WalCheckpointer {
  const timers = options.timers ?? systemTimers;
  const changes = sqlite.query<{ n: number }, []>("SELECT total_changes() AS n");
  const before = changes.get()?.n ?? 0;
  let started: WalCheckpointer | null = null;
  const look = () => {
    if ((changes.get()?.n ?? 0) === before) watching = timers.set(look, FIRST_WRITE_POLL_MS);
    else started = startWalCheckpointer(sqlite, file, options);
  };
  let watching = timers.set(look, FIRST_WRITE_POLL_MS);
  return {
    get last() {
      return started?.last ?? null;
    },
    stop() {
      timers.clear(watching);
      return started?.stop() ?? Promise.resolve();
    },
  };
}
