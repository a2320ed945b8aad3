import { describe, expect, test } from "bun:test";
import type { ConversationEvent, EventFrameT, VisitorConversationViewT } from "../../shared/protocol";
import { EMPTY_VIEW, type ChatView, type TimelineMessage } from "./chat.model";
import { chatStore } from "./chat.store";
import { closeOffer } from "./questionnaire-offers";

const OLGA = { id: "olga", name: "Olga" };
let at = 1_000;
const frame = (seq: number | undefined, event: Record<string, unknown>, conversationId = "c1"): EventFrameT =>
  ({ type: "event", conversationId, ...(seq === undefined ? {} : { seq }), event: { at: (at += 1000), ...event } as ConversationEvent }) as EventFrameT;
const message = (seq: number, kind: "visitor" | "operator", text: string, clientId: string | null = null) =>
  frame(seq, { type: "message", sender: { kind, id: kind === "operator" ? "olga" : "v1", ...(kind === "operator" ? { name: "Olga" } : {}) }, text, file: null, clientId });

function apply(view: ChatView, ...frames: EventFrameT[]): ChatView {
  return frames.reduce((v, f) => chatStore.event(v, f).view, view);
}
const messages = (view: ChatView) => view.items.filter((i): i is TimelineMessage => i.kind === "message");

