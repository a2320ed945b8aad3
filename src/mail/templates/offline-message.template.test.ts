import { describe, expect, test } from "bun:test";
import type { OfflineMessageRow } from "../../storage/repositories/offline-messages.repository";
import { renderOfflineMessageMail, type OfflineMessageMailInput } from "./offline-message.template";

const message: OfflineMessageRow = {
  id: "offline_1",
  visitorId: null,
  name: "Alice Martin",
  email: "alice@visitor.example",
  message: "Hello,\nmy order #42 has not arrived.",
  departmentId: "sales",
  pageUrl: "https://shop.example/orders?id=42&x=1",
  reason: "after_hours",
  createdAt: Date.UTC(2026, 0, 5, 21, 30),
  handledAt: null,
  handledBy: null,
};

const input = (overrides: Partial<OfflineMessageMailInput> = {}): OfflineMessageMailInput => ({
  message,
  recipientName: "Olga",
  departmentName: "Sales",
  timeZone: "Europe/Paris",
  consoleUrl: "https://chat.example/console",
  replyToVisitor: true,
  ...overrides,
});

describe("offline message e-mail", () => {
  test("the text says who wrote, for which department, from which page, why, when, and the message", () => {
    const mail = renderOfflineMessageMail(input());
    expect(mail.subject).toBe("Offline message from Alice Martin (Sales)");
    expect(mail.text).toBe(
      [
        "Hello Olga,",
        "",
        "Alice Martin left a message (outside opening hours).",
        "",
        "From:       Alice Martin <alice@visitor.example>",
        "Department: Sales",
        "Page:       https://shop.example/orders?id=42&x=1",
        "Received:   5 Jan 2026, 22:30 (Europe/Paris)",
        "",
        "Message:",
        "  Hello,",
        "  my order #42 has not arrived.",
        "",
        "Reply to this e-mail to answer Alice Martin directly.",
        "Mark it handled in the console: https://chat.example/console",
        "Reference: offline_1",
        "",
      ].join("\n"),
    );
  });

  test("without department, page or reason those lines are left out; without Reply-To the address is given", () => {
    const mail = renderOfflineMessageMail(input({ message: { ...message, departmentId: null, pageUrl: null, reason: null }, departmentName: null, replyToVisitor: false }));
    expect(mail.subject).toBe("Offline message from Alice Martin");
    expect(mail.text).not.toContain("Department:");
    expect(mail.text).not.toContain("Page:");
    expect(mail.text).toContain("Alice Martin left a message.\n");
    expect(mail.text).toContain("Write to alice@visitor.example to answer.");
  });

  test("a name with line breaks cannot break the subject; an unknown timezone falls back to UTC", () => {
    const mail = renderOfflineMessageMail(input({ message: { ...message, name: "Eve\r\nBcc: victim@example.com" }, timeZone: "Mars/Olympus" }));
    expect(mail.subject).toBe("Offline message from Eve Bcc: victim@example.com (Sales)");
    expect(mail.text).toContain("Received:   5 Jan 2026, 21:30 (UTC)");
  });

  test("every value in the HTML alternative is escaped; only http(s) pages become links", () => {
    const hostile = { ...message, name: `<img src=x onerror=alert(1)>`, message: `</blockquote><script>steal()</script> & "quotes"` };
    const mail = renderOfflineMessageMail(input({ message: hostile, departmentName: `R&D <"lab">` }));
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;steal()&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(mail.html).toContain("R&amp;D &lt;&quot;lab&quot;&gt;");
    expect(mail.html).toContain(`<a href="https://shop.example/orders?id=42&amp;x=1">`);
    expect(mail.html).toContain(`<a href="https://chat.example/console">`);

    const scripted = renderOfflineMessageMail(input({ message: { ...message, pageUrl: "javascript:alert(1)" } }));
    expect(scripted.html).not.toContain('href="javascript:');
    expect(scripted.html).toContain("javascript:alert(1)");
  });
});
