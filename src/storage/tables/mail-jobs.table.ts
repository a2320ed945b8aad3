/**
 * The mail outbox: every e-mail Parley wants sent (a transcript an operator asked for, later
 * notifications) is first a row here, written in the same request that asked for it, so nothing
 * is lost when SMTP is slow or down. The mail module sends queued rows and records the outcome.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One e-mail to send. */
export const mailJobs = sqliteTable(
  "mail_jobs",
  {
    id: text("id").primaryKey(),
    /** What it is, e.g. `transcript`; decides nothing but reporting. */
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    /** Plain-text body, rendered when the job was queued (the conversation may change later). */
    bodyText: text("body_text").notNull(),
    /** JSON context: conversation id, who asked… */
    payload: text("payload").notNull().default("{}"),
    /** queued | sending | sent | failed */
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    /** Earliest time of the next attempt (retries back off). */
    nextAttemptAt: integer("next_attempt_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (table) => [index("mail_jobs_due_idx").on(table.status, table.nextAttemptAt)],
);
