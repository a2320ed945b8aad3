import { afterEach, describe, expect, test } from "bun:test";
import { headerOf } from "./smtp.testing";
import { outboxHarness, type OutboxHarness } from "./outbox.fixtures";

const MINUTE = 60_000;
let h: OutboxHarness;

afterEach(async () => {
  await h?.close();
});

describe("delivery", () => {
  test("a transcript queued straight into the table is delivered by the next poll, with its headers, recipient and body", async () => {
    h = await outboxHarness();
    const job = h.queueDirect({ payload: { conversationId: "conv_1", requestedBy: "olga" } });
    expect(h.smtp.received).toHaveLength(0);

    await h.timers.advance(5_000);

    expect(h.smtp.received).toHaveLength(1);
    const mail = h.smtp.received[0]!;
    expect(mail.user).toBe("tester");
    expect(mail.envelopeTo).toEqual(["olga@example.com"]);
    expect(mail.envelopeFrom).toBe("noreply@parley.example");
    expect(mail.parsed.from).toEqual({ name: "Parley", address: "noreply@parley.example" });
    expect(mail.parsed.to).toEqual([{ name: "", address: "olga@example.com" }]);
    expect(mail.parsed.subject).toBe("Chat with us — conversation with Alice");
    expect(mail.parsed.text).toBe("Conversation with Alice\n[09:00] Alice: Hello\n");
    expect(mail.parsed.html).toBeUndefined();
    expect(mail.parsed.messageId).toBe(`<${job.id}@parley.example>`);
    expect(headerOf(mail, "auto-submitted")).toBe("auto-generated");
    expect(headerOf(mail, "x-parley-kind")).toBe("transcript");

    const row = h.row(job.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: h.clock.now() });
    expect(await h.metric("parley_mail_sent_total", { kind: "transcript" })).toBe(1);
  });

  test("an e-mail queued through the outbox leaves at once, without waiting for the poll", async () => {
    h = await outboxHarness();
    const job = h.queue({ toAddress: "bob@example.com", payload: { toName: "Bob Builder", html: "<p>Hi</p>", replyTo: { address: "alice@visitor.example", name: "Alice" } } });
    await h.settle();

    expect(h.smtp.received).toHaveLength(1);
    const mail = h.smtp.received[0]!;
    expect(mail.parsed.to).toEqual([{ name: "Bob Builder", address: "bob@example.com" }]);
    expect(mail.parsed.replyTo).toEqual([{ name: "Alice", address: "alice@visitor.example" }]);
    expect(mail.parsed.html).toContain("<p>Hi</p>");
    expect(h.row(job.id).status).toBe("sent");
  });

  test("a burst of e-mails is sent one after another, oldest first", async () => {
    h = await outboxHarness();
    const first = h.queue({ subject: "first" });
    h.clock.advance(1);
    h.queue({ subject: "second" });
    h.clock.advance(1);
    h.queue({ subject: "third" });
    await h.settle();
    expect(h.smtp.received.map((m) => m.parsed.subject)).toEqual(["first", "second", "third"]);
    expect(h.row(first.id).status).toBe("sent");
  });
});

