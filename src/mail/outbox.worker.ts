/**
 * The outbox worker: sends the due rows of `mail_jobs` one at a time and records each outcome on
 * the row, so an e-mail survives SMTP outages and restarts.
 *
 * - A pass takes due rows (queued, `next_attempt_at` ≤ now) oldest first, claims each (→ sending,
 *   attempt counted), sends it, then marks it sent, or queues it again with exponential backoff, or
 *   fails it with the server's error once refused for good or out of attempts.
 * - When the server itself is unusable (down, login refused) the whole outbox pauses with the same
 *   backoff, so messages not yet tried keep their attempts for when it is back.
 * - Wake-ups: `nudge()` when a job is queued through {@link MailOutbox}, and one timer, armed for the
 *   next due retry or a short poll (rows queued straight into the table are picked up within it).
 * - Crash safety: rows a crash left in `sending` are queued again by `start()` (at-least-once),
 *   and every queued row is tried at once on start instead of after its backoff.
 * Time comes from the injected clock and timers, so tests drive hours of backoff without sleeping.
 */
import type { Clock } from "../core/clock";
import { MAX_TIMER_DELAY_MS, type TimerDriver, type TimerHandle } from "../jobs/timer-driver";
import type { Logger } from "../observability/logger";
import type { MailJobRow } from "../storage/repositories/mail-jobs.repository";
import { classifyFailure } from "./delivery-failure.policy";
import { messageForJob } from "./job.message";
import type { MailMetrics } from "./mail.metrics";
import type { MailSender } from "./mail.model";
import type { MailOutboxRepository, RecoveryReport } from "../storage/repositories/mail-outbox.repository";
import { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelayMs, type RetryPolicy } from "./retry.policy";

/** How long finished rows are kept before pruning. */
export interface OutboxRetention {
  /** Sent rows, counted from `sent_at` (default 7 days: enough to answer "did it go out?"). */
  readonly sentMs: number;
  /** Failed rows, counted from `created_at` (default 30 days, for the admin to look into). */
  readonly failedMs: number;
}

/** What the worker needs. */
export interface OutboxWorkerDeps {
  readonly repository: MailOutboxRepository;
  /** The sender for the current config, or null while mail is disabled (rows then stay queued). */
  readonly sender: () => MailSender | null;
  readonly clock: Clock;
  readonly timers: TimerDriver;
  readonly logger: Logger;
  readonly metrics?: MailMetrics;
  readonly policy?: RetryPolicy;
  /** Longest sleep between passes while mail is enabled (default 5 s). */
  readonly pollIntervalMs?: number;
  readonly retention?: OutboxRetention;
}

const DAY = 24 * 60 * 60_000;
const DEFAULT_RETENTION: OutboxRetention = { sentMs: 7 * DAY, failedMs: 30 * DAY };
const PRUNE_EVERY_MS = 60 * 60_000;
/** Rows read per query; the pass loops until nothing is due. */
const BATCH = 20;