describe("chat view from protocol frames", () => {
  test("a chat from start to end: queued with live position, operator joins, messages both ways, ends", () => {
    let view = apply(EMPTY_VIEW, frame(1, { type: "conversation.created", department: "sales" }), frame(2, { type: "conversation.queued", position: 3 }));
    expect(view).toMatchObject({ conversationId: "c1", state: "waiting", department: "sales", queue: { position: 3, estimatedWaitMs: null } });
    view = apply(view, frame(undefined, { type: "queue.position", position: 1, estimatedWaitMs: 45_000 }));
    expect(view.queue).toEqual({ position: 1, estimatedWaitMs: 45_000 });
    view = apply(view, frame(3, { type: "conversation.assigned", operator: OLGA }), message(4, "operator", "Hi, I'm Olga"), message(5, "visitor", "Hello", "w-1"));
    expect(view).toMatchObject({ state: "active", operator: OLGA, queue: null, lastSeq: 5 });
    expect(view.items.map((i) => (i.kind === "marker" ? `marker:${i.marker}:${i.name}` : i.kind === "message" ? `${i.from}:${i.text}` : i.kind))).toEqual([
      "marker:joined:Olga",
      "operator:Hi, I'm Olga",
      "visitor:Hello",
    ]);
    const ended = chatStore.event(view, frame(6, { type: "conversation.ended", reason: "visitor" }));
    expect(ended.view).toMatchObject({ state: "ended", endReason: "visitor" });
    expect(ended.happened.ended).toEqual({ conversationId: "c1", reason: "visitor" });
  });

  test("the visitor's own message shows at once as pending and becomes sent when the server's copy arrives: never twice", () => {
    let view = apply(EMPTY_VIEW, frame(1, { type: "conversation.created", department: null }));
    view = chatStore.pending(view, { type: "message", id: "w-1", text: "typed offline" }, 5_000);
    view = chatStore.pending(view, { type: "message", id: "w-1", text: "typed offline" }, 5_000);
    expect(messages(view).map((m) => [m.text, m.status])).toEqual([["typed offline", "pending"]]);
    view = apply(view, message(2, "visitor", "typed offline", "w-1"), message(2, "visitor", "typed offline", "w-1"));
    expect(messages(view).map((m) => [m.text, m.status, m.seq])).toEqual([["typed offline", "sent", 2]]);
  });

  test("pending messages stay after confirmed ones; late events keep seq order", () => {
    let view = apply(EMPTY_VIEW, frame(1, { type: "conversation.created", department: null }));
    view = chatStore.pending(view, { type: "message", id: "w-9", text: "mine" }, 9_000);
    view = apply(view, message(3, "operator", "third"), message(2, "operator", "second"));
    expect(view.items.map((i) => (i.kind === "message" ? i.text : i.kind))).toEqual(["second", "third", "mine"]);
  });

  test("a refused message stays visible as failed, and can be removed", () => {
    let view = chatStore.pending(EMPTY_VIEW, { type: "message", id: "w-2", text: "too late" }, 1);
    view = chatStore.failed(view, "w-2", "conversation.ended");
    expect(messages(view)[0]).toMatchObject({ status: "failed", error: "conversation.ended" });
    expect(chatStore.remove(view, "w-2").items).toEqual([]);
  });

  test("typing, read receipts and operator status notices follow the operator, and clear when they write", () => {
    let view = apply(EMPTY_VIEW, frame(1, { type: "conversation.created", department: null }), frame(2, { type: "conversation.assigned", operator: OLGA }));
    view = apply(view, frame(undefined, { type: "typing", sender: "operator", on: true }));
    expect(view.operatorTyping).toBe("Olga");
    view = apply(view, frame(3, { type: "notice", kind: "status", text: "The operator is searching for information.", offlineForm: false }));
    expect(view.statusNotice).toBe("The operator is searching for information.");
    view = apply(view, frame(undefined, { type: "read", reader: "operator", upToSeq: 3 }), frame(undefined, { type: "read", reader: "operator", upToSeq: 2 }));
    expect(view.operatorReadSeq).toBe(3);
    view = apply(view, message(4, "operator", "Found it"));
    expect(view).toMatchObject({ operatorTyping: null, statusNotice: null });
    expect(chatStore.typingExpired(apply(view, frame(undefined, { type: "typing", sender: "operator", on: true }))).operatorTyping).toBeNull();
  });

  test("a notice offering the offline form (the chat closed with the hours) switches to it with the phrase", () => {
    const view = apply(EMPTY_VIEW, frame(1, { type: "conversation.created", department: null }), frame(2, { type: "notice", kind: "after_hours", text: "We are closed.", offlineForm: true }));
    expect(view.offline).toEqual({ reason: "after_hours", text: "We are closed." });
  });

  test("a snapshot restores state after a reload; a new conversation starts from a clean slate", () => {
    const conversation: VisitorConversationViewT = { id: "c1", state: "active", department: null, operator: OLGA, createdAt: 1, endReason: null, lastSeq: 9, operatorReadSeq: 7, queue: null };
    let view = chatStore.snapshot(EMPTY_VIEW, conversation);
    expect(view).toMatchObject({ conversationId: "c1", state: "active", operator: OLGA, operatorReadSeq: 7 });
    view = apply(view, message(8, "operator", "old"));
    view = chatStore.pending(view, { type: "message", id: "w-5", text: "unsent" }, 1);
    const next = apply(view, frame(1, { type: "conversation.created", department: null }, "c2"));
    expect(next.conversationId).toBe("c2");
    expect(next.items.map((i) => (i.kind === "message" ? i.text : i.kind))).toEqual(["unsent"]);
  });

  test("the offered questionnaire is remembered until done, and stays in the timeline", () => {
    const view = apply(EMPTY_VIEW, frame(4, { type: "questionnaire.offered", questionnaireId: "wait" }));
    expect(view.offeredQuestionnaire).toBe("wait");
    expect(view.items).toMatchObject([{ kind: "event", seq: 4, event: { type: "questionnaire.offered", questionnaireId: "wait" } }]);
    expect(closeOffer(view).offeredQuestionnaire).toBeNull();
  });

  test("an operator's file request and a questionnaire answer are timeline entries in seq order (shown by the conversation chunk)", () => {
    const view = apply(
      EMPTY_VIEW,
      message(3, "operator", "Can you send it?"),
      frame(5, { type: "questionnaire.answered", questionnaireId: "pulse" }),
      frame(4, { type: "file.requested", operator: OLGA, message: "a photo of the label" }),
      frame(undefined, { type: "typing", sender: "operator", on: false }),
    );
    expect(view.items.map((i) => (i.kind === "event" ? `${i.seq}:${i.event.type}` : `${i.seq}:${i.kind}`))).toEqual(["3:message", "4:file.requested", "5:questionnaire.answered"]);
    expect(view.lastSeq).toBe(5);
  });
});

describe("knowledge base answers", () => {
  test("an answer attributed to the knowledge base keeps its article; an ordinary one has none", () => {
    const answer = frame(2, { type: "message", sender: { kind: "operator", id: "olga", name: "Olga" }, text: "Return within 30 days.", file: null, clientId: null, source: { kind: "knowledge", title: "Returns", url: "https://help.example.com/returns" } });
    const view = apply(EMPTY_VIEW, frame(1, { type: "conversation.created", department: null }), answer, message(3, "operator", "Anything else?"));
    expect(messages(view).map((m) => m.source ?? null)).toEqual([{ title: "Returns", url: "https://help.example.com/returns" }, null]);
  });
});
