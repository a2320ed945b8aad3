import { describe, expect, test } from "bun:test";
import { EMPTY_VIEW, type ChatView, type TimelineItem } from "./chat.model";
import { prefillFrom } from "./offline";

const message = (seq: number, from: "visitor" | "operator" | "system", text: string): TimelineItem => ({
  kind: "message", key: `seq:${seq}`, seq, clientId: null, from, text, file: null, at: seq, status: "sent",
});
const ended = (items: TimelineItem[]): ChatView => ({ ...EMPTY_VIEW, conversationId: "c1", state: "ended", endReason: "queue_timeout", items });

describe("offline form prefill", () => {
  test("a visitor who waited in vain finds their name, e-mail and everything they wrote in the form", () => {
    const view = ended([
      message(1, "visitor", "Do you ship to Canada?"),
      { kind: "notice", key: "n", seq: 2, noticeKind: "queue_timeout", text: "Sorry, nobody could answer you in time.", offlineForm: true, at: 2 },
      message(3, "visitor", "  And how long does it take?  "),
      message(4, "visitor", "   "),
    ]);
    expect(prefillFrom(view, { name: "Vera", email: "vera@mail.example" }, {})).toEqual({
      name: "Vera",
      email: "vera@mail.example",
      message: "Do you ship to Canada?\n\nAnd how long does it take?",
    });
  });

  test("the site's user wins over the pre-chat answers; operator and system lines are not the visitor's words", () => {
    const view = ended([message(1, "operator", "Hello"), message(2, "system", "note")]);
    expect(prefillFrom(view, { name: "V" }, { name: "Vera Site", email: "site@mail.example" })).toEqual({ name: "Vera Site", email: "site@mail.example", message: "" });
  });

  test("nothing known: an empty form; a very long chat is cut at the message limit", () => {
    expect(prefillFrom(EMPTY_VIEW, {}, {})).toEqual({ name: "", email: "", message: "" });
    const long = ended(Array.from({ length: 30 }, (_, i) => message(i + 1, "visitor", "x".repeat(500))));
    expect(prefillFrom(long, {}, {}).message.length).toBe(10_000);
  });
});
