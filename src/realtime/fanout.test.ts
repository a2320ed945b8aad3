import { describe, expect, test } from "bun:test";
import type { AnyStoredEvent, OperatorView } from "../core/conversation/conversation.events";
import type { QueueStanding } from "../core/queue/queue.queries";
import type { StaffConversationViewT } from "../transport/ws/protocol";
import { createFanout } from "./fanout";
import { Hub, type Audience, type HubMessage, type HubSubscriber } from "./hub";
import type { RealtimeQueries } from "./realtime.ports";
import { ManualScheduler } from "./scheduler.testing";
import { Topics } from "./topics";

class Recorder implements HubSubscriber {
  readonly frames: any[] = [];
  constructor(readonly audience: Audience) {}
  receive(message: HubMessage): void {
    const text = message.textFor(this.audience);
    if (text !== null) this.frames.push(JSON.parse(text));
  }
}

const view = (over: Partial<StaffConversationViewT> = {}): StaffConversationViewT => ({
  id: "c1", state: "active", priority: "normal", department: "sales", operatorId: "ann",
  visitor: { id: "v1", name: "Vera", email: null, fields: {}, pageUrl: null, referrer: null, language: null, userAgent: null, timezone: null },
  tags: [], important: false, createdAt: 1, assignedAt: 2, endedAt: null, endReason: null, lastMessageAt: 2, slaDueAt: null,
  lastSeq: 3, visitorReadSeq: 0, operatorReadSeq: 0, queuePosition: null, ...over,
});
const op = (id: string, status = "connected"): OperatorView => ({ id, name: id.toUpperCase(), status, presence: "online", activeConversations: 1, capacity: 3, acceptingNew: true });

function setup() {
  const hub = new Hub();
  const scheduler = new ManualScheduler();
  const state = { standings: [] as QueueStanding[], lengths: {} as Record<string, number>, view: view(), standingCalls: 0 };
  const queries: RealtimeQueries = {
    staffView: () => state.view,
    queueStandings: (_key, from) => (state.standingCalls++, state.standings.filter((s) => s.position >= from)),
    queueLengths: () => state.lengths,
    operators: () => [op("ann"), op("bob", "break")],
  };
  const lengths: Record<string, number>[] = [];
  const fanout = createFanout({ hub, queries, scheduler, directory: { operator: (id) => ({ id, name: id.toUpperCase() }) }, onQueueLengths: (l) => lengths.push({ ...l }) });
  const sub = (topic: string, audience: Audience = "staff") => {
    const r = new Recorder(audience);
    hub.subscribe(topic, r);
    return r;
  };
  return { hub, scheduler, state, fanout, sub, lengths };
}

const stored = (over: Partial<AnyStoredEvent>): AnyStoredEvent =>
  ({ conversationId: "c1", seq: 4, createdAt: 10, actor: { kind: "operator", id: "ann" }, visibility: "all", body: null, clientId: null, ...over }) as AnyStoredEvent;

