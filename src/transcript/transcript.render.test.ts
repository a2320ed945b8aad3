import { describe, expect, test } from "bun:test";
import type { ConversationEvent, StaffConversationViewT } from "../transport/ws/protocol";
import { renderTranscript } from "./transcript.render";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const conversation: StaffConversationViewT = {
  id: "conv_1",
  state: "ended",
  priority: "normal",
  department: null,
  operatorId: "ann",
  visitor: { id: "v1", name: "Ada Lovelace", email: "ada@example.com", fields: {}, pageUrl: "https://shop.example/pricing", referrer: null, language: "en", userAgent: null, timezone: null },
  tags: [],
  important: false,
  createdAt: T0,
  assignedAt: T0,
  endedAt: T0 + 600_000,
  endReason: "operator",
  lastMessageAt: T0,
  slaDueAt: null,
  lastSeq: 6,
  visitorReadSeq: 0,
  operatorReadSeq: 0,
  queuePosition: null,
};
const events: ConversationEvent[] = [
  { type: "conversation.created", at: T0, department: null },
  { type: "conversation.assigned", at: T0 + 1000, operator: { id: "ann", name: "Ann Lee" } },
  { type: "message", at: T0 + 60_000, sender: { kind: "visitor", id: "v1" }, text: "Hello\nsecond line", file: null, clientId: null },
  { type: "message", at: T0 + 120_000, sender: { kind: "operator", id: "ann", name: "Ann Lee" }, text: "Here is the form", file: { id: "f1", name: "form.pdf", mime: "application/pdf", size: 10 }, clientId: null },
  { type: "notice", at: T0 + 180_000, kind: "reminder", text: "Are you still there?", offlineForm: false },
  { type: "conversation.ended", at: T0 + 600_000, reason: "operator" },
];

describe("transcript", () => {
  test("a readable text transcript in the site's timezone, files named, multi-line messages indented", () => {
    const { subject, text } = renderTranscript({ conversation, events, timeZone: "Europe/Paris", siteName: "Acme help" });
    expect(subject).toBe("Acme help — conversation with Ada Lovelace (5 Jan 2026, 10:00)");
    expect(text).toBe(
      [
        "Conversation with Ada Lovelace <ada@example.com>",
        "Started: 5 Jan 2026, 10:00 (Europe/Paris) — ended: 5 Jan 2026, 10:10",
        "Page: https://shop.example/pricing",
        "Reference: conv_1",
        "",
        "[10:00] — Ann Lee joined the conversation",
        "[10:01] Ada Lovelace: Hello",
        "    second line",
        "[10:02] Ann Lee: Here is the form [file: form.pdf]",
        "[10:03] — Are you still there?",
        "[10:10] — The conversation ended",
        "",
      ].join("\n"),
    );
  });

  test("an unknown timezone falls back to UTC instead of failing", () => {
    expect(renderTranscript({ conversation, events: [], timeZone: "Mars/Olympus", siteName: "Acme" }).text).toContain("Started: 5 Jan 2026, 09:00");
  });
});
