/**
 * The way into the outbox for code that wants an e-mail sent: the shared mail_jobs repository
 * whose `enqueue` also wakes the worker, so a new e-mail leaves at once instead of at the next
 * poll. It is a `MailJobRepository`, so it can be handed to any service written against that.
 */
import type { Db } from "../storage/db";
import { MailJobRepository, type MailJobRow, type NewMailJob } from "../storage/repositories/mail-jobs.repository";

/** The outbox: queue an e-mail, the worker is nudged. */
export class MailOutbox extends MailJobRepository {
  constructor(
    db: Db,
    private readonly onQueued: () => void,
  ) {
    super(db);
  }

  /**
   * Queues the e-mail and wakes the worker. The wake-up waits for the current synchronous work to
   * end, so a caller's enclosing transaction has committed before the worker reads the row.
   */
  override enqueue(job: NewMailJob): MailJobRow {
    const row = super.enqueue(job);
    queueMicrotask(this.onQueued);
    return row;
  }
}