describe("retries", () => {
  test("SMTP down: retried after 1 min, then 5 min, and delivered once it is back", async () => {
    h = await outboxHarness();
    await h.smtp.down();
    const t0 = h.clock.now();
    const job = h.queue();
    await h.settle();

    let row = h.row(job.id);
    expect(row).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: t0 + MINUTE });
    expect(row.lastError).toMatch(/ECONNREFUSED/);

    await h.timers.advance(MINUTE - 1);
    expect(h.row(job.id).attempts).toBe(1);
    await h.timers.advance(1);
    row = h.row(job.id);
    expect(row).toMatchObject({ status: "queued", attempts: 2, nextAttemptAt: t0 + MINUTE + 5 * MINUTE });

    await h.smtp.resume();
    await h.timers.advance(5 * MINUTE - 1);
    expect(h.smtp.received).toHaveLength(0);
    await h.timers.advance(1);

    expect(h.smtp.received).toHaveLength(1);
    expect(h.row(job.id)).toMatchObject({ status: "sent", attempts: 3, lastError: null, sentAt: t0 + 6 * MINUTE });
    expect(await h.metric("parley_mail_retries_total", { kind: "transcript" })).toBe(2);
  });

  test("after the last attempt the job is failed with the server's error and never tried again", async () => {
    h = await outboxHarness({ policy: { maxAttempts: 3, delaysMs: [MINUTE, 5 * MINUTE] } });
    await h.smtp.down();
    const job = h.queue();
    await h.settle();
    await h.timers.advance(MINUTE);
    await h.timers.advance(5 * MINUTE);

    const row = h.row(job.id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(3);
    expect(row.lastError).toMatch(/ESOCKET.*ECONNREFUSED/);
    expect(await h.metric("parley_mail_failed_total", { kind: "transcript", reason: "attempts" })).toBe(1);
    expect(h.logs.some((l) => l.level === "error" && l.msg === "e-mail failed after every attempt" && l.job === job.id)).toBe(true);

    await h.smtp.resume();
    await h.timers.advance(60 * MINUTE);
    expect(h.smtp.received).toHaveLength(0);
    expect(h.row(job.id).attempts).toBe(3);
  });

  test("a recipient refused for good (550) fails at once; the other e-mails still go out", async () => {
    h = await outboxHarness();
    h.smtp.rejectRecipients.add("gone@example.com");
    const refused = h.queue({ toAddress: "gone@example.com" });
    const fine = h.queue({ toAddress: "olga@example.com" });
    await h.settle();

    expect(h.row(refused.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(h.row(refused.id).lastError).toMatch(/EENVELOPE 550/);
    expect(h.row(fine.id).status).toBe("sent");
    expect(h.worker.pausedUntilTime).toBeNull();
    expect(await h.metric("parley_mail_failed_total", { kind: "transcript", reason: "rejected" })).toBe(1);
  });

  test("a recipient deferred (451) is retried later without holding back the others", async () => {
    h = await outboxHarness();
    h.smtp.deferRecipients.add("busy@example.com");
    const deferred = h.queue({ toAddress: "busy@example.com" });
    const fine = h.queue({ toAddress: "olga@example.com" });
    await h.settle();
    expect(h.row(deferred.id)).toMatchObject({ status: "queued", attempts: 1 });
    expect(h.row(deferred.id).lastError).toMatch(/451/);
    expect(h.row(fine.id).status).toBe("sent");

    h.smtp.deferRecipients.clear();
    await h.timers.advance(MINUTE);
    expect(h.row(deferred.id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  test("while the server is down the outbox pauses: e-mails not yet tried keep their attempts", async () => {
    h = await outboxHarness();
    await h.smtp.down();
    const jobs = [h.queue(), h.queue(), h.queue()];
    await h.settle();
    expect(jobs.map((j) => h.row(j.id).attempts)).toEqual([1, 0, 0]);
    expect(h.worker.pausedUntilTime).toBe(h.clock.now() + MINUTE);

    await h.smtp.resume();
    await h.timers.advance(MINUTE);
    expect(jobs.map((j) => h.row(j.id).status)).toEqual(["sent", "sent", "sent"]);
    expect(h.smtp.received).toHaveLength(3);
  });

  test("a wrong SMTP password is retried, and delivered once the settings are fixed", async () => {
    h = await outboxHarness();
    h.transport.configure(h.smtp.settings({ password: "wrong" }));
    const job = h.queue();
    await h.settle();
    expect(h.row(job.id).status).toBe("queued");
    expect(h.row(job.id).lastError).toMatch(/EAUTH 535/);
    expect(h.smtp.failedLogins).toBeGreaterThan(0);

    h.transport.configure(h.smtp.settings());
    await h.worker.resume();
    expect(h.row(job.id).status).toBe("sent");
    expect(h.smtp.received[0]!.user).toBe("tester");
  });
});

describe("crash safety", () => {
  test("a row left in `sending` by a crash is sent again on start, with the same Message-ID", async () => {
    h = await outboxHarness({ deferStart: true });
    const job = h.queueDirect();
    expect(h.repository.claim(job.id)?.status).toBe("sending");

    const report = h.worker.start();
    await h.worker.idle();

    expect(report).toEqual({ requeued: 1, failed: 0 });
    expect(h.row(job.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(h.smtp.received[0]!.parsed.messageId).toBe(`<${job.id}@parley.example>`);
  });

  test("on start a row waiting out its backoff is tried at once (a restart often applies a fix)", async () => {
    h = await outboxHarness({ deferStart: true });
    const job = h.queueDirect();
    h.repository.claim(job.id);
    h.repository.markFailed(job.id, "ESOCKET: connect ECONNREFUSED", 1, h.clock.now() + 2 * 60 * MINUTE);

    h.worker.start();
    await h.worker.idle();
    expect(h.row(job.id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  test("an interrupted row that already used its last attempt is failed instead of looping", async () => {
    h = await outboxHarness({ deferStart: true, policy: { maxAttempts: 1, delaysMs: [MINUTE] } });
    const job = h.queueDirect();
    h.repository.claim(job.id);

    expect(h.worker.start()).toEqual({ requeued: 0, failed: 1 });
    await h.worker.idle();
    expect(h.row(job.id).status).toBe("failed");
    expect(h.row(job.id).lastError).toMatch(/interrupted while sending/);
    expect(h.smtp.received).toHaveLength(0);
  });
});

describe("mail disabled", () => {
  test("without smtp nothing is sent, rows stay queued, no timer spins; adding smtp sends them", async () => {
    h = await outboxHarness({ disabled: true });
    const job = h.queue();
    await h.settle();
    await h.timers.advance(60 * MINUTE);

    expect(h.smtp.received).toHaveLength(0);
    expect(h.row(job.id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(h.timers.pending).toBe(0);
    expect(h.logs.filter((l) => String(l.msg).startsWith("smtp is not configured"))).toHaveLength(1);

    h.transport.configure(h.smtp.settings());
    await h.worker.resume();
    expect(h.row(job.id).status).toBe("sent");
  });
});

describe("housekeeping", () => {
  test("sent rows are pruned after 7 days, failed ones after 30; queued ones are kept", async () => {
    h = await outboxHarness({ pollIntervalMs: 60 * MINUTE, policy: { maxAttempts: 1, delaysMs: [] } });
    h.smtp.rejectRecipients.add("gone@example.com");
    const sent = h.queue();
    const failed = h.queue({ toAddress: "gone@example.com" });
    await h.settle();
    await h.smtp.down();
    const waiting = h.queueDirect({ createdAt: h.clock.now() + 40 * 24 * 60 * MINUTE });

    await h.timers.advance(7 * 24 * 60 * MINUTE + 60 * MINUTE);
    expect(h.repository.get(sent.id)).toBeNull();
    expect(h.repository.get(failed.id)?.status).toBe("failed");

    await h.timers.advance(23 * 24 * 60 * MINUTE + 60 * MINUTE);
    expect(h.repository.get(failed.id)).toBeNull();
    expect(h.repository.get(waiting.id)?.status).toBe("queued");
  });
});
