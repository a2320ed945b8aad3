import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock, SequentialIds } from "../../core/clock";
import { FakeScheduler, harness, makeConfig, operator, staff, visitor, type Harness } from "../../core/conversation/engine.testkit";
import type { EngineStores } from "../../core/conversation/conversation.ports";
import { openDatabase, type OpenDatabase } from "../db";
import { createEngineStores } from "./conversation-stores";

const config = makeConfig({
  operators: [operator("ann", { maxConversations: 1 }), operator("bob", { maxConversations: 2 }), operator("max", { role: "manager" })],
  departments: [{ id: "sales", name: "Sales" }],
  routing: { mode: "department" },
  queue: { slaSeconds: { urgent: 60 } },
  timeouts: { visitorInactivityMinutes: 20, autoTransferSeconds: 90 },
  statuses: [{ id: "searching", label: "Searching", stillBusyNoticeAfterSeconds: 60 }],
});

const dirs: string[] = [];
const open: OpenDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileDatabase(): { file: string; reopen: () => OpenDatabase } {
  const dir = mkdtempSync(join(tmpdir(), "parley-engine-"));
  dirs.push(dir);
  const file = join(dir, "parley.db");
  return {
    file,
    reopen: () => {
      const db = openDatabase(file);
      open.push(db);
      return db;
    },
  };
}

/** A busy afternoon: assignments, a queue in priority order, a pending transfer request, messages, notes, tags. */
function busyDay(h: Harness): Record<string, string> {
  const e = h.engine;
  e.operatorConnected("ann");
  e.operatorConnected("bob");
  const id = (o: ReturnType<typeof e.startConversation>) => (o.outcome === "refused" ? "" : o.conversation.id);
  const a = id(e.startConversation({ visitor: { id: "va", name: "Ada", pageUrl: "https://x.com/p", fields: { plan: "pro" }, timezone: "Europe/Paris" }, tags: ["vip"], message: { text: "Hi", clientId: "a1" } }));
  const b = id(e.startConversation({ visitor: { id: "vb" }, department: "sales" }));
  const c = id(e.startConversation({ visitor: { id: "vc" } }));
  h.clock.advance(1000);
  const w1 = id(e.startConversation({ visitor: { id: "w1" } }));
  const w2 = id(e.startConversation({ visitor: { id: "w2" }, priority: "urgent" }));
  const w3 = id(e.startConversation({ visitor: { id: "w3" }, department: "sales", priority: "low" }));
  e.postMessage(b, visitor("vb"), { text: "Pricing?", clientId: "b1" });
  e.postMessage(b, staff(e.conversation(b)!.operatorId!), { text: "Sure", clientId: "b2" });
  e.addNote(b, staff("bob"), { text: "prospect", clientId: "n1" });
  e.setImportant(a, true, staff("max", "manager"));
  e.requestTransfer(a, "bob", staff("ann"), "can you take this?");
  e.setOperatorStatus("bob", "searching");
  e.markRead(b, visitor("vb"), 3);
  return { a, b, c, w1, w2, w3 };
}

