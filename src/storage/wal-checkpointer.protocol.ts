/**
 * Messages between the main thread and the WAL checkpointer's worker (wal-checkpoint.worker.ts).
 * Types only, so the worker stays free of every import but bun:sqlite.
 */

/** Main thread → worker. */
export type CheckpointerCommand = { readonly type: "start"; readonly file: string; readonly intervalMs: number } | { readonly type: "stop" };

/** Worker → main thread: started, one checkpoint's outcome (SQLite's figures), a failure, stopped. */
export type CheckpointerReport =
  | { readonly type: "started" }
  | { readonly type: "checkpoint"; readonly busy: boolean; readonly logFrames: number; readonly checkpointedFrames: number; readonly ms: number }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "stopped" };
