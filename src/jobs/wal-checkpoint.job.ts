/**
 * Hourly WAL checkpoint. SQLite checkpoints automatically, but only when a commit finds the WAL
 * past 1000 pages and no reader in the way; a busy chat server can let the `-wal` file grow for
 * hours. An explicit TRUNCATE checkpoint bounds it and keeps backups and disk usage predictable.
 */
import type { Database } from "bun:sqlite";
import type { Logger } from "../observability/logger";

/** SQLite's report of a checkpoint: whether it was blocked, WAL frames, frames copied back. */
export interface CheckpointResult {
  readonly busy: boolean;
  readonly logFrames: number;
  readonly checkpointedFrames: number;
}

/** What the storage layer provides for the checkpoint job. */
export interface WalCheckpointPort {
  checkpointWal(): CheckpointResult;
}

/** The port over a bun:sqlite handle (`openDatabase(...).sqlite`). */
export function sqliteWalCheckpoint(sqlite: Database): WalCheckpointPort {
  return {
    checkpointWal() {
      const row = sqlite.query("PRAGMA wal_checkpoint(TRUNCATE)").get() as { busy: number; log: number; checkpointed: number };
      return { busy: row.busy !== 0, logFrames: row.log, checkpointedFrames: row.checkpointed };
    },
  };
}

/** Runs one checkpoint; a busy database is not an error (the next hour tries again) but is logged. */
export function runWalCheckpoint(port: WalCheckpointPort, logger: Pick<Logger, "debug" | "warn">): CheckpointResult {
  const result = port.checkpointWal();
  if (result.busy) logger.warn("WAL checkpoint blocked by a reader or writer; will retry next hour", { ...result });
  else logger.debug("WAL checkpoint done", { ...result });
  return result;
}
