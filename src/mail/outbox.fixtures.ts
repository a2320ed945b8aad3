/**
 * Shared set-up of the outbox tests: a real SMTP server, an in-memory database, a manual clock and
 * timers, and the worker wired the way the mail step wires it — so tests read as "queue an e-mail,
 * move time, look at the server's mailbox and the row".
 */
import { Registry } from "prom-client";
import { ManualClock, SequentialIds } from "../core/clock";
import { ManualTimers } from "../jobs/timer-driver";
import { createLogger } from "../observability/logger";
import { openDatabase, type OpenDatabase } from "../storage/db";
import { MailJobRepository, type MailJobRow } from "../storage/repositories/mail-jobs.repository";
import { MailOutboxRepository } from "../storage/repositories/mail-outbox.repository";
import { createMailMetrics, type MailMetrics } from "./mail.metrics";
import { MailOutbox } from "./outbox.service";
import { OutboxWorker, type OutboxWorkerDeps } from "./outbox.worker";
import type { RetryPolicy } from "./retry.policy";
import { SmtpTransport } from "./smtp.transport";
import { TestSmtpServer } from "./smtp.testing";

/** Everything a worker test touches. */
export interface OutboxHarness {
  readonly smtp: TestSmtpServer;
  readonly database: OpenDatabase;
  readonly clock: ManualClock;
  readonly timers: ManualTimers;
  readonly ids: SequentialIds;
  readonly transport: SmtpTransport;
  readonly repository: MailOutboxRepository;
  readonly outbox: MailOutbox;
  readonly worker: OutboxWorker;
  readonly registry: Registry;
  readonly metrics: MailMetrics;
  /** Log lines, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Queues an e-mail the way the transcript service does (straight into the table: no nudge). */
  queueDirect(overrides?: Partial<Parameters<MailJobRepository["enqueue"]>[0]>): MailJobRow;
  /** Queues an e-mail through the outbox (nudges the worker). */
  queue(overrides?: Partial<Parameters<MailJobRepository["enqueue"]>[0]>): MailJobRow;
  /** Lets the nudge of a queue() run and waits for the worker's pass. */
  settle(): Promise<void>;
  /** The row as stored now. */
  row(id: string): MailJobRow;
  /** Value of a counter or gauge sample in the registry. */
  metric(name: string, labels: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/** Options of {@link outboxHarness}. */
export interface OutboxHarnessOptions {
  readonly policy?: RetryPolicy;
  readonly pollIntervalMs?: number;
  /** Start with mail disabled (no smtp section). */
  readonly disabled?: boolean;
  /** Do not call worker.start() (crash-recovery tests prepare rows first). */
  readonly deferStart?: boolean;
  readonly worker?: Partial<OutboxWorkerDeps>;
}

/** Builds the harness; call `close()` in afterEach. */
export async function outboxHarness(options: OutboxHarnessOptions = {}): Promise<OutboxHarness> {
  const smtp = await TestSmtpServer.start();
  const database = openDatabase(":memory:");
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const ids = new SequentialIds();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({ level: "debug", clock, sink: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const transport = new SmtpTransport(logger);
  transport.configure(options.disabled ? undefined : smtp.settings());
  const repository = new MailOutboxRepository(database.db);
  const registry = new Registry();
  const metrics = createMailMetrics(registry, () => repository.countByStatus());
  const worker = new OutboxWorker({
    repository,
    sender: () => transport.sender(),
    clock,
    timers,
    logger,
    metrics,
    policy: options.policy,
    pollIntervalMs: options.pollIntervalMs,
    ...options.worker,
  });
  const outbox = new MailOutbox(database.db, () => void worker.nudge());
  const direct = new MailJobRepository(database.db);
  if (!options.deferStart) worker.start();
  const job = (overrides: Partial<Parameters<MailJobRepository["enqueue"]>[0]> = {}) => ({
    id: ids.next("mail"),
    kind: "transcript",
    toAddress: "olga@example.com",
    subject: "Chat with us — conversation with Alice",
    bodyText: "Conversation with Alice\n[09:00] Alice: Hello\n",
    createdAt: clock.now(),
    ...overrides,
  });
  return {
    smtp,
    database,
    clock,
    timers,
    ids,
    transport,
    repository,
    outbox,
    worker,
    registry,
    metrics,
    logs,
    queueDirect: (overrides) => direct.enqueue(job(overrides)),
    queue: (overrides) => outbox.enqueue(job(overrides)),
    async settle() {
      await Promise.resolve();
      await worker.idle();
    },
    row(id) {
      const row = repository.get(id);
      if (!row) throw new Error(`no mail job ${id}`);
      return row;
    },
    async metric(name, labels) {
      const metric = registry.getSingleMetric(name);
      if (!metric) throw new Error(`no metric ${name}`);
      const sample = (await metric.get()).values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value));
      return sample?.value ?? 0;
    },
    async close() {
      await worker.stop();
      transport.close();
      await smtp.stop();
      database.close();
    },
  };
}