/** Sends the outbox (one message at a time). */
export class OutboxWorker {
  private readonly policy: RetryPolicy;
  private readonly pollMs: number;
  private readonly retention: OutboxRetention;
  private timer: TimerHandle | null = null;
  private busy = false;
  private again = false;
  private passFailed = false;
  private current: Promise<void> = Promise.resolve();
  private started = false;
  private stopped = false;
  /** Server-level backoff: nothing is sent before this time. */
  private pausedUntil: number | null = null;
  private serverFailures = 0;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.policy = deps.policy ?? DEFAULT_RETRY_POLICY;
    this.pollMs = deps.pollIntervalMs ?? 5_000;
    this.retention = deps.retention ?? DEFAULT_RETENTION;
  }

  /**
   * Recovers rows interrupted by a crash, then starts sending. Queued rows are tried at once rather than
   * after their backoff: a restart is often how an admin applies a fix. Call once.
   */
  start(): RecoveryReport {
    const now = this.deps.clock.now();
    const report = this.deps.repository.requeueInterrupted(now, this.policy.maxAttempts);
    this.deps.repository.makeQueuedDue(now);
    if (report.requeued + report.failed > 0) this.deps.logger.warn("e-mails interrupted by a restart: requeued (sent again) or failed (last attempt)", { ...report });
    this.started = true;
    void this.nudge();
    return report;
  }

  /** Asks for a pass now (a job was queued); resolves when that pass is over. */
  nudge(): Promise<void> {
    if (!this.started || this.stopped) return this.current;
    if (this.busy) {
      this.again = true;
      return this.current;
    }
    this.busy = true;
    this.disarm();
    this.current = this.loop();
    return this.current;
  }

  /**
   * The SMTP settings changed (an admin fixed the host or password): forget the backoff of the
   * server and of every queued job, and try them all at once instead of hours later.
   */
  resume(): Promise<void> {
    this.pausedUntil = null;
    this.serverFailures = 0;
    if (this.started && !this.stopped) this.deps.repository.makeQueuedDue(this.deps.clock.now());
    return this.nudge();
  }

  /** Resolves when the pass in progress (if any) is over. */
  idle(): Promise<void> {
    return this.current;
  }

  /** Whether the outbox is paused because the server is unusable, and until when. */
  get pausedUntilTime(): number | null {
    return this.pausedUntil !== null && this.pausedUntil > this.deps.clock.now() ? this.pausedUntil : null;
  }

  /** Stops after the message being sent (if any); its row is then recorded. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.disarm();
    await this.current;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
      this.passFailed = false;
    } catch (error) {
      this.passFailed = true;
      this.deps.logger.error("mail outbox pass failed", { error });
    } finally {
      this.busy = false;
      this.arm();
    }
  }

  private async drain(): Promise<void> {
    const { repository, clock } = this.deps;
    this.pruneIfDue();
    const sender = this.deps.sender();
    if (!sender) return;
    for (;;) {
      const batch = repository.due(clock.now(), BATCH);
      if (batch.length === 0) return;
      for (const row of batch) {
        if (this.stopped || this.pausedUntilTime !== null) return;
        const job = repository.claim(row.id);
        if (job) await this.deliver(job, sender);
      }
    }
  }

  /** Sends one claimed job and records the outcome. */
  private async deliver(job: MailJobRow, sender: MailSender): Promise<void> {
    const { repository, clock, logger, metrics } = this.deps;
    const fields = { job: job.id, kind: job.kind, to: job.toAddress, attempt: job.attempts };
    let error: unknown = null;
    let response = "";
    try {
      response = (await sender.send(messageForJob(job))).response;
    } catch (caught) {
      error = caught ?? new Error("send failed");
    }
    const now = clock.now();
    if (error === null) {
      repository.markSent(job.id, now);
      this.serverFailures = 0;
      this.pausedUntil = null;
      metrics?.sent.inc({ kind: job.kind });
      logger.info("e-mail sent", { ...fields, response });
      return;
    }
    const failure = classifyFailure(error);
    const retryAt = failure.kind === "rejected" ? null : nextAttemptAt(this.policy, job.attempts, now);
    repository.markFailed(job.id, failure.message, job.attempts, retryAt);
    if (retryAt === null) {
      const reason = failure.kind === "rejected" ? "rejected" : "attempts";
      metrics?.failed.inc({ kind: job.kind, reason });
      logger.error(reason === "rejected" ? "e-mail refused by the smtp server; not retried" : "e-mail failed after every attempt", { ...fields, error: failure.message });
    } else {
      metrics?.retried.inc({ kind: job.kind });
      logger.warn("e-mail not sent; will retry", { ...fields, error: failure.message, retryAt: new Date(retryAt).toISOString() });
    }
    if (failure.kind === "server") {
      this.serverFailures += 1;
      this.pausedUntil = now + retryDelayMs(this.policy, this.serverFailures);
    }
  }

  /** Arms the one timer: the server's backoff, else the next due retry or the poll, whichever is first. */
  private arm(): void {
    this.disarm();
    if (!this.started || this.stopped || this.deps.sender() === null) return;
    const now = this.deps.clock.now();
    let at: number;
    if (this.pausedUntilTime !== null) at = this.pausedUntil!;
    else if (this.passFailed) at = now + this.pollMs;
    else at = Math.min(this.deps.repository.nextDueAt() ?? Number.POSITIVE_INFINITY, now + this.pollMs);
    const delay = Math.min(Math.max(0, at - now), MAX_TIMER_DELAY_MS);
    this.timer = this.deps.timers.set(() => this.nudge(), delay);
  }

  private disarm(): void {
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
  }

  /** Deletes old finished rows, at most once an hour. */
  private pruneIfDue(): void {
    const now = this.deps.clock.now();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    const removed = this.deps.repository.prune(now - this.retention.sentMs, now - this.retention.failedMs);
    if (removed > 0) this.deps.logger.info("old e-mails pruned from the outbox", { removed });
  }
}
