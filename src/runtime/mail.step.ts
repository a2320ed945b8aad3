/**
 * The mail module's start-up step for the composition root (src/server.ts): the SMTP transport from
 * the `smtp` section (rebuilt and re-checked when a reload changes it), the outbox worker (started
 * after recovering rows a crash left mid-send), the outbox that wakes it, and the offline-message
 * notifier the realtime step hands to the offline service. Without an `smtp` section nothing is
 * sent: e-mails wait in the outbox, and a warning says so once.
 */
import type { ConfigStore } from "../config/store";
import type { Clock, IdGenerator } from "../core/clock";
import { systemTimers, type TimerDriver } from "../jobs/timer-driver";
import type { ShutdownHooks } from "../lifecycle/shutdown";
import { createMailMetrics } from "../mail/mail.metrics";
import { MailOfflineNotifier } from "../mail/offline.notifier";
import { MailOutboxRepository } from "../storage/repositories/mail-outbox.repository";
import { MailOutbox } from "../mail/outbox.service";
import { OutboxWorker } from "../mail/outbox.worker";
import { logSmtpCheck, SmtpTransport, type SmtpCheckResult, type SmtpTransporterFactory } from "../mail/smtp.transport";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { OpenDatabase } from "../storage/db";

/** What the step needs from the composition root. */
export interface MailStepDeps {
  readonly store: ConfigStore;
  readonly database: OpenDatabase;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly shutdownHooks: ShutdownHooks;
  /** When given, the mail figures are added to its registry. */
  readonly metrics?: Metrics;
  /** Real timers by default; tests pass ManualTimers. */
  readonly timers?: TimerDriver;
  /** nodemailer by default; tests may observe the options. */
  readonly transporterFactory?: SmtpTransporterFactory;
  /**
   * How the SMTP settings in effect are checked (connect, greeting, login) after the start and on
   * every change: the server passes a child process (src/mail/smtp-check.process.ts), so the SMTP
   * client is not loaded before mail is sent; by default the transport checks in-process.
   */
  readonly smtpCheck?: (signal: AbortSignal) => Promise<SmtpCheckResult>;
  /** Longest wait before a row queued straight into mail_jobs is noticed (default 5 s). */
  readonly pollIntervalMs?: number;
}

/** The running mail module. */
export interface MailStep {
  /** For `startRealtime({ offlineNotifier })`: offline messages e-mailed to the operators who receive them. */
  readonly offlineNotifier: MailOfflineNotifier;
  /** Queue e-mails here (a MailJobRepository whose enqueue wakes the worker). */
  readonly outbox: MailOutbox;
  readonly worker: OutboxWorker;
  readonly transport: SmtpTransport;
  /**
   * Checks the start-up SMTP settings once and logs the outcome. Separate from `startMail` so the
   * composition root calls it after listening: the check's round trip stays out of the cold start
   * (readiness never depended on it).
   */
  verifySmtp(): void;
}

/** Builds the mail module and starts sending the outbox. */
export function startMail(deps: MailStepDeps): MailStep {
  const { store, database, clock, shutdownHooks } = deps;
  const log = deps.logger.child({ module: "mail" });
  const transport = new SmtpTransport(log, deps.transporterFactory);
  transport.configure(store.current().smtp);

  const repository = new MailOutboxRepository(database.db);
  const metrics = deps.metrics ? createMailMetrics(deps.metrics.registry, () => repository.countByStatus()) : undefined;
  const worker = new OutboxWorker({
    repository,
    sender: () => transport.sender(),
    clock,
    timers: deps.timers ?? systemTimers,
    logger: log,
    metrics,
    pollIntervalMs: deps.pollIntervalMs,
  });
  const outbox = new MailOutbox(database.db, () => void worker.nudge());
  const offlineNotifier = new MailOfflineNotifier({ outbox, config: () => store.current(), clock, ids: deps.ids });

  const stopping = new AbortController();
  const check = deps.smtpCheck ?? (async () => (await transport.check()) ?? { ok: false, reason: "smtp is not configured" });
  const verifySmtp = async () => {
    const settings = transport.current;
    if (!settings) return;
    const result = await check(stopping.signal);
    if (!stopping.signal.aborted) logSmtpCheck(log, settings, result);
  };
  const unsubscribe = store.subscribe((next) => {
    if (!transport.configure(next.smtp)) return;
    void verifySmtp();
    void worker.resume();
  });
  worker.start();
  shutdownHooks.add("work", "mail", async () => {
    unsubscribe();
    stopping.abort();
    await worker.stop();
    transport.close();
  });
  return { offlineNotifier, outbox, worker, transport, verifySmtp: () => void verifySmtp() };
}
