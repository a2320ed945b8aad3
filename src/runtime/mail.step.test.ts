import { afterEach, describe, expect, test } from "bun:test";
import { parse } from "../config/config.fixtures";
import type { LoadResult } from "../config/load";
import { ConfigStore } from "../config/store";
import { ManualClock, SequentialIds } from "../core/clock";
import { ManualTimers } from "../jobs/timer-driver";
import { ShutdownHooks } from "../lifecycle/shutdown";
import { headerOf, TestSmtpServer } from "../mail/smtp.testing";
import { createLogger, type Logger } from "../observability/logger";
import { createMetrics } from "../observability/metrics";
import { OfflineMessageService } from "../offline/offline.service";
import { openDatabase, type OpenDatabase } from "../storage/db";
import { MailJobRepository } from "../storage/repositories/mail-jobs.repository";
import { OfflineMessageRepository } from "../storage/repositories/offline-messages.repository";
import { startMail, type MailStep } from "./mail.step";

const PEOPLE = `server:
  publicUrl: https://chat.example/
departments:
  - id: sales
    name: Sales
  - id: support
    name: Support
operators:
  - id: alice
    name: Alice Admin
    email: alice@example.com
    role: admin
  - id: olga
    name: Olga
    email: olga@example.com
    departments: [sales]
    receivesOfflineMessages: true
  - id: paul
    name: Paul
    email: paul@example.com
    departments: [support]
    receivesOfflineMessages: true
  - id: mia
    name: Mia Manager
    email: mia@example.com
    role: manager
    receivesOfflineMessages: true
`;

const smtpSection = (smtp: TestSmtpServer, password = smtp.password) => `smtp:
  host: 127.0.0.1
  port: ${smtp.port}
  user: ${smtp.user}
  password: ${password}
  from: "Acme Support <support@acme.example>"
`;

function loaded(text: string): Extract<LoadResult, { ok: true }> {
  const result = parse(text);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return result;
}

interface Harness {
  readonly smtp: TestSmtpServer;
  readonly store: ConfigStore;
  readonly mail: MailStep;
  readonly offline: OfflineMessageService;
  readonly database: OpenDatabase;
  readonly timers: ManualTimers;
  readonly logs: Record<string, unknown>[];
  /** Resolves with the first log line (past or future) with this message; rejects after 5 s. */
  waitForLog(msg: string): Promise<Record<string, unknown>>;
  /** Replaces the config file's content and reloads. */
  reload(text: string): Promise<void>;
  readonly hooks: ShutdownHooks;
  readonly logger: Logger;
}

let h: Harness | null = null;
afterEach(async () => {
  if (!h) return;
  await h.hooks.run("test over", { logger: h.logger });
  await h.smtp.stop();
  h.database.close();
  h = null;
});

