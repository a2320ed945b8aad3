/**
 * The WAL checkpointer's thread (see wal-checkpointer.ts): its own connection to the database file
 * and a PASSIVE checkpoint every `intervalMs`. PASSIVE never
 * blocks the main connection: it copies the committed WAL frames back into the database file and
 * fsyncs it here, while the event loop keeps committing. It imports nothing but bun:sqlite, so the
 * compiled binary embeds it as a small entry point of its own (scripts/build.ts).
 */
import { Database } from "bun:sqlite";
import type { CheckpointerCommand, CheckpointerPacing, CheckpointerReport } from "./wal-checkpointer.protocol";

declare const self: Worker;

let db: Database | null = null;
let pacing: CheckpointerPacing | null = null;
let timer: Timer | null = null;
/** What `checkpoint` returns instead of the WAL's size after a failure, or when it handed over. */
const FAILED = -1;
const HANDED_OVER = -2;

function report(message: CheckpointerReport): void {
  self.postMessage(message);
}

/**
 * One PASSIVE checkpoint, reported; returns the WAL's size in pages, FAILED, or HANDED_OVER:
 * with `mayHandOver`, a WAL still past the hand-over size is handed over to the writer.
 */
function checkpoint(mayHandOver: boolean): number {
  if (!db) return FAILED;
  const started = performance.now();
  try {
    const row = db.query("PRAGMA wal_checkpoint(PASSIVE)").get() as { busy: number; log: number; checkpointed: number };
    const handOver = mayHandOver && row.log > pacing!.handOverAboveFrames;
    report({ type: "checkpoint", busy: row.busy !== 0, logFrames: row.log, checkpointedFrames: row.checkpointed, ms: performance.now() - started, handOver });
    return handOver ? HANDED_OVER : row.log;
  } catch (error) {
    report({ type: "failed", message: (error as Error).message });
    return FAILED;
  }
}

/**
 * Checkpoints, then schedules the next one. Past the hand-over size it first checkpoints once more
 * at once (copying only what was committed during the first, a few milliseconds' worth), then hands
 * over and waits for `resume`: the writer's own checkpoint then copies almost nothing.
 */
function loop(): void {
  timer = null;
  const frames = checkpoint(false);
  if (frames === FAILED) return;
  if (frames <= pacing!.handOverAboveFrames) return pause();
  const again = checkpoint(true);
  if (again !== FAILED && again !== HANDED_OVER) pause();
}

function pause(): void {
  if (db) timer = setTimeout(loop, pacing!.intervalMs);
}

function open(file: string): boolean {
  try {
    db = new Database(file);
    // The main connection's settings: a checkpoint syncs the database file either way; the timeout
    // only matters while `parley backup` or a shutdown TRUNCATE holds the checkpoint lock.
    db.run("PRAGMA synchronous = NORMAL");
    db.run("PRAGMA busy_timeout = 1000");
    return true;
  } catch (error) {
    report({ type: "failed", message: (error as Error).message });
    return false;
  }
}

self.onmessage = (event: MessageEvent<CheckpointerCommand>) => {
  const command = event.data;
  switch (command.type) {
    case "start":
      pacing = command;
      if (!open(command.file)) return;
      report({ type: "started" });
      loop();
      return;
    case "resume":
      // After a pause: by then the writer has committed again, which restarted the WAL.
      if (!timer) pause();
      return;
    case "stop":
      // A checkpoint in progress has finished (messages run between them): close and say so.
      if (timer) clearTimeout(timer);
      timer = null;
      db?.close();
      db = null;
      report({ type: "stopped" });
      return;
  }
};
