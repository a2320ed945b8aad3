/**
 * The mail outbox in SQLite: jobs are queued by whoever wants an e-mail sent and taken by the
 * mail sender in due order; the outcome (sent, or failed with a retry time) is recorded on the row.
 */
import { and, asc, eq, lte } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { mailJobs } from "../tables/mail-jobs.table";

/** One outbox row. */
export type MailJobRow = typeof mailJobs.$inferSelect;
/** What a caller provides to queue an e-mail. */
export type NewMailJob = Pick<MailJobRow, "id" | "kind" | "toAddress" | "subject" | "bodyText" | "createdAt"> & { readonly payload?: Record<string, unknown> };

/** The outbox repository. */
export class MailJobRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  /** Queues an e-mail, due at once. */
  enqueue(job: NewMailJob): MailJobRow {
    const row: MailJobRow = {
      id: job.id,
      kind: job.kind,
      toAddress: job.toAddress,
      subject: job.subject,
      bodyText: job.bodyText,
      payload: JSON.stringify(job.payload ?? {}),
      status: "queued",
      attempts: 0,
      lastError: null,
      createdAt: job.createdAt,
      nextAttemptAt: job.createdAt,
      sentAt: null,
    };
    this.db.insert(mailJobs).values(row).run();
    return row;
  }

  get(id: string): MailJobRow | null {
    return this.db.select().from(mailJobs).where(eq(mailJobs.id, id)).get() ?? null;
  }

  /** Queued jobs whose next attempt is due, oldest first. */
  due(now: number, limit: number): MailJobRow[] {
    return this.db.select().from(mailJobs).where(and(eq(mailJobs.status, "queued"), lte(mailJobs.nextAttemptAt, now))).orderBy(asc(mailJobs.nextAttemptAt)).limit(limit).all();
  }

  markSent(id: string, at: number): void {
    this.db.update(mailJobs).set({ status: "sent", sentAt: at, lastError: null }).where(eq(mailJobs.id, id)).run();
  }

  /** Records a failed attempt: retried at `retryAt`, or given up (`retryAt` null). */
  markFailed(id: string, error: string, attempts: number, retryAt: number | null): void {
    this.db
      .update(mailJobs)
      .set(retryAt === null ? { status: "failed", attempts, lastError: error } : { status: "queued", attempts, lastError: error, nextAttemptAt: retryAt })
      .where(eq(mailJobs.id, id))
      .run();
  }
}
