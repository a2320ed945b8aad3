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

/** Something that sends frames and closes: a connection, as the gate sees it. */
export interface HeldTarget {
  /** Perform these held actions now, in order (one write for all of them where the socket allows). */
  flushHeld(actions: readonly HeldAction[]): void;
}

/** A held frame, or a held close. */
export type HeldAction = { readonly text: string } | { readonly close: readonly [code: number, reason: string] };

/**
 * Holds outgoing socket actions (sends, closes) while a batch transaction is open. Connections
 * consult it on every send; outside a batch it is transparent. On release each socket gets its
 * actions in order, in one corked write (many messages of a batch often go to the same operator).
 */
export class OutputGate {
  private held: Map<HeldTarget, HeldAction[]> | null = null;
  private count = 0;

  /** True while a batch is open: actions are queued, not performed. */
  get holding(): boolean {
    return this.held !== null;
  }

  /** Queue an action of `target` for after the commit. */
  push(target: HeldTarget, action: HeldAction): void {
    const held = this.held!;
    const list = held.get(target);
    if (list) list.push(action);
    else held.set(target, [action]);
    this.count++;
  }

  /** Start holding. */
  hold(): void {
    this.held = new Map();
    this.count = 0;
  }

  /** Stop holding and perform everything held: per socket in order, socket after socket. */
  release(): void {
    const held = this.held;
    this.held = null;
    if (held) for (const [target, actions] of held) target.flushHeld(actions);
  }

  /** Stop holding and drop everything held (the commit failed); how many actions were dropped. */
  discard(): number {
    const n = this.held ? this.count : 0;
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
