import { describe, expect, test } from "bun:test";
import { codeOf, eventTypes, harness, makeConfig, operator, staff } from "../conversation/engine.testkit";
import type { StartOutcome } from "../conversation/start.service";

const SEC = 1000;
const idOf = (out: StartOutcome) => (out.outcome === "refused" ? "" : out.conversation.id);

describe("statuses", () => {
  const config = makeConfig({
    operators: [operator("ann"), operator("max", { role: "manager" })],
    statuses: [
      { id: "training", label: "Training" },
      { id: "busy", label: "No new conversation", acceptsNewConversations: false },
      { id: "searching", label: "Searching for information", stillBusyNoticeAfterSeconds: 90 },
      { id: "extra", label: "Open for more", acceptsNewConversations: true },
    ],
  });

  test.each([
    ["connected", true, "assigned"],
    ["break", false, "queued"],
    ["offline", false, "refused"],
    ["training", false, "queued"],
    ["busy", false, "queued"],
    ["searching", false, "queued"],
    ["extra", true, "assigned"],
  ] as const)("status %s accepts new conversations: %p (a new chat is %s)", (status, accepts, outcome) => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    h.engine.setOperatorStatus("ann", status);
    expect(h.engine.operator("ann")?.acceptingNew).toBe(accepts);
    expect(h.engine.startConversation({ visitor: { id: "v" } }).outcome).toBe(outcome);
  });

  test("an unknown status is refused with the known ones; only the operator or a manager may set it", () => {
    const h = harness(config);
    expect(codeOf(() => h.engine.setOperatorStatus("ann", "lunch"))).toBe("request.invalid");
    expect(codeOf(() => h.engine.setOperatorStatus("ghost", "break"))).toBe("operator.not_found");
    expect(codeOf(() => h.engine.setOperatorStatus("ann", "break", staff("bob")))).toBe("auth.forbidden");
    expect(codeOf(() => h.engine.setOperatorStatus("ann", "break", staff("max", "manager")))).toBe("no error");
  });

  test("searching for information: the visitors are told, then told again when it lasts", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    const id = idOf(h.engine.startConversation({ visitor: { id: "v" } }));
    h.engine.setOperatorStatus("ann", "searching");
    const notices = () => (h.stores.events.logs.get(id) ?? []).filter((e) => e.type === "notice").map((e) => e.body);
    expect(notices()).toEqual(["The operator is searching for information."]);
    h.advance(89 * SEC);
    expect(notices()).toHaveLength(1);
    h.advance(1 * SEC);
    expect(notices()).toEqual(["The operator is searching for information.", "The operator is still searching for information, thank you for your patience."]);
    h.advance(600 * SEC);
    expect(notices()).toHaveLength(2);
  });
});

describe("presence", () => {
  const config = makeConfig({ operators: [operator("ann"), operator("bob")], timeouts: { presenceGraceSeconds: 30 } });

  test("a dropped socket keeps the operator's conversations through the grace period but gets them no new ones", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    const held = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
    h.engine.operatorDisconnected("ann");
    expect(h.engine.operator("ann")).toMatchObject({ presence: "grace", status: "connected" });
    expect(h.engine.startConversation({ visitor: { id: "v2" } }).outcome).toBe("queued");
    h.advance(29 * SEC);
    h.engine.operatorConnected("ann");
    expect(h.engine.operator("ann")).toMatchObject({ presence: "online", status: "connected", activeConversations: 2 });
    expect(h.engine.conversation(held)?.operatorId).toBe("ann");
    h.advance(60 * SEC);
    expect(h.engine.operator("ann")?.presence).toBe("online");
  });

  test("after the grace period the operator is offline; reconnecting comes back as connected", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    h.engine.setOperatorStatus("ann", "break");
    h.engine.operatorDisconnected("ann");
    h.advance(30 * SEC);
    expect(h.engine.operator("ann")).toMatchObject({ presence: "offline", status: "offline" });
    h.engine.operatorConnected("ann");
    expect(h.engine.operator("ann")).toMatchObject({ presence: "online", status: "connected" });
  });

  test("with several sockets, only the last one closing starts the grace period", () => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("ann");
    h.engine.operatorDisconnected("ann");
    expect(h.engine.operator("ann")?.presence).toBe("online");
    h.engine.operatorDisconnected("ann");
    expect(h.engine.operator("ann")?.presence).toBe("grace");
  });

  test("a grace period of 0 means offline at once", () => {
    const h = harness(makeConfig({ operators: [operator("ann")], timeouts: { presenceGraceSeconds: 0 } }));
    h.engine.operatorConnected("ann");
    h.engine.operatorDisconnected("ann");
    expect(h.engine.operator("ann")?.presence).toBe("offline");
  });
});

