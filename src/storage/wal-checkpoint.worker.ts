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

function report(message: CheckpointerReport): void {
  self.postMessage(message);
}

/** One PASSIVE checkpoint; returns the WAL's size in pages (-1 after a failure). */
function checkpoint(): number {
  if (!db) return -1;
  const started = performance.now();
  try {
    const row = db.query("PRAGMA wal_checkpoint(PASSIVE)").get() as { busy: number; log: number; checkpointed: number };
    report({ type: "checkpoint", busy: row.busy !== 0, logFrames: row.log, checkpointedFrames: row.checkpointed, ms: performance.now() - started });
    return row.log;
  } catch (error) {
    report({ type: "failed", message: (error as Error).message });
    return -1;
  }
}

/** Checkpoints, then schedules the next one; past the hand-over size waits for `resume` instead. */
function loop(): void {
  timer = null;
  const frames = checkpoint();
  if (frames >= 0 && frames <= pacing!.handOverAboveFrames) pause();
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
