import { describe, expect, test } from "bun:test";
import { codeOf, eventTypes, harness, makeConfig, operator, staff, visitor } from "./engine.testkit";
import type { StartOutcome } from "./start.service";

const idOf = (out: StartOutcome) => (out.outcome === "refused" ? "" : out.conversation.id);
const HOUR = 3_600_000;

function chat(extra: Record<string, unknown> = {}) {
  const h = harness(makeConfig({ operators: [operator("ann"), operator("bob"), operator("max", { role: "manager" })], ...extra }));
  h.engine.operatorConnected("ann");
  const id = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
  return { h, id };
}

describe("messages", () => {
  test("a retried clientId returns the original event and stores nothing new", () => {
    const { h, id } = chat();
    const first = h.engine.postMessage(id, visitor("v1"), { text: "Hello", clientId: "c-1" });
    const retry = h.engine.postMessage(id, visitor("v1"), { text: "Hello", clientId: "c-1" });
    expect(retry).toEqual(first);
    expect(eventTypes(h, id).filter((t) => t === "message")).toHaveLength(1);
    expect(codeOf(() => h.engine.postMessage(id, staff("ann"), { text: "Hi", clientId: "c-1" }))).toBe("request.invalid");
  });

  test("a retry changes nothing: same last seq, no event announced, the next message gets the next seq", () => {
    const { h, id } = chat();
    const first = h.engine.postMessage(id, visitor("v1"), { text: "Hello", clientId: "c-1" });
    const announced = h.events.length;
    h.engine.postMessage(id, visitor("v1"), { text: "Hello", clientId: "c-1" });
    expect(h.events.length).toBe(announced);
    expect(h.engine.conversation(id)!.lastSeq).toBe(first.seq);
    expect(h.engine.postMessage(id, visitor("v1"), { text: "Next", clientId: "c-2" }).seq).toBe(first.seq + 1);
  });

  test("a retried message gets its original back even after the conversation ended", () => {
    const { h, id } = chat();
    const first = h.engine.postMessage(id, visitor("v1"), { text: "Hello", clientId: "c-1" });
    h.engine.endConversation(id, visitor("v1"));
    expect(h.engine.postMessage(id, visitor("v1"), { text: "Hello", clientId: "c-1" })).toEqual(first);
    expect(codeOf(() => h.engine.postMessage(id, visitor("v1"), { text: "Hello", clientId: "c-9" }))).toBe("conversation.ended");
  });

  test("every event gets the next seq of its conversation", () => {
    const { h, id } = chat();
    h.engine.postMessage(id, visitor("v1"), { text: "a", clientId: "1" });
    h.engine.postMessage(id, staff("ann"), { text: "b", clientId: "2" });
    h.engine.addNote(id, staff("ann"), { text: "c", clientId: "3" });
    expect(h.stores.events.logs.get(id)!.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(h.engine.conversation(id)?.lastSeq).toBe(5);
  });

  test.each([
    ["empty text and no file", () => visitor("v1"), { text: "   ", clientId: "x" }, "request.invalid"],
    ["no clientId", () => visitor("v1"), { text: "hi", clientId: "" }, "request.invalid"],
    ["another visitor", () => visitor("v2"), { text: "hi", clientId: "x" }, "auth.forbidden"],
    ["an operator who does not handle it", () => staff("bob"), { text: "hi", clientId: "x" }, "auth.forbidden"],
    ["the engine", () => ({ kind: "system", id: null }) as const, { text: "hi", clientId: "x" }, "request.invalid"],
  ] as const)("refused: %s", (_name, sender, content, code) => {
    const { h, id } = chat();
    expect(codeOf(() => h.engine.postMessage(id, sender(), content))).toBe(code);
  });

  test("a manager may write in any active conversation; files need no text", () => {
    const { h, id } = chat();
    const e = h.engine.postMessage(id, staff("max", "manager"), { file: { id: "f1", name: "a.pdf", mime: "application/pdf", size: 10 }, clientId: "m" });
    expect(e).toMatchObject({ type: "message", body: null, payload: { file: { id: "f1" } } });
  });

  test("an operator cannot write before the conversation is assigned; the visitor can", () => {
    const h = harness(makeConfig({ operators: [operator("ann")] }));
    h.engine.operatorConnected("ann");
    h.engine.setOperatorStatus("ann", "break");
    const id = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
    expect(codeOf(() => h.engine.postMessage(id, staff("ann"), { text: "hi", clientId: "1" }))).toBe("conversation.invalid_state");
    expect(codeOf(() => h.engine.postMessage(id, visitor("v1"), { text: "still there?", clientId: "2" }))).toBe("no error");
    expect(codeOf(() => h.engine.postMessage("nope", visitor("v1"), { text: "x", clientId: "3" }))).toBe("conversation.not_found");
  });

  test("activity facts: a visitor message waits for a reply until the operator answers", () => {
    const { h, id } = chat();
    h.clock.advance(1000);
    h.engine.postMessage(id, visitor("v1"), { text: "q1", clientId: "1" });
    h.clock.advance(1000);
    h.engine.postMessage(id, visitor("v1"), { text: "q2", clientId: "2" });
    const since = h.clock.now() - 1000;
    expect(h.engine.conversationDetails(id)).toMatchObject({ visitorAwaitingReplySince: since, lastVisitorActivityAt: h.clock.now() });
    h.clock.advance(1000);
    h.engine.postMessage(id, staff("ann"), { text: "a", clientId: "3" });
    expect(h.engine.conversationDetails(id)).toMatchObject({ visitorAwaitingReplySince: null, firstResponseAt: h.clock.now(), lastOperatorActivityAt: h.clock.now() });
  });
});

describe("notes, read receipts and history", () => {
  test("internal notes are staff-only and idempotent", () => {
    const { h, id } = chat();
    const note = h.engine.addNote(id, staff("bob"), { text: "VIP customer", clientId: "n1" });
    expect(note).toMatchObject({ type: "note", visibility: "staff", body: "VIP customer" });
    expect(h.engine.addNote(id, staff("bob"), { text: "VIP customer", clientId: "n1" })).toEqual(note);
    expect(codeOf(() => h.engine.addNote(id, visitor("v1"), { text: "x", clientId: "n2" }))).toBe("auth.forbidden");
    expect(h.engine.history(id, visitor("v1")).map((e) => e.type)).not.toContain("note");
    expect(h.engine.history(id, staff("ann")).map((e) => e.type)).toContain("note");
    h.engine.endConversation(id, visitor("v1"));
    expect(codeOf(() => h.engine.addNote(id, staff("ann"), { text: "after the end", clientId: "n3" }))).toBe("no error");
  });

  test("read receipts are kept on the conversation and announced", () => {
    const { h, id } = chat();
    h.engine.postMessage(id, staff("ann"), { text: "hello", clientId: "1" });
    h.engine.markRead(id, visitor("v1"), 3);
    expect(h.engine.conversationDetails(id)?.visitorReadSeq).toBe(3);
    expect(h.stores.conversations.rows.get(id)?.visitorReadSeq).toBe(3);
    expect(h.events.at(-1)).toEqual({ kind: "conversation.read", conversationId: id, reader: "visitor", seq: 3 });
    expect(codeOf(() => h.engine.markRead(id, visitor("v1"), 99))).toBe("request.invalid");
    const count = h.events.length;
    h.engine.markRead(id, visitor("v1"), 2);
    expect(h.events.length).toBe(count);
  });

  test("history pages forward after a seq and backward before one", () => {
    const { h, id } = chat();
    for (let i = 0; i < 5; i++) h.engine.postMessage(id, visitor("v1"), { text: `m${i}`, clientId: `${i}` });
    const seqs = (q: object) => h.engine.history(id, staff("ann"), q).map((e) => e.seq);
    expect(seqs({ afterSeq: 5 })).toEqual([6, 7]);
    expect(seqs({ beforeSeq: 6, limit: 2 })).toEqual([4, 5]);
    expect(seqs({ limit: 2 })).toEqual([1, 2]);
    expect(codeOf(() => h.engine.history(id, visitor("v9")))).toBe("auth.forbidden");
  });
});

describe("end and re-escalation", () => {
  test("without keepOpenAfterEnd an ended conversation refuses messages", () => {
    const { h, id } = chat();
    h.engine.endConversation(id, visitor("v1"));
    expect(h.engine.conversationDetails(id)).toMatchObject({ state: "ended", endReason: "visitor" });
    expect(codeOf(() => h.engine.postMessage(id, visitor("v1"), { text: "one more thing", clientId: "x" }))).toBe("conversation.ended");
    expect(codeOf(() => h.engine.endConversation(id, visitor("v1")))).toBe("conversation.ended");
  });

  test("end reasons follow who ended it", () => {
    const { h, id } = chat();
    h.engine.endConversation(id, staff("max", "manager"));
    expect(h.engine.conversationDetails(id)?.endReason).toBe("manager");
    const second = idOf(h.engine.startConversation({ visitor: { id: "v2" } }));
    expect(codeOf(() => h.engine.endConversation(second, staff("bob")))).toBe("auth.forbidden");
    h.engine.endConversation(second, staff("ann"));
    expect(h.engine.conversationDetails(second)?.endReason).toBe("operator");
    expect(h.engine.operator("ann")?.activeConversations).toBe(0);
  });

  test.each([
    ["back to the previous operator when available", () => {}, { state: "active", operatorId: "ann" }, "reescalation"],
    [
      "normal routing when the previous operator is not available",
      (h: ReturnType<typeof harness>) => {
        h.engine.operatorConnected("bob");
        h.engine.setOperatorStatus("ann", "break");
      },
      { state: "active", operatorId: "bob" },
      "routing",
    ],
    ["the queue when nobody is free", (h: ReturnType<typeof harness>) => h.engine.setOperatorStatus("ann", "break"), { state: "waiting", operatorId: "ann" }, null],
  ] as const)("keepOpenAfterEnd: a visitor writing after the end goes %s", (_name, setup, expected, mode) => {
    const { h, id } = chat({ conversations: { keepOpenAfterEnd: true } });
    h.engine.endConversation(id, staff("ann"));
    setup(h);
    h.clock.advance(HOUR);
    const msg = h.engine.postMessage(id, visitor("v1"), { text: "one more thing", clientId: "late" });
    expect(msg.type).toBe("message");
    expect(h.engine.conversation(id)).toMatchObject(expected);
    const types = eventTypes(h, id);
    expect(types.slice(types.indexOf("conversation.ended") + 1, types.indexOf("conversation.ended") + 3)).toEqual(["message", "conversation.reescalated"]);
    if (mode) expect(h.stores.events.logs.get(id)!.at(-1)).toMatchObject({ type: "conversation.assigned", payload: { mode } });
    expect(h.engine.conversationDetails(id)?.requestedAt).toBe(h.clock.now());
  });

  test("re-escalation outside opening hours keeps it ended and offers the offline form", () => {
    const { h, id } = chat({ conversations: { keepOpenAfterEnd: true }, openingHours: { timezone: "UTC", weekly: { monday: [{ from: "09:00", to: "17:00" }] } } });
    h.engine.endConversation(id, staff("ann"));
    h.clock.advance(10 * HOUR);
    h.engine.postMessage(id, visitor("v1"), { text: "hello?", clientId: "late" });
    expect(h.engine.conversation(id)?.state).toBe("ended");
    expect(h.stores.events.logs.get(id)!.at(-1)).toMatchObject({ type: "notice", payload: { kind: "after_hours", offlineForm: true } });
  });
});

describe("metadata", () => {
  test("priority moves a waiting conversation in its queue with one queue.changed", () => {
    const h = harness(makeConfig({ operators: [operator("ann")], capacity: { conversationsPerOperator: 1 } }));
    h.engine.operatorConnected("ann");
    h.engine.startConversation({ visitor: { id: "busy" } });
    const ids = ["a", "b", "c"].map((v) => idOf(h.engine.startConversation({ visitor: { id: v } })));
    h.events.length = 0;
    h.engine.setPriority(ids[2]!, "urgent", staff("ann"));
    expect(h.engine.snapshot().queues.general).toEqual([ids[2]!, ids[0]!, ids[1]!]);
    expect(h.events.filter((e) => e.kind === "queue.changed")).toEqual([
      { kind: "queue.changed", queueKey: "general", change: "moved", conversationId: ids[2]!, fromPosition: 1, length: 3 },
    ]);
    expect(codeOf(() => h.engine.setPriority(ids[0]!, "urgent", visitor("a")))).toBe("auth.forbidden");
  });

  test("tags are cleaned; important is a flag; both work after the end", () => {
    const { h, id } = chat();
    h.engine.endConversation(id, visitor("v1"));
    expect(h.engine.setTags(id, [" billing ", "billing", "", "refund"], staff("ann")).tags).toEqual(["billing", "refund"]);
    expect(h.engine.setImportant(id, true, staff("ann")).important).toBe(true);
    expect(h.stores.conversations.rows.get(id)).toMatchObject({ tags: ["billing", "refund"], important: true });
    const count = eventTypes(h, id).length;
    h.engine.setImportant(id, true, staff("ann"));
    expect(eventTypes(h, id).length).toBe(count);
  });
});
