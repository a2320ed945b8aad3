import { describe, expect, test } from "bun:test";
import type { MailJobRow } from "../storage/repositories/mail-jobs.repository";
import { isMailAddress } from "./email-address";
import { messageForJob } from "./job.message";

const row = (payload: string): MailJobRow => ({
  id: "mail_7",
  kind: "offline-message",
  toAddress: "olga@example.com",
  subject: "Subject",
  bodyText: "Body",
  payload,
  status: "sending",
  attempts: 1,
  lastError: null,
  createdAt: 0,
  nextAttemptAt: 0,
  sentAt: null,
});

describe("messageForJob", () => {
  test("recipient name, Reply-To and HTML come from the payload; the job id is the Message-ID reference", () => {
    const mail = messageForJob(row(JSON.stringify({ toName: "Olga  O.", replyTo: { address: "alice@visitor.example", name: "Alice" }, html: "<p>x</p>" })));
    expect(mail).toMatchObject({ to: { address: "olga@example.com", name: "Olga O." }, replyTo: { address: "alice@visitor.example", name: "Alice" }, html: "<p>x</p>", reference: "mail_7", subject: "Subject", text: "Body" });
    expect(mail.headers).toMatchObject({ "Auto-Submitted": "auto-generated", "X-Parley-Kind": "offline-message" });
  });

  test("a Reply-To that is not one plain address is dropped, and a broken payload is ignored", () => {
    expect(messageForJob(row(JSON.stringify({ replyTo: { address: "a@x.example, b@y.example" } }))).replyTo).toBeUndefined();
    expect(messageForJob(row(JSON.stringify({ replyTo: { address: "a@x.example\r\nBcc: c@z.example" } }))).replyTo).toBeUndefined();
    const broken = messageForJob(row("{not json"));
    expect(broken).toMatchObject({ to: { address: "olga@example.com" }, text: "Body" });
    expect(broken.replyTo).toBeUndefined();
    expect(broken.html).toBeUndefined();
  });
});

describe("isMailAddress", () => {
  test("accepts plain addresses, refuses lists, display names, spaces and dotless domains", () => {
    expect(isMailAddress("alice.martin+chat@visitor.example")).toBe(true);
    for (const bad of ["alice@localhost", "Alice <a@x.example>", "a@x.example,b@y.example", "a b@x.example", "a..b@x.example", "@x.example", "a@-x.example"]) {
      expect(isMailAddress(bad)).toBe(false);
    }
  });
});
