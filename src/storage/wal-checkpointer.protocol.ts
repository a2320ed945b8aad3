/**
 * Messages between the main thread and the WAL checkpointer's worker (wal-checkpoint.worker.ts).
 * Types only, so the worker stays free of every import but bun:sqlite.
 */

/** How the worker paces itself. */
export interface CheckpointerPacing {
  /** Pause between two checkpoints. */
  readonly intervalMs: number;
  /**
   * Above this many pages only a checkpoint by the writer itself can restart the WAL: the worker
   * reports, then waits for `resume` (so the main thread's checkpoint never finds the lock taken).
   */
  readonly handOverAboveFrames: number;
}

/** Main thread → worker. */
export type CheckpointerCommand =
  | ({ readonly type: "start"; readonly file: string } & CheckpointerPacing)
  | { readonly type: "resume" }
  | { readonly type: "stop" };

/** Worker → main thread: started, one checkpoint's outcome (SQLite's figures, whether it hands over), a failure, stopped. */
export type CheckpointerReport =
  | { readonly type: "started" }
  | {
      readonly type: "checkpoint";
      readonly busy: boolean;
      readonly logFrames: number;
      readonly checkpointedFrames: number;
      readonly ms: number;
      /** The WAL is past the hand-over size: the worker now waits for `resume` while the writer checkpoints. */
      readonly handOver: boolean;
    }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "stopped" };
