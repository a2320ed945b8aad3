/**
 * Group commit for socket commands. Commands that arrive in the same event-loop turn run one after
 * another inside ONE database transaction (each engine command is its own SAVEPOINT, so a refused
 * command undoes only itself), and everything they would send — acks, errors, snapshots, the events
 * they fan out — is held back and released only after the COMMIT. So "persist before ack" holds for
 * every frame, order is exactly arrival order, and under load many commands share one commit
 * instead of paying one each. At low load a batch is one command and costs one event-loop turn.
 *
 * If the COMMIT itself fails (disk full, I/O error) nothing held is sent, and `onCommitFailure` is
 * called: the engine's memory now runs ahead of the store, so the server must restart from the store.
 */

/**
 * Holds outgoing socket actions (sends, closes) while a batch transaction is open. Connections
 * consult it on every send; outside a batch it is transparent.
 */
export class OutputGate {
  private held: (() => void)[] | null = null;

  /** True while a batch is open: actions are queued, not performed. */
  get holding(): boolean {
    return this.held !== null;
  }

  /** Queue an action for after the commit. */
  push(action: () => void): void {
    this.held!.push(action);
  }

  /** Start holding. */
  hold(): void {
    this.held = [];
  }

  /** Stop holding and perform everything held, in order. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const action of held) action();
  }

  /** Stop holding and drop everything held (the commit failed). */
  discard(): number {
    const n = this.held?.length ?? 0;
    this.held = null;
    return n;
  }
}

/** Runs a function inside one database transaction (BEGIN IMMEDIATE … COMMIT). */
export type BatchTransaction = <T>(fn: () => T) => T;

/** Tunables. */
export interface GroupCommitOptions {
  /** Most commands in one transaction (bounds the latency of the last one). */
  readonly maxBatch: number;
}

/** Serialises socket commands into group-committed batches. */
export class CommandQueue {
  private queue: (() => void)[] = [];
  private scheduled = false;

  constructor(
    private readonly transaction: BatchTransaction | null,
    private readonly gate: OutputGate,
    private readonly onCommitFailure: (error: unknown, dropped: number) => void,
    private readonly options: GroupCommitOptions = { maxBatch: 512 },
    private readonly schedule: (fn: () => void) => void = setImmediate,
  ) {}

  /**
   * Run a command handler: now without a batch transaction (tests, in-memory stores), else in the
   * next batch. Handlers must not throw (they turn failures into error frames themselves).
   */
  submit(handler: () => void): void {
    if (!this.transaction) return handler();
    this.queue.push(handler);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Commands waiting for the next batch. */
  get pending(): number {
    return this.queue.length;
  }

  /** Run one batch now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.options.maxBatch);
    if (batch.length > 0) {
      this.gate.hold();
      try {
        this.transaction!(() => {
          for (const handler of batch) handler();
        });
      } catch (error) {
        this.onCommitFailure(error, this.gate.discard());
        return;
      }
      this.gate.release();
    }
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }
}