describe("engine on SQLite", () => {
  test("a restart restores conversations, queue order, holdings, statuses, requests and deadlines", () => {
    const { reopen } = fileDatabase();
    const clock = new ManualClock();
    const ids = new SequentialIds();
    const scheduler = new FakeScheduler();
    const first = harness(config, { stores: createEngineStores(reopen()), clock, ids, scheduler });
    const made = busyDay(first);
    const before = first.engine.snapshot();
    const deadlinesBefore = new Map([...scheduler.deadlines].map(([k, d]) => [k, d.dueAt]));
    expect(Object.values(before.queues).flat()).toHaveLength(3);
    open.pop()!.close();

    clock.advance(5_000);
    const second = harness(config, { stores: createEngineStores(reopen()), clock, ids, scheduler });
    const after = second.engine.snapshot();
    expect(after.conversations).toEqual(before.conversations);
    expect(second.engine.conversationDetails(made.a!)?.visitor.timezone).toBe("Europe/Paris");
    expect(after.queues).toEqual(before.queues);
    expect(after.transfers).toEqual(before.transfers);
    expect(after.operators.map((o) => [o.id, o.status, o.held])).toEqual(before.operators.map((o) => [o.id, o.status, o.held]));
    // Operators were connected before the restart: they get the grace period to come back.
    expect(second.engine.operator("ann")?.presence).toBe("grace");
    expect(second.engine.operator("max")?.presence).toBe("offline");
    for (const [key, dueAt] of deadlinesBefore) if (key.startsWith("conversation:")) expect(scheduler.deadlines.get(key)?.dueAt).toBe(dueAt);

    // Idempotency survives the restart; seqs continue.
    const retried = second.engine.postMessage(made.b!, visitor("vb"), { text: "Pricing?", clientId: "b1" });
    expect(retried.seq).toBe(second.engine.history(made.b!, staff("max", "manager")).find((e) => e.clientId === "b1")!.seq);
    const next = second.engine.postMessage(made.b!, visitor("vb"), { text: "and?", clientId: "b3" });
    expect(next.seq).toBe(before.conversations.find((c) => c.id === made.b)!.lastSeq + 1);
    second.engine.operatorConnected("ann");
    second.engine.operatorConnected("bob");
    expect(second.engine.declineTransfer("bob").state).toBe("declined");
    expect(second.engine.conversation(made.a!)?.operatorId).toBe("ann");
    second.engine.setOperatorStatus("bob", "connected");
    second.engine.endConversation(made.c!, visitor("vc"));
    expect(second.engine.conversation(made.w2!)).toMatchObject({ state: "active", operatorId: "bob" });
  });

  test("a command that fails half-way leaves neither rows nor memory changed", () => {
    const db = openDatabase(":memory:");
    open.push(db);
    const real = createEngineStores(db);
    let failOn: string | null = null;
    const stores: EngineStores = {
      ...real,
      events: {
        ...real.events,
        append(e) {
          if (e.type === failOn) throw new Error("disk I/O error");
          return real.events.append(e);
        },
      },
    };
    const h = harness(config, { stores });
    h.engine.operatorConnected("ann");
    failOn = "conversation.assigned";
    expect(() => h.engine.startConversation({ visitor: { id: "v1" }, message: { text: "hi", clientId: "m" } })).toThrow("disk I/O error");
    expect(db.sqlite.query("SELECT count(*) AS n FROM conversations").get()).toEqual({ n: 0 });
    expect(db.sqlite.query("SELECT count(*) AS n FROM conversation_events").get()).toEqual({ n: 0 });
    expect(h.engine.snapshot().conversations).toEqual([]);
    expect(h.engine.operator("ann")).toMatchObject({ presence: "online", activeConversations: 0 });
    failOn = null;
    expect(h.engine.startConversation({ visitor: { id: "v1" } }).outcome).toBe("assigned");
  });

  test("history: visitors never see staff events; paging back and forth", () => {
    const db = openDatabase(":memory:");
    open.push(db);
    const h = harness(config, { stores: createEngineStores(db) });
    h.engine.operatorConnected("ann");
    const out = h.engine.startConversation({ visitor: { id: "v" } });
    const id = out.outcome === "refused" ? "" : out.conversation.id;
    for (let i = 0; i < 4; i++) h.engine.postMessage(id, visitor("v"), { text: `m${i}`, clientId: `c${i}` });
    h.engine.addNote(id, staff("ann"), { text: "internal", clientId: "n" });
    const staffView = h.engine.history(id, staff("ann"));
    expect(staffView.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(staffView.at(-1)).toMatchObject({ type: "note", visibility: "staff", body: "internal", actor: { kind: "operator", id: "ann" } });
    expect(h.engine.history(id, visitor("v")).map((e) => e.type)).not.toContain("note");
    expect(h.engine.history(id, visitor("v"), { beforeSeq: 7, limit: 2 }).map((e) => e.body)).toEqual(["m2", "m3"]);
    expect(h.engine.history(id, visitor("v"), { afterSeq: 4 }).map((e) => e.body)).toEqual(["m2", "m3"]);
    expect(staffView[1]).toMatchObject({ type: "conversation.assigned", payload: { operatorId: "ann", mode: "routing", capacityOverride: false } });
  });

  test("the (conversation, client id) index refuses a duplicate even behind the engine's back: nothing is written; a duplicate seq throws", () => {
    const db = openDatabase(":memory:");
    open.push(db);
    const stores = createEngineStores(db);
    const h = harness(config, { stores });
    h.engine.operatorConnected("ann");
    const out = h.engine.startConversation({ visitor: { id: "v" } });
    const id = out.outcome === "refused" ? "" : out.conversation.id;
    const e = h.engine.postMessage(id, visitor("v"), { text: "x", clientId: "dup" });
    expect(stores.events.append({ ...e, seq: e.seq + 1, body: "again" })).toBe(false);
    expect(db.sqlite.query("SELECT count(*) AS n FROM conversation_events WHERE client_id = 'dup'").get()).toEqual({ n: 1 });
    expect(() => stores.events.append({ ...e, clientId: null })).toThrow();
  });
});
