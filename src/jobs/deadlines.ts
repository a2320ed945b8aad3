/**
 * The persistent deadline scheduler: conversation timeouts (and any other one-shot timer) are rows
 * in SQLite, so they survive restarts and deploys. One timer is armed for the earliest deadline,
 * found through the `fire_at` index — no polling loop over everything. Due deadlines fire in order;
 * a deadline is deleted only after its handler succeeded (at-least-once), and a handler that throws
 * is logged and retried with exponential backoff, never lost. After a restart, overdue deadlines
 * fire immediately.
 */
import type { Clock } from "../core/clock";
import { diffDeadlines } from "../core/timers/deadlines.diff";
import { deadlineKey, type Deadline } from "../core/timers/timeouts.model";
import type { Logger } from "../observability/logger";
import type { DeadlineHandler, DeadlineStore, StoredDeadline } from "./deadline.model";
import { MAX_TIMER_DELAY_MS, type TimerDriver, type TimerHandle } from "./timer-driver";

/** Retry backoff after a failed handler: `baseMs · 2^(attempts−1)`, capped at `maxMs`. */
export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** What the scheduler runs on; everything injected so tests drive time by hand. */
export interface DeadlineSchedulerDeps {
  readonly store: DeadlineStore;
  readonly clock: Clock;
  readonly timers: TimerDriver;
  readonly logger: Pick<Logger, "debug" | "warn" | "error">;
  readonly retry?: RetryPolicy;
  /** Deadlines read per query while catching up (bounds memory after a long downtime). */
  readonly batchSize?: number;
}

/** A wanted deadline with an optional handler payload (what `syncConversation` accepts). */
export interface WantedDeadline extends Deadline<string> {
  readonly payload?: unknown;
}

const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Persistent, restart-safe one-shot timers keyed by the caller. */
export class DeadlineScheduler {
  private handler: DeadlineHandler | null = null;
  private timer: TimerHandle | null = null;
  private armedFor: number | null = null;
  private running: Promise<void> | null = null;
  private readonly retry: RetryPolicy;
  private readonly batchSize: number;

  constructor(private readonly deps: DeadlineSchedulerDeps) {
    this.retry = deps.retry ?? DEFAULT_RETRY;
    this.batchSize = deps.batchSize ?? 100;
  }

  /** Creates or moves the deadline `key` (upsert); a retry in progress restarts from the new due time. */
  set(key: string, kind: string, dueAt: number, payload?: unknown, conversationId: string | null = null): void {
    this.deps.store.upsert({ key, kind, dueAt, payload: payload ?? null, conversationId });
    if (this.armedFor === null || dueAt < this.armedFor) this.arm();
  }

  /** Removes a deadline; whether it existed. Its timer, if armed, finds nothing due and re-arms. */
  cancel(key: string): boolean {
    return this.deps.store.delete(key);
  }

  /** Removes every deadline of a conversation (it ended or was deleted); how many. */
  cancelForConversation(conversationId: string): number {
    return this.deps.store.deleteForConversation(conversationId);
  }

  /** A conversation's pending deadlines as `{kind, dueAt}` (what `diffDeadlines` compares against). */
  listForConversation(conversationId: string): Deadline<string>[] {
    return this.deps.store.listForConversation(conversationId).map((d) => ({ kind: d.kind, dueAt: d.dueAt }));
  }

  /**
   * Makes a conversation's deadlines exactly `wanted` (from `wantedDeadlines`), touching only what
   * changed; keys are `deadlineKey(conversationId, kind)`. Returns how many were set and cancelled.
   */
  syncConversation(conversationId: string, wanted: readonly WantedDeadline[]): { set: number; cancelled: number } {
    const diff = diffDeadlines(this.listForConversation(conversationId), wanted);
    for (const d of diff.set as WantedDeadline[]) this.set(deadlineKey(conversationId, d.kind), d.kind, d.dueAt, d.payload, conversationId);
    for (const kind of diff.cancel) this.cancel(deadlineKey(conversationId, kind));
    return { set: diff.set.length, cancelled: diff.cancel.length };
  }

  /** Number of pending deadlines (for metrics and diagnostics). */
  get size(): number {
    return this.deps.store.count();
  }

  /** Starts firing: overdue deadlines (e.g. from before a restart) run right away, the rest at their time. */
  start(handler: DeadlineHandler): void {
    this.handler = handler;
    this.arm();
  }

  /** Stops arming timers and waits for a handler in progress to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.handler = null;
    this.disarm();
    await this.running;
  }

  /** Resolves once no handler is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private disarm(): void {
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
    this.armedFor = null;
  }

  /** Arms the one timer for the earliest deadline (capped to what setTimeout can hold). */
  private arm(): void {
    if (!this.handler || this.running) return; // a running batch re-arms when it finishes
    this.disarm();
    const next = this.deps.store.earliestFireAt();
    if (next === null) return;
    const delay = Math.min(Math.max(0, next - this.deps.clock.now()), MAX_TIMER_DELAY_MS);
    this.armedFor = next;
    this.timer = this.deps.timers.set(() => {
      this.timer = null;
      this.armedFor = null;
      return this.runDue();
    }, delay);
  }

  /** Fires everything due, in order, then re-arms. Each key fires at most once per run, so a handler re-setting its own key cannot spin. */
  private runDue(): Promise<void> {
    if (this.running || !this.handler) return this.running ?? Promise.resolve();
    const run = (async () => {
      const fired = new Set<string>();
      while (this.handler) {
        const batch = this.deps.store.due(this.deps.clock.now(), this.batchSize).filter((d) => !fired.has(d.key));
        if (batch.length === 0) break;
        for (const deadline of batch) {
          if (!this.handler) break;
          fired.add(deadline.key);
          await this.fire(this.handler, deadline);
        }
      }
    })();
    this.running = run.finally(() => {
      this.running = null;
      this.arm();
    });
    return this.running;
  }

  private async fire(handler: DeadlineHandler, d: StoredDeadline): Promise<void> {
    try {
      await handler({ key: d.key, kind: d.kind, conversationId: d.conversationId, dueAt: d.dueAt, payload: d.payload, attempts: d.attempts });
      this.deps.store.deleteIfVersion(d.key, d.version);
    } catch (error) {
      const attempts = d.attempts + 1;
      const delay = Math.min(this.retry.baseMs * 2 ** (attempts - 1), this.retry.maxMs);
      const message = error instanceof Error ? error.message : String(error);
      this.deps.store.reschedule(d.key, d.version, this.deps.clock.now() + delay, attempts, message);
      this.deps.logger[attempts >= 5 ? "error" : "warn"]("deadline handler failed; will retry", { key: d.key, kind: d.kind, attempts, retryInMs: delay, error });
    }
  }
}
