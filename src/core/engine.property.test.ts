/**
 * Property-based tests of the engine's core promises, over random sequences of arrivals, status
 * changes, operators lowering and raising their own capacity, connections and disconnections (with
 * grace expiries), transfers, transfer requests, manager overrides, messages and ends. After every step:
 *   - no operator holds more than their capacity, except conversations a manager overrode (recorded)
 *     and those they held before lowering their own limit (no conversation is ever assigned above it);
 *   - every queue is in order (priority, SLA, arrival) and positions are 1..n;
 *   - no conversation waits while an eligible operator has room (it is assigned as soon as one frees);
 *   - who-holds-what, the queues and the store agree, and every log's seqs are 1..lastSeq.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { AppError } from "./errors";
import type { Engine } from "./engine";
import { harness, makeConfig, operator, staff, visitor, type Harness } from "./conversation/engine.testkit";
import { compareEntries, entryOf, queueKeyOf } from "./queue/queue.model";
import type { Conversation } from "./conversation/conversation.model";

const OPERATORS = [
  operator("ann", { departments: ["sales"], maxConversations: 2 }),
  operator("bob", { departments: ["sales", "support"], maxConversations: 1 }),
  operator("cy", { departments: ["support"], maxConversations: 3 }),
  operator("dan"),
  operator("max", { role: "manager", departments: ["support"], maxConversations: 1 }),
];
const IDS = OPERATORS.map((o) => o.id as string);
const DEPARTMENTS = [null, "sales", "support"] as const;
const STATUSES = ["connected", "break", "searching", "extra"];

const config = makeConfig({
  operators: OPERATORS,
  departments: [
    { id: "sales", name: "Sales" },
    { id: "support", name: "Support" },
  ],
  routing: { mode: "department" },
  capacity: { queueSlotsPerOperator: 3 },
  statuses: [
    { id: "searching", label: "Searching", stillBusyNoticeAfterSeconds: 30 },
    { id: "extra", label: "Taking more", acceptsNewConversations: true },
  ],
  queue: { slaSeconds: { urgent: 30, high: 120 } },
  timeouts: { presenceGraceSeconds: 20, transferOnOperatorDisconnect: true, autoTransferSeconds: 45, visitorInactivityMinutes: 3, transferRequestSeconds: 40 },
});

type Step =
  | { kind: "start"; visitor: number; department: number; priority: number }
  | { kind: "connect" | "disconnect"; op: number }
  | { kind: "status"; op: number; status: number }
  | { kind: "limit"; op: number; max: number }
  | { kind: "end" | "visitorWrites" | "operatorWrites"; pick: number }
  | { kind: "transfer"; pick: number; op: number; department: number; toDepartment: boolean }
  | { kind: "override"; pick: number; op: number }
  | { kind: "request"; pick: number; op: number }
  | { kind: "accept" | "decline"; op: number }
  | { kind: "advance"; seconds: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("start" as const), visitor: fc.nat(30), department: fc.nat(2), priority: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom("connect" as const, "disconnect" as const), op: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("status" as const), op: fc.nat(4), status: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("limit" as const), op: fc.nat(4), max: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom("end" as const, "visitorWrites" as const, "operatorWrites" as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("transfer" as const), pick: fc.nat(50), op: fc.nat(4), department: fc.nat(2), toDepartment: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("override" as const), pick: fc.nat(50), op: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("request" as const), pick: fc.nat(50), op: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("accept" as const, "decline" as const), op: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("advance" as const), seconds: fc.integer({ min: 1, max: 90 }) }) },
);

const manager = staff("max", "manager");
const pickOf = <T>(items: readonly T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

function apply(h: Harness, s: Step, n: number): void {
  const e: Engine = h.engine;
  const open = e.snapshot().conversations;
  const active = open.filter((c) => c.state === "active");
  switch (s.kind) {
    case "start":
      e.startConversation({ visitor: { id: `v${s.visitor}` }, department: DEPARTMENTS[s.department], priority: (["low", "normal", "high", "urgent"] as const)[s.priority] });
      return;
    case "connect":
      e.operatorConnected(IDS[s.op]!);
      return;
    case "disconnect":
      e.operatorDisconnected(IDS[s.op]!);
      return;
    case "status":
      e.setOperatorStatus(IDS[s.op]!, STATUSES[s.status]!);
      return;
    case "limit":
      e.setOperatorCapacity(IDS[s.op]!, s.max, staff(IDS[s.op]!));
      return;
    case "end": {
      const c = pickOf(open, s.pick);
      if (c) e.endConversation(c.id, visitor(c.visitor.id));
      return;
    }
    case "visitorWrites": {
      const c = pickOf(open, s.pick);
      if (c) e.postMessage(c.id, visitor(c.visitor.id), { text: "hello", clientId: `m${n}` });
      return;
    }
    case "operatorWrites": {
      const c = pickOf(active, s.pick);
      if (c) e.postMessage(c.id, staff(c.operatorId!), { text: "answer", clientId: `m${n}` });
      return;
    }
    case "transfer": {
      const c = pickOf(active, s.pick);
      if (!c) return;
      const department = DEPARTMENTS[s.department];
      if (s.toDepartment && department) e.transfer(c.id, { department }, staff(c.operatorId!));
      else e.transfer(c.id, { operatorId: IDS[s.op]! }, staff(c.operatorId!), { message: "over to you" });
      return;
    }
    case "override": {
      const c = pickOf(open.filter((x) => x.state === "waiting"), s.pick);
      if (c) e.assign(c.id, IDS[s.op]!, manager, { overrideCapacity: true });
      return;
    }
    case "request": {
      const c = pickOf(active, s.pick);
      if (c) e.requestTransfer(c.id, IDS[s.op]!, staff(c.operatorId!));
      return;
    }
    case "accept":
      e.acceptTransfer(IDS[s.op]!);
      return;
    case "decline":
      e.declineTransfer(IDS[s.op]!);
      return;
    case "advance":
      h.advance(s.seconds * 1000);
      return;
  }
}

/** An independent oracle of eligibility, from the public views and the config. */
function servable(c: Conversation, opId: string): boolean {
  const profile = OPERATORS.find((o) => o.id === opId)!;
  const departments = (profile.departments as string[] | undefined) ?? [];
  return c.department === null || departments.length === 0 || departments.includes(c.department);
}

