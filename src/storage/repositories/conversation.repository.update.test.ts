import { afterEach, describe, expect, test } from "bun:test";
import { harness, makeConfig, operator, staff, visitor } from "../../core/conversation/engine.testkit";
import { openDatabase, type OpenDatabase } from "../db";
import { createEngineStores } from "./conversation-stores";

const config = makeConfig({ operators: [operator("ann", { maxConversations: 5 }), operator("bob", { maxConversations: 5 })] });
const open: OpenDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setup(withConfig = config) {
  const database = openDatabase(":memory:");
  open.push(database);
  const stores = createEngineStores(database);
  const h = harness(withConfig, { stores });
  h.engine.operatorConnected("ann");
  const out = h.engine.startConversation({ visitor: { id: "v1", name: "Vera" } });
  if (out.outcome === "refused") throw new Error("refused");
  return { h, stores, id: out.conversation.id, database };
}

/** The narrow updates (activity-only writes, writes that leave indexed columns alone) must persist exactly what the full one would. */
describe("conversation updates", () => {
  test("activity-only writes persist every changed column", () => {
    const { h, stores, id } = setup();
    h.clock.advance(5000);
    h.engine.postMessage(id, visitor("v1"), { text: "hello", clientId: "m1" });
    const stored = stores.conversations.get(id)!;
    expect(stored).toEqual(h.engine.conversationDetails(id)! as typeof stored);
    expect(stored.lastMessageAt).toBe(h.clock.now());
    expect(stored.visitorAwaitingReplySince).toBe(h.clock.now());
  });

  test("operator replies and notes (message activity only) persist first response, awaiting-reply reset and seq", () => {
    const { h, stores, id, database } = setup();
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