async function harness(configText: (smtp: TestSmtpServer) => string): Promise<Harness> {
  const smtp = await TestSmtpServer.start();
  let file = loaded(configText(smtp));
  const store = new ConfigStore("/srv/parley/c.yaml", file.config, { load: () => file });
  const database = openDatabase(":memory:");
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const ids = new SequentialIds();
  const logs: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  const logger = createLogger({
    level: "debug",
    clock,
    sink: (line) => {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      for (const listener of listeners) listener();
    },
  });
  const waitForLog = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line "${msg}"`)), 5_000);
      const check = () => {
        const line = logs.find((l) => l.msg === msg);
        if (!line) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(line);
      };
      listeners.add(check);
      check();
    });
  const hooks = new ShutdownHooks();
  const mail = startMail({ store, database, logger, clock, ids, shutdownHooks: hooks, timers, metrics: createMetrics({ processMetrics: false }) });
  const offline = new OfflineMessageService(new OfflineMessageRepository(database.db), () => store.current(), clock, ids, logger, mail.offlineNotifier);
  return {
    smtp,
    store,
    mail,
    offline,
    database,
    timers,
    logs,
    waitForLog,
    hooks,
    logger,
    async reload(text) {
      file = loaded(text);
      const result = await store.reload();
      if (!result.ok) throw new Error("reload failed");
    },
  };
}

const visitorMessage = { name: "Vera Visitor", email: "vera@visitor.example", message: "Do you ship to Norway?", department: "sales", pageUrl: "https://shop.example/shipping", reason: "after_hours" };

describe("offline messages by e-mail", () => {
  test("one e-mail per operator who receives offline messages for the department, with Reply-To the visitor", async () => {
    h = await harness((smtp) => PEOPLE + smtpSection(smtp));
    const row = h.offline.leave(visitorMessage, null);

    const received = await h.smtp.waitForMessages(2);
    await h.mail.worker.idle();
    expect(received.map((m) => m.envelopeTo[0]).sort()).toEqual(["mia@example.com", "olga@example.com"]);
    for (const mail of received) {
      expect(mail.user).toBe("tester");
      expect(mail.parsed.from).toEqual({ name: "Acme Support", address: "support@acme.example" });
      expect(mail.parsed.replyTo).toEqual([{ name: "Vera Visitor", address: "vera@visitor.example" }]);
      expect(mail.parsed.subject).toBe("Offline message from Vera Visitor (Sales)");
      expect(mail.parsed.text).toContain("From:       Vera Visitor <vera@visitor.example>");
      expect(mail.parsed.text).toContain("  Do you ship to Norway?");
      expect(mail.parsed.text).toContain("https://chat.example/console");
      expect(mail.parsed.text).toContain(`Reference: ${row.id}`);
      expect(mail.parsed.html).toContain("Do you ship to Norway?");
      expect(headerOf(mail, "x-parley-kind")).toBe("offline-message");
    }
    const olga = received.find((m) => m.envelopeTo[0] === "olga@example.com")!;
    expect(olga.parsed.to).toEqual([{ name: "Olga", address: "olga@example.com" }]);
    expect(olga.parsed.text).toStartWith("Hello Olga,\n");
    await h.timers.advance(60_000);
    expect(h.smtp.received).toHaveLength(2);
  });

  test("a visitor address unusable as Reply-To is left out, the e-mail still goes", async () => {
    h = await harness((smtp) => PEOPLE + smtpSection(smtp));
    h.offline.leave({ ...visitorMessage, email: "vera@localhost", department: "support" }, null);
    const received = await h.smtp.waitForMessages(2);
    expect(received.map((m) => m.envelopeTo[0]).sort()).toEqual(["mia@example.com", "paul@example.com"]);
    expect(received.every((m) => m.parsed.replyTo === undefined)).toBe(true);
    expect(received[0]!.parsed.text).toContain("Write to vera@localhost to answer.");
  });
});

describe("configuration", () => {
  test("without smtp nothing is sent and nothing crashes; adding smtp on reload sends what waited", async () => {
    h = await harness(() => PEOPLE);
    h.offline.leave(visitorMessage, null);
    const transcript = new MailJobRepository(h.database.db).enqueue({ id: "mail_t", kind: "transcript", toAddress: "olga@example.com", subject: "Transcript", bodyText: "…", createdAt: 0 });
    await h.timers.advance(10 * 60_000);
    await h.mail.worker.idle();
    expect(h.smtp.received).toHaveLength(0);
    expect(h.mail.outbox.get(transcript.id)?.status).toBe("queued");
    expect(h.logs.filter((l) => String(l.msg).startsWith("smtp is not configured"))).toHaveLength(1);

    await h.reload(PEOPLE + smtpSection(h.smtp));
    const received = await h.smtp.waitForMessages(3);
    expect(received.map((m) => m.envelopeTo[0]).sort()).toEqual(["mia@example.com", "olga@example.com", "olga@example.com"]);
  });

  test("a reload that fixes the password rebuilds the transport and sends at once, without waiting out the backoff", async () => {
    h = await harness((smtp) => PEOPLE + smtpSection(smtp, "wrong-password"));
    h.offline.leave({ ...visitorMessage, department: undefined }, null);
    const failure = await h.waitForLog("e-mail not sent; will retry");
    expect(String(failure.error)).toMatch(/EAUTH 535/);
    expect(h.smtp.received).toHaveLength(0);

    await h.reload(PEOPLE + smtpSection(h.smtp));
    const received = await h.smtp.waitForMessages(3);
    expect(received.map((m) => m.envelopeTo[0]).sort()).toEqual(["mia@example.com", "olga@example.com", "paul@example.com"]);
  });

  test("the outbox figures are on /metrics", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const smtp = await TestSmtpServer.start();
    const store = new ConfigStore("/srv/parley/c.yaml", loaded(PEOPLE + smtpSection(smtp)).config);
    const database = openDatabase(":memory:");
    const clock = new ManualClock();
    const hooks = new ShutdownHooks();
    const logger = createLogger({ level: "error", sink: () => {} });
    const mail = startMail({ store, database, logger, clock, ids: new SequentialIds(), shutdownHooks: hooks, timers: new ManualTimers(clock), metrics });
    mail.outbox.enqueue({ id: "mail_1", kind: "transcript", toAddress: "olga@example.com", subject: "S", bodyText: "B", createdAt: clock.now() });
    await smtp.waitForMessages(1);
    await mail.worker.idle();
    const text = await metrics.render();
    expect(text).toContain('parley_mail_sent_total{kind="transcript"} 1');
    expect(text).toContain('parley_mail_outbox_jobs{status="sent"} 1');
    expect(text).toContain('parley_mail_outbox_jobs{status="queued"} 0');
    await hooks.run("test over", { logger });
    await smtp.stop();
    database.close();
  });
});
