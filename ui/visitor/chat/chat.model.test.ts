import { describe, expect, test } from "bun:test";
import type { ConversationEvent } from "../../shared/protocol";
import { countsAsUnread, type TimelineItem } from "./chat.model";

describe("what the unread badge counts", () => {
  const config = { questionnaires: [{ id: "pulse" }] };
  const event = (e: Record<string, unknown>): TimelineItem => ({ kind: "event", key: "k", seq: 1, at: 1, event: { at: 1, ...e } as ConversationEvent });
  const message = (from: "visitor" | "operator" | "system"): TimelineItem => ({ kind: "message", key: "k", seq: 1, clientId: null, from, text: "hi", file: null, at: 1, status: "sent" });

  test("messages from the operator or the system, not the visitor's own", () => {
    expect(countsAsUnread(message("operator"), config)).toBe(true);
    expect(countsAsUnread(message("system"), config)).toBe(true);
    expect(countsAsUnread(message("visitor"), config)).toBe(false);
  });

  test("a file request, and a questionnaire offer the widget can show", () => {
    expect(countsAsUnread(event({ type: "file.requested", operator: { id: "olga", name: "Olga" }, message: null }), config)).toBe(true);
    expect(countsAsUnread(event({ type: "questionnaire.offered", questionnaireId: "pulse" }), config)).toBe(true);
    expect(countsAsUnread(event({ type: "questionnaire.offered", questionnaireId: "unknown" }), config)).toBe(false);
    expect(countsAsUnread(event({ type: "questionnaire.offered", questionnaireId: "pulse" }), null)).toBe(false);
  });

  test("not markers, notices or the visitor's answers", () => {
    expect(countsAsUnread({ kind: "marker", key: "k", seq: 1, marker: "joined", name: "Olga", at: 1 }, config)).toBe(false);
    expect(countsAsUnread({ kind: "notice", key: "k", seq: 1, noticeKind: "reminder", text: "Still there?", offlineForm: false, at: 1 }, config)).toBe(false);
    expect(countsAsUnread(event({ type: "questionnaire.answered", questionnaireId: "pulse" }), config)).toBe(false);
  });
});