describe("manual assignment", () => {
  const config = makeConfig({
    operators: [operator("ann", { departments: ["sales"] }), operator("bob", { departments: ["support"] }), operator("max", { role: "manager" })],
    departments: [
      { id: "sales", name: "Sales" },
      { id: "support", name: "Support" },
    ],
    routing: { mode: "department" },
    capacity: { conversationsPerOperator: 1 },
  });

  function busyAnn() {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    h.engine.setOperatorStatus("bob", "break");
    const first = idOf(h.engine.startConversation({ visitor: { id: "v1" }, department: "sales" }));
    const waiting = idOf(h.engine.startConversation({ visitor: { id: "v2" }, department: "sales" }));
    return { h, first, waiting };
  }

  test.each([
    ["an operator takes it for themselves while at capacity", () => staff("ann"), "ann", {}, "operator.at_capacity"],
    ["an operator may not assign someone else", () => staff("ann"), "bob", {}, "auth.forbidden"],
    ["an operator may not override capacity", () => staff("ann"), "ann", { overrideCapacity: true }, "auth.forbidden"],
    ["a manager may not assign someone in a refusing status", () => staff("max", "manager"), "bob", {}, "operator.unavailable"],
    ["a manager assigns at capacity without override", () => staff("max", "manager"), "ann", {}, "operator.at_capacity"],
    ["an unknown operator", () => staff("max", "manager"), "zoe", {}, "operator.not_found"],
  ] as const)("refused: %s", (_name, by, target, options, code) => {
    const { h, waiting } = busyAnn();
    expect(codeOf(() => h.engine.assign(waiting, target, by(), options))).toBe(code);
    expect(h.engine.conversation(waiting)?.state).toBe("waiting");
  });

  test("a manager's capacity override is allowed and recorded in the event", () => {
    const { h, waiting } = busyAnn();
    h.engine.assign(waiting, "ann", staff("max", "manager"), { overrideCapacity: true });
    expect(h.engine.operator("ann")?.activeConversations).toBe(2);
    const assigned = h.stores.events.logs.get(waiting)!.at(-1)!;
    expect(assigned).toMatchObject({ type: "conversation.assigned", actor: { kind: "operator", id: "max" }, payload: { operatorId: "ann", mode: "manual", capacityOverride: true } });
    expect(h.engine.conversationDetails(waiting)?.capacityOverride).toBe(true);
  });

  test("assign to me passes the department check; a manager may assign across departments", () => {
    const { h, first, waiting } = busyAnn();
    h.engine.setOperatorStatus("bob", "connected");
    // bob serves support only, so the drain did not give him the sales conversation…
    expect(h.engine.conversation(waiting)?.state).toBe("waiting");
    expect(codeOf(() => h.engine.assignToMe(waiting, staff("bob")))).toBe("operator.unavailable");
    // …but a manager may decide otherwise.
    h.engine.assign(waiting, "bob", staff("max", "manager"));
    expect(h.engine.conversation(waiting)).toMatchObject({ state: "active", operatorId: "bob" });
    h.engine.endConversation(first, staff("ann"));
    const third = idOf(h.engine.startConversation({ visitor: { id: "v3" }, department: "support" }));
    h.engine.setOperatorStatus("ann", "break");
    expect(codeOf(() => h.engine.assignToMe(third, staff("ann")))).toBe("operator.unavailable");
    expect(codeOf(() => h.engine.assignToMe(first, staff("ann")))).toBe("conversation.ended");
    expect(codeOf(() => h.engine.assignToMe(waiting, staff("ann")))).toBe("conversation.invalid_state");
  });

  test("assign to me when the strategy keeps conversations queued: recorded as mode self", () => {
    const h = harness(makeConfig({ operators: [operator("ann")] }), { picker: () => () => ({ queue: true, reason: "manual pick-up only" }) });
    h.engine.operatorConnected("ann");
    const id = idOf(h.engine.startConversation({ visitor: { id: "v" } }));
    expect(h.engine.conversation(id)?.state).toBe("waiting");
    h.engine.assignToMe(id, staff("ann"));
    expect(eventTypes(h, id)).toEqual(["conversation.created", "conversation.queued", "conversation.assigned"]);
    expect(h.stores.events.logs.get(id)!.at(-1)).toMatchObject({ payload: { mode: "self", operatorId: "ann", capacityOverride: false } });
  });
});

describe("config reload", () => {
  test("capacity growth drains the queue; a removed operator's conversations go back to the queue", () => {
    const raw = { operators: [operator("ann"), operator("bob")], capacity: { conversationsPerOperator: 1 } };
    const h = harness(makeConfig(raw));
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    const ids = ["a", "b", "c", "d"].map((v) => idOf(h.engine.startConversation({ visitor: { id: v } })));
    expect(ids.map((id) => h.engine.conversation(id)?.state)).toEqual(["active", "active", "waiting", "waiting"]);
    h.engine.applyConfig(makeConfig({ ...raw, capacity: { conversationsPerOperator: 2 } }));
    expect(ids.map((id) => h.engine.conversation(id)?.state)).toEqual(["active", "active", "active", "active"]);
    const bobs = h.engine.conversationsOf("bob").map((c) => c.id);
    h.engine.applyConfig(makeConfig({ operators: [operator("ann")], capacity: { conversationsPerOperator: 2 } }));
    expect(h.engine.operator("bob")).toBeNull();
    for (const id of bobs) expect(h.engine.conversation(id)).toMatchObject({ state: "waiting", operatorId: null });
    expect(h.stores.events.logs.get(bobs[0]!)!.map((e) => e.type)).toContain("conversation.requeued");
  });

  test("new statuses and timeouts apply to what is already there", () => {
    const h = harness(makeConfig({ operators: [operator("ann")], timeouts: { visitorInactivityMinutes: 30 } }));
    h.engine.operatorConnected("ann");
    const id = idOf(h.engine.startConversation({ visitor: { id: "v" } }));
    const before = h.scheduler.of(id)["visitor-inactivity-end"]!;
    h.engine.applyConfig(makeConfig({ operators: [operator("ann")], timeouts: { visitorInactivityMinutes: 10 }, statuses: [{ id: "phone", label: "Phone" }] }));
    expect(h.scheduler.of(id)["visitor-inactivity-end"]).toBe(before - 20 * 60_000);
    h.engine.setOperatorStatus("ann", "phone");
    expect(h.engine.operator("ann")?.status).toBe("phone");
  });
});
