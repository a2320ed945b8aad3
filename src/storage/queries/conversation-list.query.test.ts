import { afterEach, describe, expect, test } from "bun:test";
import { ManualClock } from "../../core/clock";
import { harness, makeConfig, operator, staff, visitor } from "../../core/conversation/engine.testkit";
import { openDatabase, type OpenDatabase } from "../db";
import { createEngineStores } from "../repositories/conversation-stores";
import { ACTIVITY_WRITE_INTERVAL_MS } from "../repositories/conversation.repository";
import { decodeCursor, listConversations, type ListScope } from "./conversation-list.query";

const config = makeConfig({
  operators: [operator("ann", { departments: ["sales"], maxConversations: 1 }), operator("bob", { departments: ["support"], maxConversations: 5 }), operator("max", { role: "manager" })],
  departments: [{ id: "sales", name: "Sales" }, { id: "support", name: "Support" }],
  routing: { mode: "department" },
  queue: { slaSeconds: { urgent: 60, normal: 600 } },
});

const dbs: OpenDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

/** ann (sales, 1 slot) and bob (support) online; conversations created one second apart. */
function world() {
  const database = openDatabase(":memory:");
  dbs.push(database);
  const clock = new ManualClock();
  const stores = createEngineStores(database, () => clock.now());
  const h = harness(config, { clock, stores });
  h.engine.operatorConnected("ann");
  h.engine.operatorConnected("bob");
  const start = (visitorId: string, department: string, name: string) => {
    h.clock.advance(1000);
    const out = h.engine.startConversation({ visitor: { id: visitorId, name, email: `${visitorId}@mail.example` }, department });
    if (out.outcome === "refused") throw new Error("refused");
    return out.conversation.id;
  };
  const salesActive = start("v1", "sales", "Alice Martin");
  const salesWaiting = start("v2", "sales", "Bruno Diaz");
  const support = start("v3", "support", "Chloé 100%_Sure");
  return { h, db: database.db, stores, salesActive, salesWaiting, support };
}

const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);
const all: ListScope = { all: true };

