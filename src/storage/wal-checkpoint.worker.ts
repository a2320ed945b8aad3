/**
 * The WAL checkpointer's thread (see wal-checkpointer.ts): its own connection to the database file,
 * a PASSIVE checkpoint every `intervalMs`. PASSIVE never blocks the main connection: it copies the
 * committed WAL frames back into the database file and fsyncs it here, while the event loop keeps
 * committing. It imports nothing but bun:sqlite, so the compiled binary embeds it as a small entry
 * point of its own (scripts/build.ts).
 */
import { Database } from "bun:sqlite";
import type { CheckpointerCommand, CheckpointerReport } from "./wal-checkpointer.protocol";

declare const self: Worker;

let db: Database | null = null;
let timer: Timer | null = null;

function report(message: CheckpointerReport): void {
  self.postMessage(message);
}

function checkpoint(): void {
  timer = null;
  if (!db) return;
  const started = performance.now();
  try {
    const row = db.query("PRAGMA wal_checkpoint(PASSIVE)").get() as { busy: number; log: number; checkpointed: number };
    report({ type: "checkpoint", busy: row.busy !== 0, logFrames: row.log, checkpointedFrames: row.checkpointed, ms: performance.now() - started });
  } catch (error) {
    report({ type: "failed", message: (error as Error).message });
  }
}

function loop(intervalMs: number): void {
  checkpoint();
  if (db) timer = setTimeout(() => loop(intervalMs), intervalMs);
}

self.onmessage = (event: MessageEvent<CheckpointerCommand>) => {
  const command = event.data;
  if (command.type === "start") {
    try {
      db = new Database(command.file);
      // The main connection's settings: a checkpoint syncs the database file either way; the timeout
      // only matters while `parley backup` or a shutdown TRUNCATE holds the checkpoint lock.
      db.run("PRAGMA synchronous = NORMAL");
      db.run("PRAGMA busy_timeout = 1000");
    } catch (error) {
      report({ type: "failed", message: (error as Error).message });
      return;
    }
    report({ type: "started" });
    loop(command.intervalMs);
    return;
  }
  // stop: finish (a checkpoint in progress already has), close the connection, say so.
  if (timer) clearTimeout(timer);
  timer = null;
  db?.close();
  db = null;
  report({ type: "stopped" });
};
