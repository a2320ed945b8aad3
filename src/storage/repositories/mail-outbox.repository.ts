/**
 * The outbox as the sending side sees it: the shared mail_jobs repository (enqueue, due, outcome)
 * plus what only the worker needs — an atomic claim (queued → sending), recovery of the rows a
 * crash left in `sending`, the next due time for its timer, counts for the metrics, and pruning of
 * old rows (their bodies hold transcripts: personal data that should not outlive its use).
 */
import { and, count, eq, gt, lt, min, or, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { mailJobs } from "../tables/mail-jobs.table";
import { MailJobRepository, type MailJobRow } from "./mail-jobs.repository";

/** The states of an outbox row. */
export const MAIL_JOB_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type MailJobStatus = (typeof MAIL_JOB_STATUSES)[number];

/** What start-up recovery did with the rows a crash left in `sending`. */
export interface RecoveryReport {
  /** Put back in the queue, due at once (at-least-once delivery). */
  readonly requeued: number;
  /** Already at the attempt limit: marked failed. */
  readonly failed: number;
}

/** The outbox repository of the mail worker. */
export class MailOutboxRepository extends MailJobRepository {
  constructor(private readonly database: BunSQLiteDatabase) {
    super(database);
  }

  /**
   * Takes a queued job for sending and counts the attempt, in one statement so two workers (or a
   * nudge racing the timer) never send the same row twice. Null when the job is no longer queued.
   */
  claim(id: string): MailJobRow | null {
    return (
      this.database
        .update(mailJobs)
        .set({ status: "sending", attempts: sql`${mailJobs.attempts} + 1` })
        .where(and(eq(mailJobs.id, id), eq(mailJobs.status, "queued")))
        .returning()
        .get() ?? null
    );
  }

  /**
   * Rows in `sending` at start-up were interrupted by a crash or a kill mid-send: the server may or
   * may not have accepted them, so they are sent again (at-least-once; the Message-ID stays the
   * same). A row that already used every attempt is failed instead, so a message that crashes the
   * process cannot loop forever.
   */
  requeueInterrupted(now: number, maxAttempts: number): RecoveryReport {
    const interrupted = eq(mailJobs.status, "sending");
    const failed = this.database
      .update(mailJobs)
      .set({ status: "failed", lastError: sql`coalesce(${mailJobs.lastError} || ' — ', '') || 'interrupted while sending (server stopped) on the last attempt'` })
      .where(and(interrupted, sql`${mailJobs.attempts} >= ${maxAttempts}`))
      .returning({ id: mailJobs.id })
      .all().length;
    const requeued = this.database.update(mailJobs).set({ status: "queued", nextAttemptAt: now }).where(interrupted).returning({ id: mailJobs.id }).all().length;
    return { requeued, failed };
  }

  /** Makes every queued job due at `now` (new SMTP settings deserve a try without waiting out the backoff). */
  makeQueuedDue(now: number): void {
    this.database.update(mailJobs).set({ nextAttemptAt: now }).where(and(eq(mailJobs.status, "queued"), gt(mailJobs.nextAttemptAt, now))).run();
  }

  /** The earliest `next_attempt_at` among queued jobs, or null when the queue is empty. */
  nextDueAt(): number | null {
    return this.database.select({ at: min(mailJobs.nextAttemptAt) }).from(mailJobs).where(eq(mailJobs.status, "queued")).get()?.at ?? null;
  }

  /** How many jobs are in each state (every state present, zero when empty). */
  countByStatus(): Record<MailJobStatus, number> {
    const counts: Record<MailJobStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const row of this.database.select({ status: mailJobs.status, n: count() }).from(mailJobs).groupBy(mailJobs.status).all()) {
      if ((MAIL_JOB_STATUSES as readonly string[]).includes(row.status)) counts[row.status as MailJobStatus] = row.n;
    }
    return counts;
  }

  /** Deletes sent jobs finished before `sentBefore` and failed jobs created before `failedBefore`; returns how many. */
  prune(sentBefore: number, failedBefore: number): number {
    return this.database
      .delete(mailJobs)
      .where(
        or(
          and(eq(mailJobs.status, "sent"), lt(mailJobs.sentAt, sentBefore)),
          and(eq(mailJobs.status, "failed"), lt(mailJobs.createdAt, failedBefore)),
        ),
      )
      .returning({ id: mailJobs.id })
      .all().length;
  }
}
