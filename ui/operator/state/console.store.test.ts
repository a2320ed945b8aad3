import { describe, expect, test } from "bun:test";
import { ConsoleStore, type ConsoleAlert } from "./console.store";
import { T0, chatMessage, ev, snapshot, view } from "./console.fixtures";
import { isUnread, waitingSince } from "./conversation.derive";

function started(conversations: Parameters<typeof snapshot>[1] = []) {
  const store = new ConsoleStore();
  const alerts: ConsoleAlert[] = [];
  store.onAlert((a) => alerts.push(a));
  store.apply(snapshot("op_me", conversations));
  return { store, alerts };
}

describe("ConsoleStore", () => {
  test("a new waiting conversation flashes and raises one alert", () => {
    const { store, alerts } = started();
    store.apply({ type: "conversation", conversation: view({ id: "c1" }) });
    expect(store.entry("c1")?.attention).toBe(true);
    expect(alerts).toEqual([{ kind: "conversation", conversationId: "c1", reason: "new" }]);
    store.apply({ type: "conversation", conversation: view({ id: "c1", priority: "high" }) });
    expect(alerts).toHaveLength(1);
    store.select("c1");
    expect(store.entry("c1")?.attention).toBe(false);
  });

  test("conversations present at sign-in do not ring", () => {
    const { store, alerts } = started([{ conversation: view({ id: "c1" }) }]);
    expect(store.entry("c1")?.attention).toBe(false);
    expect(alerts).toEqual([]);
  });

  test("a conversation routed to me alerts, one I accepted myself does not", () => {
    const { store, alerts } = started([{ conversation: view({ id: "c1" }) }, { conversation: view({ id: "c2" }) }]);
    store.apply({ type: "conversation", conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) });
    expect(alerts).toEqual([{ kind: "conversation", conversationId: "c1", reason: "assigned" }]);
    store.noteSelfTaken("c2");
    store.apply({ type: "conversation", conversation: view({ id: "c2", state: "active", operatorId: "op_me" }) });
    expect(alerts).toHaveLength(1);
  });

  test("events are kept once each, in seq order, whatever order they arrive in", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_me", lastSeq: 1 }), events: [chatMessage("c1", 1, "visitor", "hi")] }]);
    store.apply(chatMessage("c1", 3, "visitor", "three"));
    store.apply(chatMessage("c1", 2, "operator", "two"));
    store.apply(chatMessage("c1", 3, "visitor", "three again"));
    const seqs = store.entry("c1")!.events.map((f) => f.seq);
    expect(seqs).toEqual([1, 2, 3]);
    expect(store.entry("c1")!.view.lastSeq).toBe(3);
  });

  test("my pending message disappears when its event (same client id) arrives", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) }]);
    store.addPending("c1", { clientId: "k1", kind: "message", text: "hello", at: T0, error: null });
    expect(store.entry("c1")!.pending).toHaveLength(1);
    store.apply(chatMessage("c1", 1, "operator", "hello", T0, "k1"));
    expect(store.entry("c1")!.pending).toHaveLength(0);
  });

  test("a refused message stays with its error so it can be retried", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) }]);
    store.addPending("c1", { clientId: "k1", kind: "message", text: "hello", at: T0, error: null });
    store.settlePending("c1", "k1", "The conversation has ended.");
    expect(store.entry("c1")!.pending[0]!.error).toBe("The conversation has ended.");
  });

  test("unread follows visitor messages and my read mark", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) }]);
    store.apply(chatMessage("c1", 1, "visitor", "hi"));
    expect(isUnread(store.entry("c1")!)).toBe(true);
    store.markReadLocally("c1", 1);
    expect(isUnread(store.entry("c1")!)).toBe(false);
    store.apply(chatMessage("c1", 2, "operator", "hello"));
    expect(isUnread(store.entry("c1")!)).toBe(false);
  });

  test("waiting time runs from the visitor's last unanswered message", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) }]);
    store.apply(chatMessage("c1", 1, "visitor", "hi", T0 + 1000));
    store.apply(chatMessage("c1", 2, "operator", "hello", T0 + 2000));
    expect(waitingSince(store.entry("c1")!)).toBeNull();
    store.apply(chatMessage("c1", 3, "visitor", "still there?", T0 + 9000));
    expect(waitingSince(store.entry("c1")!)).toBe(T0 + 9000);
  });

  test("typing and read receipts of the visitor are tracked", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) }]);
    store.apply(ev("c1", undefined, { type: "typing", sender: "visitor", on: true }));
    expect(store.entry("c1")!.visitorTyping).toBe(true);
    store.apply(chatMessage("c1", 1, "visitor", "hi"));
    expect(store.entry("c1")!.visitorTyping).toBe(false);
    store.apply(ev("c1", undefined, { type: "read", reader: "visitor", upToSeq: 1 }));
    expect(store.entry("c1")!.view.visitorReadSeq).toBe(1);
    store.apply(ev("c1", undefined, { type: "read", reader: "visitor", upToSeq: 0 }));
    expect(store.entry("c1")!.view.visitorReadSeq).toBe(1);
  });

  test("a conversation transferred to me is marked with who sent it and their message", () => {
    const { store, alerts } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_bob" }) }]);
    store.apply(
      ev("c1", 4, {
        type: "conversation.transferred",
        at: T0,
        transferId: "t1",
        from: { id: "op_bob", name: "Bob" },
        to: { id: "op_me", name: "Me" },
        toDepartment: null,
        message: "Billing question, over to you",
        automatic: false,
        reason: "manual",
      }),
    );
    const entry = store.entry("c1")!;
    expect(entry.transfer).toMatchObject({ from: { name: "Bob" }, message: "Billing question, over to you" });
    expect(entry.view.operatorId).toBe("op_me");
    expect(entry.attention).toBe(true);
    store.apply({ type: "conversation", conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) });
    expect(alerts.at(-1)).toEqual({ kind: "conversation", conversationId: "c1", reason: "transferred" });
  });

  test("metadata updates change priority, tags and importance", () => {
    const { store } = started([{ conversation: view({ id: "c1" }) }]);
    store.apply(ev("c1", 1, { type: "conversation.updated", at: T0, priority: "urgent", tags: ["billing"], important: true }));
    expect(store.entry("c1")!.view).toMatchObject({ priority: "urgent", tags: ["billing"], important: true });
  });

  test("a reconnect snapshot merges missed events; reconciling with the API list drops what left my scope", () => {
    const { store } = started([
      { conversation: view({ id: "c1", state: "active", operatorId: "op_me" }), events: [chatMessage("c1", 1, "visitor", "a")] },
      { conversation: view({ id: "c2" }) },
      { conversation: view({ id: "c3", state: "ended" }) },
      { conversation: view({ id: "c4" }) },
    ]);
    store.select("c4");
    store.apply(snapshot("op_me", [{ conversation: view({ id: "c1", state: "active", operatorId: "op_me", lastSeq: 2 }), events: [chatMessage("c1", 1, "visitor", "a"), chatMessage("c1", 2, "visitor", "b")] }]));
    expect(store.entry("c1")!.events.map((f) => f.seq)).toEqual([1, 2]);
    expect(store.entry("c2")).toBeDefined();
    expect(store.state.selectedId).toBe("c4");
    store.reconcile([view({ id: "c1", state: "active", operatorId: "op_me", lastSeq: 2 }), view({ id: "c5", priority: "high" })], true);
    expect(store.entry("c2")).toBeUndefined();
    expect(store.entry("c3")).toBeDefined();
    expect(store.entry("c4")).toBeDefined();
    expect(store.entry("c5")?.attention).toBe(false);
    store.reconcile([], false);
    expect(store.entry("c1")).toBeDefined();
  });

  test("transfer offers and colleague messages alert; my own lines do not count as unread", () => {
    const { store, alerts } = started();
    store.apply({ type: "transfer", transferId: "t9", conversation: view({ id: "c9", state: "active", operatorId: "op_bob" }), from: { id: "op_bob", name: "Bob" }, message: null, expiresAt: null });
    expect(store.state.offers.has("t9")).toBe(true);
    store.apply({ type: "op.message", id: "m1", from: { id: "op_bob", name: "Bob" }, to: "op_me", text: "lunch?", at: T0 });
    store.apply({ type: "op.message", id: "m1", from: { id: "op_bob", name: "Bob" }, to: "op_me", text: "lunch?", at: T0 });
    expect(store.state.chats.get("op_bob")).toHaveLength(1);
    expect(store.state.chatUnread.get("op_bob")).toBe(1);
    expect(alerts.map((a) => a.kind)).toEqual(["transfer", "chat"]);
    store.markChatRead("op_bob");
    expect(store.state.chatUnread.get("op_bob")).toBeUndefined();
  });

  test("presence frames keep my own status in sync", () => {
    const { store } = started();
    store.apply({ type: "presence", full: false, operators: [{ id: "op_me", name: "Me", status: "break", presence: "online", activeConversations: 0, capacity: 3 }] });
    expect(store.state.me?.status).toBe("break");
    store.apply({ type: "presence", full: true, operators: [{ id: "op_bob", name: "Bob", status: "connected", presence: "online", activeConversations: 1, capacity: 3 }] });
    expect([...store.state.operators.keys()].sort()).toEqual(["op_bob", "op_me"]);
  });

  test("conversation.removed (its visitor was erased) drops the tab, the selection and anything pointing at it; others stay", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "ended", operatorId: "op_me" }) }, { conversation: view({ id: "c2", state: "ended" }) }]);
    store.apply({ type: "assistance", conversation: view({ id: "c1", state: "ended", operatorId: "op_bob" }), from: { id: "op_bob", name: "Bob" }, message: null, at: T0 });
    store.apply({ type: "transfer", transferId: "t1", conversation: view({ id: "c1", state: "ended", operatorId: "op_bob" }), from: { id: "op_bob", name: "Bob" }, message: null, expiresAt: null });
    store.apply({ type: "transfer", transferId: "t2", conversation: view({ id: "c2", state: "ended", operatorId: "op_bob" }), from: { id: "op_bob", name: "Bob" }, message: null, expiresAt: null });
    store.select("c1");
    let changes = 0;
    store.subscribe(() => changes++);

    store.apply({ type: "conversation.removed", conversationId: "c1", reason: "visitor_erased" });
    expect(store.entry("c1")).toBeUndefined();
    expect(store.state.selectedId).toBeNull();
    expect(store.state.assistance.has("c1")).toBe(false);
    expect([...store.state.offers.keys()]).toEqual(["t2"]);
    expect(store.entry("c2")).toBeDefined();
    expect(changes).toBe(1);
    // Unknown or already removed: nothing changes, no listener is woken.
    store.apply({ type: "conversation.removed", conversationId: "c1", reason: "visitor_erased" });
    expect(changes).toBe(1);
  });

  test("queue count follows queue frames", () => {
    const { store } = started();
    store.apply({ type: "queue", count: 4 });
    expect(store.state.queueCount).toBe(4);
  });
});

