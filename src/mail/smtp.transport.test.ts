import { afterEach, describe, expect, test } from "bun:test";
import type { SMTPTransportOptions } from "nodemailer";
import { createLogger } from "../observability/logger";
import { fromAddress, logSmtpCheck, nodemailerFactory, SmtpTransport, transportOptions, type SmtpTransporterFactory } from "./smtp.transport";
import { TestSmtpServer } from "./smtp.testing";

let smtp: TestSmtpServer | null = null;
afterEach(async () => {
  await smtp?.stop();
  smtp = null;
});

function logged() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({ level: "debug", sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }) };
}

const settings = { host: "mail.example.com", port: 587, secure: false, from: "Parley <noreply@example.com>" };

describe("transport options", () => {
  test("an empty or missing user means no login; a user logs in with the password", () => {
    expect(transportOptions({ ...settings }).auth).toBeUndefined();
    expect(transportOptions({ ...settings, user: "  ", password: "x" }).auth).toBeUndefined();
    expect(transportOptions({ ...settings, user: "mailer", password: "pw" }).auth).toEqual({ user: "mailer", pass: "pw" });
  });

  test("host, port and implicit TLS come from the config; timeouts are short so a dead server fails fast", () => {
    const options = transportOptions({ ...settings, port: 465, secure: true });
    expect(options).toMatchObject({ host: "mail.example.com", port: 465, secure: true, disableFileAccess: true, disableUrlAccess: true });
    expect(options.connectionTimeout).toBeLessThanOrEqual(15_000);
  });

  test("the address of smtp.from is found with or without a display name", () => {
    expect(fromAddress("Parley <noreply@example.com>")).toBe("noreply@example.com");
    expect(fromAddress("noreply@example.com")).toBe("noreply@example.com");
    expect(fromAddress("Parley")).toBeNull();
  });
});

describe("configure", () => {
  test("the transport is rebuilt only when the smtp section changes, and the old one closed", () => {
    const built: SMTPTransportOptions[] = [];
    let closed = 0;
    const factory: SmtpTransporterFactory = (options) => {
      built.push(options);
      return { sendMail: async () => ({ messageId: "x", response: "250" }), verify: async () => true, close: () => void closed++ };
    };
    const transport = new SmtpTransport(logged().logger, factory);
    expect(transport.configure({ ...settings })).toBe(true);
    expect(transport.configure({ ...settings })).toBe(false);
    expect(built).toHaveLength(1);
    expect(transport.configure({ ...settings, port: 2525 })).toBe(true);
    expect(built.map((o) => o.port)).toEqual([587, 2525]);
    expect(closed).toBe(1);
    expect(transport.configure(undefined)).toBe(true);
    expect(transport.enabled).toBe(false);
    expect(transport.sender()).toBeNull();
    expect(closed).toBe(2);
  });

  test("mail disabled is a single warning, repeated only after smtp came and went again", () => {
    const { lines, logger } = logged();
    const transport = new SmtpTransport(logger, nodemailerFactory);
    transport.configure(undefined);
    transport.configure(undefined);
    const warnings = () => lines.filter((l) => l.level === "warn" && String(l.msg).startsWith("smtp is not configured")).length;
    expect(warnings()).toBe(1);
    transport.configure({ ...settings });
    transport.configure(undefined);
    expect(warnings()).toBe(2);
  });

  test("a from without an address is flagged at once", () => {
    const { lines, logger } = logged();
    new SmtpTransport(logger).configure({ ...settings, from: "Parley support" });
    expect(lines.some((l) => l.level === "warn" && String(l.msg).startsWith("smtp.from has no valid e-mail address"))).toBe(true);
  });
});

describe("check", () => {
  test("logs in to a reachable server; nothing to check while mail is disabled", async () => {
    smtp = await TestSmtpServer.start();
    const transport = new SmtpTransport(logged().logger);
    expect(await transport.check()).toBeNull();
    transport.configure(smtp.settings());
    expect(await transport.check()).toEqual({ ok: true });
  });

  test("an unreachable server or a refused login is a reason, never a throw", async () => {
    smtp = await TestSmtpServer.start();
    const transport = new SmtpTransport(logged().logger);
    transport.configure(smtp.settings({ password: "wrong" }));
    expect(await transport.check()).toEqual({ ok: false, reason: expect.stringMatching(/EAUTH 535/) });
    await smtp.down();
    transport.configure(smtp.settings());
    expect(await transport.check()).toEqual({ ok: false, reason: expect.stringMatching(/ECONNREFUSED/) });
  });

  test("the outcome is logged the way the admin reads it: ready at info, a failure as a warning with the reason", () => {
    const { lines, logger } = logged();
    logSmtpCheck(logger, settings, { ok: true });
    logSmtpCheck(logger, settings, { ok: false, reason: "EAUTH 535 authentication failed" });
    expect(lines).toEqual([
      expect.objectContaining({ level: "info", msg: "smtp server ready", host: "mail.example.com", port: 587, secure: false }),
      expect.objectContaining({ level: "warn", msg: "smtp server check failed: e-mails stay queued and are retried", host: "mail.example.com", error: "EAUTH 535 authentication failed" }),
    ]);
  });
});
