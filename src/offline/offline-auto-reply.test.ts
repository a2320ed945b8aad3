import { afterEach, describe, expect, test } from "bun:test";
import { testConfig } from "../auth/auth.fixtures";
import type { Config } from "../config/schema";
import { OFFLINE_AUTO_REPLY_MAIL_KIND, OFFLINE_MESSAGE_MAIL_KIND, MailOfflineNotifier } from "../mail/offline.notifier";
import { outboxHarness, type OutboxHarness } from "../mail/outbox.fixtures";
import { headerOf } from "../mail/smtp.testing";
import { OfflineMessageRepository } from "../storage/repositories/offline-messages.repository";
import { authApp } from "../transport/http/auth-http.fixtures";
import { offlineRoutes } from "../transport/http/offline.routes";
import { OfflineMessageService } from "./offline.service";

const SHOP = "https://shop.example.com";
let h: OutboxHarness;
afterEach(async () => h?.close());

/** The widget route → offline service → mail notifier → outbox → real SMTP server. */
async function setup(autoReply: Record<string, unknown>, edit: (raw: any) => void = () => {}) {
  h = await outboxHarness();
  const config: Config = await testConfig((raw) => {
    raw.offlineMessages = { autoReply };
    raw.widget = { title: "Acme help", defaultLanguage: "en" };
    raw.rateLimits = { startConversation: { perMinute: 0 } };
    raw.operators[1].receivesOfflineMessages = true;
    edit(raw);
  });
  const notifier = new MailOfflineNotifier({ outbox: h.outbox, config: () => config, clock: h.clock, ids: h.ids });
  const warnings: string[] = [];
  const t = await authApp(config, (a) => {
    const repository = new OfflineMessageRepository(a.db.db);
    const service = new OfflineMessageService(repository, () => config, a.clock, h.ids, { warn: (msg) => void warnings.push(msg) }, notifier);
    return [offlineRoutes({ auth: a.auth, service, repository })];
  });
  const leave = async (body: Record<string, unknown>) => {
    const res = await t.call("/api/widget/offline-messages", { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: JSON.stringify({ name: "Zoé Martin", email: "zoe@mail.example", message: "Rappelez-moi\ndemain", ...body }) });
    await h.settle();
    return { status: res.status, body: (await res.json()) as any };
  };
  const toVisitor = () => h.smtp.received.filter((m) => m.envelopeTo.includes("zoe@mail.example"));
  return { leave, toVisitor, warnings };
}

describe("the after-hours auto-reply", () => {
  test("enabled: the visitor gets an acknowledgement in the widget's language, with a copy of their message; operators still get theirs", async () => {
    const s = await setup({ enabled: true });
    const left = await s.leave({ language: "fr-CA", reason: "after_hours" });
    expect(left.status).toBe(201);
    const [mail] = s.toVisitor();
    expect(mail).toBeDefined();
    expect(mail!.parsed.to).toEqual([{ name: "Zoé Martin", address: "zoe@mail.example" }]);
    expect(mail!.parsed.subject).toBe("Nous avons bien reçu votre message");
    expect(mail!.parsed.text!.trimEnd()).toBe(
      "Bonjour Zoé Martin,\n\nMerci pour votre message. Nous ne sommes pas disponibles pour le moment ; nous vous répondrons par e-mail dès que possible.\n\nVotre message :\n> Rappelez-moi\n> demain\n\n-- \nAcme help",
    );
    expect(mail!.parsed.html).toContain("Rappelez-moi");
    expect(headerOf(mail!, "x-parley-kind")).toBe(OFFLINE_AUTO_REPLY_MAIL_KIND);
    expect(headerOf(mail!, "auto-submitted")).toBe("auto-generated");
    const toOperator = h.smtp.received.filter((m) => m.envelopeTo.includes("mia@example.com"));
    expect(toOperator.map((m) => headerOf(m, "x-parley-kind"))).toEqual([OFFLINE_MESSAGE_MAIL_KIND]);
  });

  test("a configured English text with %VISITOR%; a language the auto-reply is not written in falls back to the widget's default", async () => {
    const s = await setup({ enabled: true, subject: { en: "Thanks, %VISITOR%" }, text: { en: "Dear %VISITOR%, we are closed. Talk tomorrow!" } });
    await s.leave({ language: "de-DE" });
    const [mail] = s.toVisitor();
    expect(mail!.parsed.subject).toBe("Thanks, Zoé Martin");
    expect(mail!.parsed.text).toStartWith("Dear Zoé Martin, we are closed. Talk tomorrow!\n\nYour message:\n> Rappelez-moi\n");
  });

  test("without a language: the widget's default language (here French)", async () => {
    const s = await setup({ enabled: true }, (raw) => (raw.widget.defaultLanguage = "fr"));
    await s.leave({});
    expect(s.toVisitor()[0]!.parsed.subject).toBe("Nous avons bien reçu votre message");
  });

  test("off by default: nobody writes to the visitor", async () => {
    const s = await setup({});
    expect((await s.leave({ language: "en" })).status).toBe(201);
    expect(s.toVisitor()).toEqual([]);
    expect(h.smtp.received).toHaveLength(1); // the operator's notification only
  });

  test("a language that is not a language tag is refused before anything is stored or sent", async () => {
    const s = await setup({ enabled: true });
    const refused = await s.leave({ language: "<script>" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("request.invalid");
    expect(h.smtp.received).toEqual([]);
  });
});