/**
 * What each operator held after the previous step. An operator may hold more than their limit
 * only with conversations they already had when they lowered it: any step that gives them a new
 * conversation (not a manager's override) must leave them within it.
 */
type Holdings = Map<string, ReadonlySet<string>>;

function checkInvariants(h: Harness, before: Holdings): void {
  const snap = h.engine.snapshot();
  const byId = new Map(snap.conversations.map((c) => [c.id, c]));
  for (const op of snap.operators) {
    const overrides = op.held.filter((id) => byId.get(id)?.capacityOverride).length;
    const previous = before.get(op.id) ?? new Set<string>();
    const gotNew = op.held.some((id) => !previous.has(id) && !byId.get(id)?.capacityOverride);
    if (gotNew) expect(op.held.length - overrides).toBeLessThanOrEqual(op.capacity);
    expect(op.capacity).toBeLessThanOrEqual(op.maxCapacity ?? Number.POSITIVE_INFINITY);
    before.set(op.id, new Set(op.held));
    for (const id of op.held) expect(byId.get(id)).toMatchObject({ state: "active", operatorId: op.id });
  }
  const held = snap.operators.flatMap((op) => op.held);
  expect(new Set(held).size).toBe(held.length);
  expect(held.length).toBe(snap.conversations.filter((c) => c.state === "active").length);

  const waiting = snap.conversations.filter((c) => c.state === "waiting");
  expect(Object.values(snap.queues).flat().sort()).toEqual(waiting.map((c) => c.id).sort());
  for (const [key, ids] of Object.entries(snap.queues)) {
    const entries = ids.map((id) => entryOf(byId.get(id)!));
    expect(entries.every((entry) => entry.queueKey === key)).toBe(true);
    expect([...entries].sort(compareEntries).map((x) => x.conversationId)).toEqual([...ids]);
    ids.forEach((id, i) => expect(h.engine.queuePosition(id)).toBe(i + 1));
  }

  for (const c of waiting) {
    for (const op of snap.operators) {
      const room = op.presence === "online" && op.acceptingNew && op.activeConversations < op.capacity;
      if (room && servable(c, op.id)) throw new Error(`${c.id} (${queueKeyOf(c)}) waits while ${op.id} has room`);
    }
  }

  for (const c of snap.conversations) {
    expect(h.stores.conversations.rows.get(c.id)).toEqual(c);
    expect(h.stores.events.logs.get(c.id)!.map((e) => e.seq)).toEqual(Array.from({ length: c.lastSeq }, (_, i) => i + 1));
  }
}

/** Plays the steps; expected refusals (AppError) are part of the game, anything else fails. */
function play(h: Harness, steps: readonly Step[], after: () => void = () => {}): void {
  steps.forEach((s, n) => {
    try {
      apply(h, s, n);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    after();
  });
}

describe("engine properties", () => {
  test("capacity, queue order, prompt assignment and store agreement hold after every step", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 120, size: "max" }), (steps) => {
        const h = harness(config);
        const holdings: Holdings = new Map();
        play(h, steps, () => checkInvariants(h, holdings));
      }),
      { numRuns: 150 },
    );
  });

  test("a restart at any point restores the same state", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 80, size: "max" }), (steps) => {
        const h = harness(config);
        play(h, steps);
        const before = h.engine.snapshot();
        const after = h.restart().engine.snapshot();
        expect(after.conversations).toEqual(before.conversations);
        expect(after.queues).toEqual(before.queues);
        expect(after.transfers).toEqual(before.transfers);
        expect(after.operators.map((o) => [o.id, o.held, o.status, o.capacity])).toEqual(before.operators.map((o) => [o.id, o.held, o.status, o.capacity]));
      }),
      { numRuns: 60 },
    );
  });
});
