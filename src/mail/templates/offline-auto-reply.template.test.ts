import { describe, expect, test } from "bun:test";
import { testConfig } from "../../auth/auth.fixtures";
import { autoReplyLanguage, renderOfflineAutoReply } from "./offline-auto-reply.template";

async function settings(patch: Record<string, unknown> = {}) {
  return (await testConfig((raw) => (raw.offlineMessages = { autoReply: { enabled: true, ...patch } }))).offlineMessages.autoReply;
}

describe("the offline auto-reply e-mail", () => {
  test("default English text with the visitor's name, then a quoted copy of their message, signed with the widget title", async () => {
    const mail = renderOfflineAutoReply({ settings: await settings(), language: "en", visitorName: "Vera  Lyon", message: "Call me\nafter 5pm", signature: "Acme help" });
    expect(mail.subject).toBe("We received your message");
    expect(mail.text).toBe(
      "Hello Vera Lyon,\n\nThank you for your message. We are not available right now; we will answer you by e-mail as soon as we can.\n\nYour message:\n> Call me\n> after 5pm\n\n-- \nAcme help\n",
    );
  });

  test("French when the widget spoke French; %VISITOR% in a configured subject", async () => {
    const mail = renderOfflineAutoReply({ settings: await settings({ subject: { fr: "Merci %VISITOR%" } }), language: "fr", visitorName: "Zoé", message: "Bonjour", signature: "Acme" });
    expect(mail.subject).toBe("Merci Zoé");
    expect(mail.text).toStartWith("Bonjour Zoé,\n\nMerci pour votre message.");
    expect(mail.text).toContain("Votre message :\n> Bonjour");
    expect(mail.html).toContain('<html lang="fr">');
  });

  test("what the visitor typed cannot inject markup or headers", async () => {
    const mail = renderOfflineAutoReply({ settings: await settings({ subject: { en: "Re: %VISITOR%" } }), language: "en", visitorName: "Eve\r\nBcc: x@evil.example <b>", message: "<img src=x onerror=alert(1)>", signature: "Acme" });
    expect(mail.subject).toBe("Re: Eve Bcc: x@evil.example <b>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(mail.html).toContain("Hello Eve Bcc: x@evil.example &lt;b&gt;,");
  });

  test("the language: the browser's primary subtag when written, else the widget default", () => {
    expect(autoReplyLanguage("fr-CA", "en")).toBe("fr");
    expect(autoReplyLanguage("EN_gb", "fr")).toBe("en");
    expect(autoReplyLanguage("de-DE", "fr")).toBe("fr");
    expect(autoReplyLanguage(null, "en")).toBe("en");
  });
});