describe("conversation fan-out", () => {
  test("a message reaches visitor and staff of the conversation with its seq; a note only staff", () => {
    const { fanout, sub } = setup();
    const visitor = sub(Topics.conversation("c1"), "visitor");
    const staff = sub(Topics.conversation("c1"));
    const other = sub(Topics.conversation("c2"));
    fanout.listener({ kind: "conversation.event", event: stored({ type: "message", payload: { file: null }, body: "hi" }), conversation: {} as any });
    fanout.listener({ kind: "conversation.event", event: stored({ seq: 5, type: "note", visibility: "staff", payload: {}, body: "psst" }), conversation: {} as any });
    expect(visitor.frames.map((f) => [f.seq, f.event.type])).toEqual([[4, "message"]]);
    expect(staff.frames.map((f) => [f.seq, f.event.type])).toEqual([[4, "message"], [5, "note"]]);
    expect(other.frames).toEqual([]);
  });

  test("a knowledge base answer: the visitor's copy never says how staff configured it (asOperator)", () => {
    const { fanout, sub } = setup();
    const visitor = sub(Topics.conversation("c1"), "visitor");
    const staff = sub(Topics.conversation("c1"));
    const source = { kind: "knowledge", title: "Returns", url: null, asOperator: false } as const;
    fanout.listener({ kind: "conversation.event", event: stored({ type: "message", payload: { file: null, source }, body: "Within 30 days." }), conversation: {} as any });
    expect(visitor.frames[0].event.source).toEqual({ kind: "knowledge", title: "Returns", url: null });
    expect(staff.frames[0].event.source).toEqual(source);
  });

  test("a transfer sends the summary to the department, the new and the previous operator; messages send no summary", () => {
    const { fanout, sub, state } = setup();
    state.view = view({ operatorId: "bob" });
    const sales = sub(Topics.department("sales"));
    const ann = sub(Topics.operator("ann"));
    const bob = sub(Topics.operator("bob"));
    const carl = sub(Topics.operator("carl"));
    fanout.listener({ kind: "conversation.event", event: stored({ type: "message", payload: { file: null }, body: "x" }), conversation: {} as any });
    expect(sales.frames).toEqual([]);
    fanout.listener({
      kind: "conversation.event",
      event: stored({ type: "conversation.transferred", visibility: "staff", payload: { transferId: null, fromOperatorId: "ann", toOperatorId: "bob", toDepartment: null, message: "VIP", automatic: false, reason: "manual" } }),
      conversation: {} as any,
    });
    for (const r of [sales, ann, bob]) expect(r.frames).toEqual([{ type: "conversation", conversation: state.view }]);
    expect(carl.frames).toEqual([]);
  });

  test("several summary events of one command send the summary once; a changed view or the next turn sends it again", async () => {
    const { fanout, sub, state } = setup();
    const sales = sub(Topics.department("sales"));
    const payloads = {
      "conversation.created": { department: "sales", priority: "normal", pageUrl: null, targetOperatorIds: null },
      "conversation.assigned": { operatorId: "ann", operatorName: "Ann", mode: "routed", by: { kind: "system", id: null }, capacityOverride: false, reason: "least busy" },
      "conversation.updated": { priority: "high" },
    };
    const summary = (type: keyof typeof payloads) =>
      fanout.listener({ kind: "conversation.event", event: stored({ type, visibility: "staff", payload: payloads[type] as never }), conversation: {} as any });
    summary("conversation.created");
    summary("conversation.assigned");
    expect(sales.frames).toEqual([{ type: "conversation", conversation: state.view }]);
    state.view = view({ priority: "high" });
    summary("conversation.updated");
    expect(sales.frames.map((f) => f.conversation.priority)).toEqual(["normal", "high"]);
    await Promise.resolve();
    summary("conversation.updated");
    expect(sales.frames.map((f) => f.conversation.priority)).toEqual(["normal", "high", "high"]);
  });

  test("a transfer request is offered to its target operator", () => {
    const { fanout, sub } = setup();
    const bob = sub(Topics.operator("bob"));
    fanout.listener({
      kind: "conversation.event",
      event: stored({ type: "transfer.requested", visibility: "staff", payload: { transferId: "t1", fromOperatorId: "ann", toOperatorId: "bob", message: "can you?", expiresAt: 99 } }),
      conversation: {} as any,
    });
    expect(bob.frames).toEqual([{ type: "transfer", transferId: "t1", conversation: expect.objectContaining({ id: "c1" }), from: { id: "ann", name: "ANN" }, message: "can you?", expiresAt: 99 }]);
  });

  test("operator typing reaches the visitor; visitor typing reaches only staff; read receipts reach both", () => {
    const { fanout, sub } = setup();
    const visitor = sub(Topics.conversation("c1"), "visitor");
    const staff = sub(Topics.conversation("c1"));
    fanout.conversations.onTyping("c1", "visitor", undefined, true);
    fanout.conversations.onTyping("c1", "operator", "Ann", true);
    fanout.listener({ kind: "conversation.read", conversationId: "c1", reader: "operator", seq: 4 });
    expect(visitor.frames.map((f) => f.event)).toEqual([{ type: "typing", sender: "operator", name: "Ann", on: true }, { type: "read", reader: "operator", upToSeq: 4 }]);
    expect(staff.frames.length).toBe(3);
    expect(staff.frames.every((f) => f.seq === undefined)).toBe(true);
  });
});

