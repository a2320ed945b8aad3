import { expect, test } from "bun:test";
import type { TimelineItem } from "./chat.model";
import { transcriptFileName, transcriptText } from "./transcript";

const labels = {
  title: "Chat transcript — Acme",
  you: "You",
  operator: "Operator",
  system: "Notice",
  file: (name: string) => `[file: ${name}]`,
  marker: (m: { marker: string; name?: string }) => `${m.name} joined`,
};
const at = Date.UTC(2026, 0, 5, 9, 30);

test("the transcript lists every line with time and author; failed messages are left out; multi-line text is indented", () => {
  const items: TimelineItem[] = [
    { kind: "marker", key: "1", seq: 1, marker: "joined", name: "Olga", at },
    { kind: "message", key: "2", seq: 2, clientId: "w-1", from: "visitor", text: "Hello\nsecond line", file: null, at, status: "sent" },
    { kind: "message", key: "3", seq: 3, clientId: null, from: "operator", name: "Olga", text: "", file: { id: "f", name: "invoice.pdf", mime: "application/pdf", size: 10 }, at, status: "sent" },
    { kind: "notice", key: "4", seq: 4, noticeKind: "visitor_reminder", text: "Are you still there?", offlineForm: false, at },
    { kind: "message", key: "w-2", seq: null, clientId: "w-2", from: "visitor", text: "never sent", file: null, at, status: "failed", error: "conversation.ended" },
  ];
  expect(transcriptText(items, labels, "en-GB", "UTC")).toBe(
    [
      "Chat transcript — Acme",
      "=".repeat(22),
      "",
      "[05/01/2026, 09:30] — Olga joined",
      "[05/01/2026, 09:30] You: Hello",
      "    second line",
      "[05/01/2026, 09:30] Olga: [file: invoice.pdf]",
      "[05/01/2026, 09:30] Notice: Are you still there?",
      "",
    ].join("\n"),
  );
});

test("the file name carries the chat's date", () => {
  expect(transcriptFileName(new Date(2026, 2, 7, 12).getTime())).toBe("chat-transcript-2026-03-07.txt");
});