describe("conversation list", () => {
  test("an operator sees their own conversations and the waiting ones of their departments only", () => {
    const w = world();
    const ann: ListScope = { all: false, operatorId: "ann", departments: ["sales"] };
    const bob: ListScope = { all: false, operatorId: "bob", departments: ["support"] };
    expect(ids(listConversations(w.db, ann, {}, { limit: 10 })).sort()).toEqual([w.salesActive, w.salesWaiting].sort());
    expect(ids(listConversations(w.db, bob, {}, { limit: 10 }))).toEqual([w.support]);
    expect(ids(listConversations(w.db, all, {}, { limit: 10 })).length).toBe(3);
  });

  test("filters: state, assignee, department, view, importance, tag, priority", () => {
    const w = world();
    w.h.engine.setTags(w.support, ["billing", "vip"], staff("bob"));
    w.h.engine.setImportant(w.support, true, staff("bob"));
    w.h.engine.setPriority(w.salesWaiting, "urgent", staff("max", "manager"));
    expect(ids(listConversations(w.db, all, { states: ["waiting"] }, { limit: 10 }))).toEqual([w.salesWaiting]);
    expect(ids(listConversations(w.db, all, { operatorId: "ann" }, { limit: 10 }))).toEqual([w.salesActive]);
    expect(ids(listConversations(w.db, all, { department: "support" }, { limit: 10 }))).toEqual([w.support]);
    expect(ids(listConversations(w.db, all, { tag: "vip" }, { limit: 10 }))).toEqual([w.support]);
    expect(ids(listConversations(w.db, all, { tag: "vi" }, { limit: 10 }))).toEqual([]);
    expect(ids(listConversations(w.db, all, { important: true }, { limit: 10 }))).toEqual([w.support]);
    expect(ids(listConversations(w.db, all, { priority: "urgent" }, { limit: 10 }))).toEqual([w.salesWaiting]);
    w.h.engine.endConversation(w.support, staff("bob"));
    expect(ids(listConversations(w.db, all, { view: "done" }, { limit: 10 }))).toEqual([w.support]);
    expect(ids(listConversations(w.db, all, { view: "unresolved" }, { limit: 10 })).sort()).toEqual([w.salesActive, w.salesWaiting].sort());
  });

  test("unread: the visitor wrote and nobody answered yet", () => {
    const w = world();
    w.h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS);
    w.h.engine.postMessage(w.salesActive, visitor("v1"), { text: "hello?", clientId: "m1" });
    expect(ids(listConversations(w.db, all, { view: "unread" }, { limit: 10 }))).toEqual([w.salesActive]);
    w.h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS);
    w.h.engine.postMessage(w.salesActive, staff("ann"), { text: "hi!", clientId: "m2" });
    expect(ids(listConversations(w.db, all, { view: "unread" }, { limit: 10 }))).toEqual([]);
  });

  test("a busy conversation shows in the list as of its last row write until the deferred activity is written", () => {
    const w = world();
    w.h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS);
    w.h.engine.postMessage(w.salesActive, visitor("v1"), { text: "hello?", clientId: "m1" });
    w.h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS / 2);
    w.h.engine.postMessage(w.salesActive, staff("ann"), { text: "hi!", clientId: "m2" });
    expect(ids(listConversations(w.db, all, { view: "unread" }, { limit: 10 }))).toEqual([w.salesActive]);
    w.h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS / 2);
    expect(w.stores.flushDeferredWrites((id) => w.h.engine.conversationDetails(id))).toBe(1);
    expect(ids(listConversations(w.db, all, { view: "unread" }, { limit: 10 }))).toEqual([]);
  });

  test("search matches the visitor's name or e-mail, case-insensitively, with LIKE wildcards taken literally", () => {
    const w = world();
    expect(ids(listConversations(w.db, all, { search: "alice" }, { limit: 10 }))).toEqual([w.salesActive]);
    expect(ids(listConversations(w.db, all, { search: "V2@MAIL" }, { limit: 10 }))).toEqual([w.salesWaiting]);
    expect(ids(listConversations(w.db, all, { search: "100%_s" }, { limit: 10 }))).toEqual([w.support]);
    expect(ids(listConversations(w.db, all, { search: "%" }, { limit: 10 }))).toEqual([w.support]);
  });

  test("keyset paging walks the whole list once, most recent first, even while it changes", () => {
    const w = world();
    const first = listConversations(w.db, all, {}, { limit: 2 });
    expect(ids(first)).toEqual([w.support, w.salesWaiting]);
    expect(decodeCursor(first.nextCursor!)).not.toBeNull();
    w.h.clock.advance(1000);
    w.h.engine.postMessage(w.support, visitor("v3"), { text: "bump", clientId: "b1" }); // moves to the top, already seen
    const second = listConversations(w.db, all, {}, { limit: 2, cursor: first.nextCursor! });
    expect(ids(second)).toEqual([w.salesActive]);
    expect(second.nextCursor).toBeNull();
  });

  test("a cursor the server did not issue is refused instead of restarting at the first page", () => {
    const w = world();
    const forged = Buffer.from(JSON.stringify({ k: "x", id: 1 })).toString("base64url");
    for (const cursor of ["garbage", "e30", forged, "not base64!"]) {
      expect(() => listConversations(w.db, all, {}, { limit: 2, cursor })).toThrow(expect.objectContaining({ code: "request.invalid", message: expect.stringContaining("query.cursor") }));
    }
  });

  test("the SLA order puts the nearest first-response deadline first and those without one last", () => {
    const w = world();
    w.h.engine.setPriority(w.support, "low", staff("max", "manager"));
    w.h.engine.setPriority(w.salesWaiting, "urgent", staff("max", "manager"));
    const page = listConversations(w.db, all, {}, { limit: 10, sort: "sla" });
    expect(ids(page)[0]).toBe(w.salesWaiting);
    expect(ids(page).at(-1)).toBe(w.support);
  });
});