describe("queue positions", () => {
  test("a burst of changes is one walk; only visitors whose position changed get a frame", () => {
    const { fanout, sub, scheduler, state, lengths } = setup();
    const c2 = sub(Topics.conversation("c2"), "visitor");
    const c3 = sub(Topics.conversation("c3"), "visitor");
    state.standings = [
      { conversationId: "c2", position: 1, estimatedWaitMs: 60_000 },
      { conversationId: "c3", position: 2, estimatedWaitMs: 120_000 },
    ];
    state.lengths = { "department:sales": 2 };
    for (let i = 0; i < 10; i++) fanout.listener({ kind: "queue.changed", queueKey: "department:sales", change: "added", conversationId: `x${i}`, fromPosition: 1, length: 2 });
    expect(c2.frames).toEqual([]);
    scheduler.runAll();
    expect(state.standingCalls).toBe(1);
    expect(c2.frames).toEqual([{ type: "event", conversationId: "c2", event: { type: "queue.position", position: 1, estimatedWaitMs: 60_000 } }]);
    expect(c3.frames.length).toBe(1);
    expect(lengths).toEqual([{ "department:sales": 2 }]);

    // c2 is served: c3 moves up; c2 must not be told anything more.
    state.standings = [{ conversationId: "c3", position: 1, estimatedWaitMs: 115_000 }];
    fanout.listener({ kind: "queue.changed", queueKey: "department:sales", change: "removed", conversationId: "c2", fromPosition: 1, length: 1 });
    scheduler.runAll();
    expect(c2.frames.length).toBe(1);
    expect(c3.frames.at(-1).event).toEqual({ type: "queue.position", position: 1, estimatedWaitMs: 115_000 });
  });

  test("a small change of estimate at the same position is not pushed; a large one is", () => {
    const { fanout, sub, scheduler, state } = setup();
    const c2 = sub(Topics.conversation("c2"), "visitor");
    const change = () => fanout.listener({ kind: "queue.changed", queueKey: "general", change: "estimate", conversationId: null, fromPosition: 1, length: 1 });
    state.standings = [{ conversationId: "c2", position: 1, estimatedWaitMs: 300_000 }];
    change();
    scheduler.runAll();
    state.standings = [{ conversationId: "c2", position: 1, estimatedWaitMs: 290_000 }];
    change();
    scheduler.runAll();
    expect(c2.frames.length).toBe(1);
    state.standings = [{ conversationId: "c2", position: 1, estimatedWaitMs: 200_000 }];
    change();
    scheduler.runAll();
    expect(c2.frames.length).toBe(2);
  });
});

describe("presence", () => {
  test("the operator hears about their own status at once; the full list is coalesced", () => {
    const { fanout, sub, scheduler } = setup();
    const ann = sub(Topics.operator("ann"));
    const lister = sub(Topics.presence);
    fanout.listener({ kind: "operator.changed", operator: op("ann", "break") });
    fanout.listener({ kind: "operator.changed", operator: op("bob") });
    expect(ann.frames).toEqual([{ type: "presence", full: false, operators: [{ id: "ann", name: "ANN", status: "break", presence: "online", activeConversations: 1, capacity: 3 }] }]);
    expect(lister.frames).toEqual([]);
    scheduler.runAll();
    expect(lister.frames.length).toBe(1);
    expect(lister.frames[0].full).toBe(true);
    expect(lister.frames[0].operators.map((o: { id: string }) => o.id)).toEqual(["ann", "bob"]);
  });
});
