/**
 * The mail figures on /metrics, registered on the server's prom-client registry (the metrics module
 * keeps one registry per server; each module adds what it owns). Sent, retried and given-up counts
 * tell an admin whether e-mail works; the outbox gauge, read from the database at scrape time,
 * shows a backlog growing while SMTP is down or not configured.
 */
import { Counter, Gauge, type Registry } from "../observability/metrics";
import type { MailJobStatus } from "../storage/repositories/mail-outbox.repository";

/** The counters the outbox worker increments. */
export interface MailMetrics {
  readonly sent: Counter<"kind">;
  /** A failed attempt that will be retried. */
  readonly retried: Counter<"kind">;
  /** A job marked failed: refused for good by the server, or out of attempts. */
  readonly failed: Counter<"kind" | "reason">;
}

/** Registers the mail figures; `outboxCounts` is read at each scrape. */
export function createMailMetrics(registry: Registry, outboxCounts: () => Record<MailJobStatus, number>): MailMetrics {
  const registers = [registry];
  new Gauge({
    name: "parley_mail_outbox_jobs",
    help: "E-mails in the outbox by status (queued, sending, sent, failed)",
    labelNames: ["status"],
    registers,
    collect() {
      try {
        for (const [status, n] of Object.entries(outboxCounts())) this.set({ status }, n);
      } catch {
        // The database is closing (shutdown): keep the last figures rather than fail the scrape.
      }
    },
  });
  return {
    sent: new Counter({ name: "parley_mail_sent_total", help: "E-mails accepted by the SMTP server", labelNames: ["kind"], registers }),
    retried: new Counter({ name: "parley_mail_retries_total", help: "Failed e-mail attempts that will be retried", labelNames: ["kind"], registers }),
    failed: new Counter({ name: "parley_mail_failed_total", help: "E-mails given up (rejected by the server or out of attempts)", labelNames: ["kind", "reason"], registers }),
  };
}
