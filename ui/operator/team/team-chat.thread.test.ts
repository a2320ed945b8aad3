import { describe, expect, test } from "bun:test";
import { ConsoleStore } from "../state/console.store";
import { lineOf, mergeLines } from "./team-chat.thread";

const item = (id: string, from: string, at: number, text = id) => ({ id, clientId: `c-${id}`, from: { id: from, name: from }, to: from === "me" ? "bob" : "me", text, at, readAt: null });

describe("team chat thread", () => {
  test("history and live lines merge: each message once, in the order sent", () => {
    const live = [lineOf(item("m3", "bob", 30), "me")];
    const page = [item("m1", "me", 10), item("m2", "bob", 20), item("m3", "bob", 30)].map((i) => lineOf(i, "me"));
    const merged = mergeLines(live, page);
    expect(merged.map((l) => [l.id, l.mine])).toEqual([["m1", true], ["m2", false], ["m3", false]]);
    expect(mergeLines(merged, page)).toEqual(merged);
  });

  test("the store takes a fetched page into the thread and the server's unread counts as they are", () => {
    const store = new ConsoleStore();
    store.apply({ type: "op.message", id: "m2", from: { id: "bob", name: "Bob" }, to: "me", text: "live", at: 20 });
    store.addChatHistory("bob", [lineOf(item("m1", "bob", 10, "earlier"), "me"), lineOf(item("m2", "bob", 20, "live"), "me")]);
    expect(store.state.chats.get("bob")!.map((l) => l.text)).toEqual(["earlier", "live"]);
    store.apply({ type: "op.unread", counts: { bob: 3, ann: 1 } });
    expect([...store.state.chatUnread]).toEqual([["bob", 3], ["ann", 1]]);
    store.apply({ type: "op.unread", counts: {} });
    expect(store.state.chatUnread.size).toBe(0);
  });
});
