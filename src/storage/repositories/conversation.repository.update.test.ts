import { afterEach, describe, expect, test } from "bun:test";
import { ManualClock } from "../../core/clock";
import { harness, makeConfig, operator, staff, visitor } from "../../core/conversation/engine.testkit";
import { openDatabase, type OpenDatabase } from "../db";
import { createEngineStores } from "./conversation-stores";
import { ACTIVITY_WRITE_INTERVAL_MS } from "./conversation.repository";

const config = makeConfig({ operators: [operator("ann", { maxConversations: 5 }), operator("bob", { maxConversations: 5 })] });
const open: OpenDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setup(withConfig = config) {
  const database = openDatabase(":memory:");
  open.push(database);
  const clock = new ManualClock();
  const stores = createEngineStores(database, () => clock.now());
  const h = harness(withConfig, { clock, stores });
  h.engine.operatorConnected("ann");
  const out = h.engine.startConversation({ visitor: { id: "v1", name: "Vera" } });
  if (out.outcome === "refused") throw new Error("refused");
  return { h, stores, id: out.conversation.id, database };
}

/** The narrow updates (activity-only writes, writes that leave indexed columns alone) must persist exactly what the full one would. */
describe("conversation updates", () => {
  test("activity-only writes persist every changed column", () => {
    const { h, stores, id } = setup();
    h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS + 5000);
    h.engine.postMessage(id, visitor("v1"), { text: "hello", clientId: "m1" });
    const stored = stores.conversations.get(id)!;
    expect(stored).toEqual(h.engine.conversationDetails(id)! as typeof stored);
    expect(stored.lastMessageAt).toBe(h.clock.now());
    expect(stored.visitorAwaitingReplySince).toBe(h.clock.now());
  });

  test("operator replies and notes (message activity only) persist first response, awaiting-reply reset and seq", () => {
    const { h, stores, id, database } = setup();
    h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS);
    h.engine.postMessage(id, visitor("v1"), { text: "hello", clientId: "m1" });
    h.clock.advance(3000);
    h.engine.postMessage(id, staff("ann"), { text: "hi, how can I help?", clientId: "m2" });
    h.clock.advance(1000);
    h.engine.addNote(id, staff("ann"), { text: "regular customer", clientId: "n1" });
    const stored = stores.conversations.get(id)!;
    expect(stored).toEqual(h.engine.conversationDetails(id)! as typeof stored);
    expect(stored.firstResponseAt).toBe(h.clock.now() - 1000);
    expect(stored.visitorAwaitingReplySince).toBeNull();
    expect(stored.lastSeq).toBe((database.sqlite.query("SELECT max(seq) AS seq FROM conversation_events WHERE conversation_id = ?").get(id) as { seq: number }).seq);
  });

  test("a busy conversation's activity is written at most once per interval; the rest is coalesced and written when due", () => {
    const { h, stores, id } = setup();
    const details = (cid: string) => h.engine.conversationDetails(cid);
    h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS);
    h.engine.postMessage(id, visitor("v1"), { text: "one", clientId: "m1" });
    const written = stores.conversations.get(id)!.lastSeq;
    for (let i = 2; i <= 4; i++) {
      h.clock.advance(100);
      h.engine.postMessage(id, visitor("v1"), { text: `message ${i}`, clientId: `m${i}` });
    }
    expect(stores.conversations.get(id)!.lastSeq).toBe(written);
    expect(stores.flushDeferredWrites(details)).toBe(0);
    h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS - 300);
    expect(stores.flushDeferredWrites(details)).toBe(1);
    const stored = stores.conversations.get(id)!;
    expect(stored).toEqual(details(id)! as typeof stored);
    expect(stored.lastSeq).toBe(written + 3);
  });

  test("after a restart the conversation is caught up from its log: seq, activity, awaiting reply, first response", () => {
    const { h, stores, id } = setup();
    h.clock.advance(ACTIVITY_WRITE_INTERVAL_MS);
    h.engine.postMessage(id, visitor("v1"), { text: "hello", clientId: "m1" });
    h.clock.advance(200);
    h.engine.postMessage(id, staff("ann"), { text: "hi!", clientId: "m2" });
    h.clock.advance(200);
    h.engine.addNote(id, staff("ann"), { text: "noted", clientId: "n1" });
    h.clock.advance(200);
    h.engine.postMessage(id, visitor("v1"), { text: "one more thing", clientId: "m3" });
    const before = h.engine.conversationDetails(id)!;
    expect(stores.conversations.get(id)!.lastSeq).toBeLessThan(before.lastSeq);
    // The process stops here without writing the deferred activity (a crash, a kill -9).
    const restarted = h.restart();
    expect(restarted.engine.conversationDetails(id)).toEqual(before);
    restarted.engine.postMessage(id, visitor("v1"), { text: "still there?", clientId: "m4" });
    expect(restarted.engine.conversationDetails(id)!.lastSeq).toBe(before.lastSeq + 1);
  });

  test("a message that re-escalates an ended conversation writes the whole row (state and queue facts too)", () => {
    const { h, stores, id } = setup(makeConfig({ operators: [operator("ann", { maxConversations: 5 })], conversations: { keepOpenAfterEnd: true } }));
    h.engine.endConversation(id, staff("ann"));
    h.clock.advance(60_000);
    h.engine.postMessage(id, visitor("v1"), { text: "one more question", clientId: "m9" });
    const stored = stores.conversations.get(id)!;
    expect(stored.state).not.toBe("ended");
    expect(stored).toEqual(h.engine.conversationDetails(id)! as typeof stored);
  });

  test("indexed columns still change: operator and state are written and indexed queries see them", () => {
    const { h, stores, id, database } = setup();
    h.engine.operatorConnected("bob");
    h.engine.transfer(id, { operatorId: "bob" }, staff("ann"));
    expect(stores.conversations.get(id)!.operatorId).toBe("bob");
    expect(database.sqlite.query("SELECT count(*) AS n FROM conversations WHERE operator_id = 'bob' AND state = 'active'").get()).toEqual({ n: 1 });
    h.engine.endConversation(id, staff("bob"));
    expect(stores.conversations.listOpen().map((c) => c.id)).toEqual([]);
    expect(database.sqlite.query("SELECT state FROM conversations WHERE id = ?").get(id)).toEqual({ state: "ended" });
  });

  test("after a rolled-back write the next write of the same values still reaches the indexed columns", () => {
    const { stores, id, database } = setup();
    const before = stores.conversations.get(id)!;
    const moved = { ...before, operatorId: "bob" };
    expect(() =>
      stores.unitOfWork.run(() => {
        stores.conversations.update(moved);
        throw new Error("command failed after writing");
      }),
    ).toThrow("command failed");
    expect(stores.conversations.get(id)!.operatorId).toBe("ann");
    stores.unitOfWork.run(() => stores.conversations.update({ ...moved, lastMessageAt: moved.lastMessageAt + 1 }));
    expect(database.sqlite.query("SELECT operator_id AS op FROM conversations WHERE id = ?").get(id)).toEqual({ op: "bob" });
  });
});