describe("ConsoleStore acknowledgements", () => {
  test("an acknowledged message stays shown as sent until (and unless) its event arrives", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_bob" }) }]);
    store.addPending("c1", { clientId: "n1", kind: "note", text: "for the record", at: T0, error: null });
    store.ackPending("c1", "n1", 7);
    expect(store.entry("c1")!.pending).toEqual([{ clientId: "n1", kind: "note", text: "for the record", at: T0, error: null, ackedSeq: 7 }]);
    store.apply(ev("c1", 7, { type: "note", at: T0, author: { id: "op_me", name: "Me" }, text: "for the record", clientId: "n1" }));
    expect(store.entry("c1")!.pending).toEqual([]);
  });

  test("an ack arriving after its event leaves nothing pending", () => {
    const { store } = started([{ conversation: view({ id: "c1", state: "active", operatorId: "op_me" }) }]);
    store.addPending("c1", { clientId: "m1", kind: "message", text: "hi", at: T0, error: null });
    store.apply(chatMessage("c1", 3, "operator", "hi", T0, "m1"));
    store.ackPending("c1", "m1", 3);
    expect(store.entry("c1")!.pending).toEqual([]);
  });
});

describe("ConsoleStore assistance requests", () => {
  test("a help request flashes the conversation, is listed and alerts; dismissing removes it", () => {
    const { store, alerts } = started();
    store.apply({ type: "assistance", conversation: view({ id: "c5", state: "active", operatorId: "op_ann" }), from: { id: "op_ann", name: "Ann" }, message: "angry customer", at: T0 });
    expect(store.entry("c5")?.attention).toBe(true);
    expect(store.state.assistance.get("c5")).toMatchObject({ from: { name: "Ann" }, message: "angry customer" });
    expect(alerts.at(-1)).toEqual({ kind: "assistance", conversationId: "c5", fromName: "Ann", message: "angry customer" });
    store.dismissAssistance("c5");
    expect(store.state.assistance.size).toBe(0);
  });
});

