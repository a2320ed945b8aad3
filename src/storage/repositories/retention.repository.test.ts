/** Retention over the real schema: old ended conversations go with everything attached; open and recent ones stay. */
import { expect, test } from "bun:test";
import { ManualClock, SequentialIds } from "../../core/clock";
import { createEngine } from "../../core/engine";
import { leastBusyPicker, makeConfig, operator, staff } from "../../core/conversation/engine.testkit";
import { openDatabase } from "../db";
import { createEngineStores } from "./conversation-stores";
import { OperatorQuestionnaireDueRepository } from "./operator-questionnaire-dues.repository";
import { createRetentionStore } from "./retention.repository";

const DAY = 86_400_000;

test("pruning removes ended conversations older than the cutoff with their events and files, and keeps the rest", async () => {
  const db = openDatabase(":memory:");
  const clock = new ManualClock();
  const engine = createEngine({ config: makeConfig({ operators: [operator("ann", { maxConversations: 5 })] }), clock, ids: new SequentialIds(), stores: createEngineStores(db), routing: () => leastBusyPicker });
  engine.operatorConnected("ann");
  const start = (v: string) => {
    const out = engine.startConversation({ visitor: { id: v }, message: { text: "hello", clientId: `${v}-1` } });
    if (out.outcome === "refused") throw new Error("refused");
    return out.conversation.id;
  };
  const old = start("v-old");
  engine.endConversation(old, staff("ann"));
  clock.advance(40 * DAY);
  const recent = start("v-recent");
  engine.endConversation(recent, staff("ann"));
  const open = start("v-open");

  const deletedFiles: string[] = [];
  const store = createRetentionStore(db, {
    deleteConversationFiles: async (id) => void deletedFiles.push(id),
    pruneFilesOlderThan: async () => ({ files: 0 }),
  });
  const count = (id: string) => (db.sqlite.query("SELECT count(*) AS n FROM conversation_events WHERE conversation_id = ?").get(id) as { n: number }).n;
  expect(count(old)).toBeGreaterThan(0);
  const dues = new OperatorQuestionnaireDueRepository(db.db);
  for (const id of [old, recent]) dues.upsert({ conversationId: id, operatorId: "ann", questionnaireId: "wrapup", endedAt: 0 });

  const removed = await store.pruneConversationsEndedBefore(clock.now() - 30 * DAY);

  expect(removed).toBe(1);
  expect(deletedFiles).toEqual([old]);
  expect(count(old)).toBe(0);
  expect(engine.conversation(old)).toBeNull();
  expect(engine.conversation(recent)?.state).toBe("ended");
  expect(count(recent)).toBeGreaterThan(0);
  expect(engine.conversation(open)?.state).toBe("active");
  expect(dues.forConversation(old)).toBeUndefined();
  expect(dues.forConversation(recent)).toBeDefined();
  db.close();
});

test("pruning chat between operators removes the messages sent before the cutoff", async () => {
  const db = openDatabase(":memory:");
  const insert = db.sqlite.prepare("INSERT INTO operator_messages (id, thread_key, sender_id, recipient_id, client_id, text, created_at) VALUES (?, '[\"mia\",\"olga\"]', 'mia', 'olga', ?, 'hi', ?)");
  insert.run("old", "c1", 1000);
  insert.run("recent", "c2", 5000);
  const store = createRetentionStore(db, { deleteConversationFiles: async () => undefined, pruneFilesOlderThan: async () => ({ files: 0 }) });
  expect(await store.pruneOperatorMessagesOlderThan(2000)).toBe(1);
  expect(db.sqlite.query("SELECT id FROM operator_messages").all()).toEqual([{ id: "recent" }]);
  db.close();
});