describe("alerts for a visitor's message in my conversations", () => {
  const mine = () => view({ id: "c1", state: "active", operatorId: "op_me", lastSeq: 2, operatorReadSeq: 2 });

  test("a new visitor message in a conversation of mine alerts, saying whether it is the one on screen", () => {
    const { store, alerts } = started([{ conversation: mine() }]);
    store.apply(chatMessage("c1", 3, "visitor", "Are you there?"));
    expect(alerts).toEqual([{ kind: "message", conversationId: "c1", text: "Are you there?", open: false }]);
    store.select("c1");
    store.apply(chatMessage("c1", 4, "visitor", "Hello?"));
    expect(alerts[1]).toEqual({ kind: "message", conversationId: "c1", text: "Hello?", open: true });
  });

  test("my own messages, a colleague's conversation, and history already seen never ring", () => {
    const { store, alerts } = started([{ conversation: mine() }, { conversation: view({ id: "c2", state: "active", operatorId: "op_other" }) }]);
    store.apply(chatMessage("c1", 2, "visitor", "old, replayed after the snapshot"));
    store.apply(chatMessage("c1", 3, "operator", "my answer"));
    store.apply(chatMessage("c2", 1, "visitor", "to someone else"));
    store.apply(chatMessage("c1", 3, "visitor", "same seq again"));
    expect(alerts).toEqual([]);
  });

  test("a conversation still flashing as new does not ring again for each line", () => {
    const { store, alerts } = started();
    store.apply({ type: "conversation", conversation: view({ id: "c3", state: "active", operatorId: "op_me" }) });
    store.apply(chatMessage("c3", 1, "visitor", "first line"));
    expect(alerts).toEqual([{ kind: "conversation", conversationId: "c3", reason: "new" }]);
    store.select("c3");
    store.select(null);
    store.apply(chatMessage("c3", 2, "visitor", "after I looked"));
    expect(alerts.at(-1)).toEqual({ kind: "message", conversationId: "c3", text: "after I looked", open: false });
  });
});

describe("offline messages badge", () => {
  test("a pushed offline message bumps the count and alerts; the REST count sets it", () => {
    const { store, alerts } = started();
    store.setOfflineCount(2);
    store.apply({ type: "offline", id: "off1", department: "sales", at: T0 });
    expect(store.state.offlineUnhandled).toBe(3);
    expect(alerts).toEqual([{ kind: "offline", id: "off1", department: "sales" }]);
    store.setOfflineCount(1);
    expect(store.state.offlineUnhandled).toBe(1);
  });
});
