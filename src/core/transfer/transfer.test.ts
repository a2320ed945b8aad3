import { describe, expect, test } from "bun:test";
import { codeOf, eventTypes, harness, makeConfig, operator, staff, visitor } from "../conversation/engine.testkit";
import type { StartOutcome } from "../conversation/start.service";

const idOf = (out: StartOutcome) => (out.outcome === "refused" ? "" : out.conversation.id);
const SEC = 1000;

const config = makeConfig({
  operators: [
    operator("ann", { departments: ["sales"] }),
    operator("bob", { departments: ["sales"] }),
    operator("cy", { departments: ["support"] }),
    operator("dee", { departments: ["support"] }),
    operator("max", { role: "manager" }),
  ],
  departments: [
    { id: "sales", name: "Sales" },
    { id: "support", name: "Support" },
  ],
  routing: { mode: "department" },
  capacity: { conversationsPerOperator: 2 },
  timeouts: { transferRequestSeconds: 60 },
});

/** ann holds one sales conversation; bob, cy are online and free; dee is offline. */
function setup() {
  const h = harness(config);
  h.engine.operatorConnected("ann");
  const id = idOf(h.engine.startConversation({ visitor: { id: "v1" }, department: "sales" }));
  h.engine.operatorConnected("bob");
  h.engine.operatorConnected("cy");
  return { h, id };
}

describe("direct transfer", () => {
  test("to an operator: the receiver sees it was transferred, by whom, with the message; the visitor does not see the message", () => {
    const { h, id } = setup();
    h.engine.transfer(id, { operatorId: "cy" }, staff("ann"), { message: "  Needs a refund  " });
    expect(h.engine.conversation(id)).toMatchObject({ state: "active", operatorId: "cy", previousOperatorIds: ["ann"] });
    const log = h.stores.events.logs.get(id)!;
    const transferred = log.find((e) => e.type === "conversation.transferred")!;
    expect(transferred).toMatchObject({ visibility: "staff", actor: { kind: "operator", id: "ann" }, payload: { fromOperatorId: "ann", toOperatorId: "cy", message: "Needs a refund", automatic: false } });
    expect(log.at(-1)).toMatchObject({ type: "conversation.assigned", payload: { operatorId: "cy", mode: "transfer", by: { kind: "operator", id: "ann" } } });
    expect(h.engine.history(id, visitor("v1")).map((e) => e.type)).not.toContain("conversation.transferred");
    expect(h.engine.operator("ann")?.activeConversations).toBe(0);
  });

  test.each([
    ["to the operator who has it", "ann", () => staff("ann"), "transfer.invalid"],
    ["to an offline operator", "dee", () => staff("ann"), "operator.unavailable"],
    ["to an unknown operator", "zed", () => staff("ann"), "operator.not_found"],
    ["by an operator who does not handle it", "cy", () => staff("bob"), "auth.forbidden"],
    ["by the visitor", "cy", () => visitor("v1"), "auth.forbidden"],
  ] as const)("refused %s", (_name, target, by, code) => {
    const { h, id } = setup();
    expect(codeOf(() => h.engine.transfer(id, { operatorId: target }, by()))).toBe(code);
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
  });

  test("refused to an operator on break or at capacity, unless a manager overrides capacity", () => {
    const { h, id } = setup();
    h.engine.setOperatorStatus("bob", "break");
    expect(codeOf(() => h.engine.transfer(id, { operatorId: "bob" }, staff("ann")))).toBe("operator.unavailable");
    h.engine.startConversation({ visitor: { id: "s1" }, department: "support" });
    h.engine.startConversation({ visitor: { id: "s2" }, department: "support" });
    expect(h.engine.operator("cy")?.activeConversations).toBe(2);
    expect(codeOf(() => h.engine.transfer(id, { operatorId: "cy" }, staff("ann")))).toBe("operator.at_capacity");
    expect(codeOf(() => h.engine.transfer(id, { operatorId: "cy" }, staff("ann"), { overrideCapacity: true }))).toBe("auth.forbidden");
    h.engine.transfer(id, { operatorId: "cy" }, staff("max", "manager"), { overrideCapacity: true });
    expect(h.engine.operator("cy")?.activeConversations).toBe(3);
    expect(h.stores.events.logs.get(id)!.at(-1)).toMatchObject({ type: "conversation.assigned", payload: { capacityOverride: true } });
  });

  test("only active conversations move", () => {
    const { h, id } = setup();
    h.engine.setOperatorStatus("bob", "break");
    h.engine.setOperatorStatus("ann", "break");
    const waiting = idOf(h.engine.startConversation({ visitor: { id: "v2" }, department: "sales" }));
    expect(codeOf(() => h.engine.transfer(waiting, { operatorId: "cy" }, staff("max", "manager")))).toBe("conversation.invalid_state");
    h.engine.endConversation(id, staff("ann"));
    expect(codeOf(() => h.engine.transfer(id, { operatorId: "cy" }, staff("max", "manager")))).toBe("conversation.ended");
    expect(codeOf(() => h.engine.transfer("nope", { operatorId: "cy" }, staff("max", "manager")))).toBe("conversation.not_found");
  });

  test("to a department: routed among its operators, or queued there; refused when nobody else there is connected", () => {
    const { h, id } = setup();
    h.engine.transfer(id, { department: "support" }, staff("ann"), { message: "billing question" });
    expect(h.engine.conversation(id)).toMatchObject({ department: "support", operatorId: "cy" });
    expect(h.stores.events.logs.get(id)!.find((e) => e.type === "conversation.transferred")).toMatchObject({ payload: { toDepartment: "support", toOperatorId: null } });

    h.engine.setOperatorStatus("ann", "break");
    h.engine.setOperatorStatus("bob", "break");
    h.engine.transfer(id, { department: "sales" }, staff("cy"));
    expect(h.engine.conversation(id)).toMatchObject({ state: "waiting", department: "sales", operatorId: null });
    expect(h.engine.queuePosition(id)).toBe(1);
    h.engine.setOperatorStatus("bob", "connected");
    expect(h.engine.conversation(id)).toMatchObject({ state: "active", operatorId: "bob" });

    expect(codeOf(() => h.engine.transfer(id, { department: "nowhere" }, staff("bob")))).toBe("department.not_found");
    h.engine.operatorDisconnected("ann");
    h.advance(60 * SEC);
    expect(codeOf(() => h.engine.transfer(id, { department: "sales" }, staff("bob")))).toBe("operator.unavailable");
  });

  test("the freed operator immediately takes the next waiting conversation", () => {
    const h = harness(
      makeConfig({
        operators: [operator("ann"), operator("bob", { departments: ["support"] })],
        departments: [
          { id: "sales", name: "Sales" },
          { id: "support", name: "Support" },
        ],
        routing: { mode: "department" },
        capacity: { conversationsPerOperator: 1 },
      }),
    );
    h.engine.operatorConnected("ann");
    h.engine.operatorConnected("bob");
    const first = idOf(h.engine.startConversation({ visitor: { id: "v1" }, department: "sales" }));
    const waiting = idOf(h.engine.startConversation({ visitor: { id: "v2" }, department: "sales" }));
    expect(h.engine.conversation(waiting)?.state).toBe("waiting");
    h.engine.transfer(first, { operatorId: "bob" }, staff("ann"));
    expect(h.engine.conversation(first)?.operatorId).toBe("bob");
    expect(h.engine.conversation(waiting)).toMatchObject({ state: "active", operatorId: "ann" });
  });
});

describe("transfer requests (/t Name, /a)", () => {
  test("pending until accepted; /a accepts the oldest request addressed to the operator", () => {
    const { h, id } = setup();
    const second = idOf(h.engine.startConversation({ visitor: { id: "v2" }, department: "sales" }));
    expect(h.engine.conversation(second)?.operatorId).toBe("bob");
    const r1 = h.engine.requestTransfer(id, "cy", staff("ann"), "please take it");
    h.clock.advance(SEC);
    const r2 = h.engine.requestTransfer(second, "cy", staff("bob"));
    expect(h.engine.pendingTransfers("cy").map((r) => r.id)).toEqual([r1.id, r2.id]);
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
    h.engine.acceptTransfer("cy");
    expect(h.engine.conversation(id)?.operatorId).toBe("cy");
    expect(h.engine.conversation(second)?.operatorId).toBe("bob");
    expect(h.stores.transfers.rows.get(r1.id)?.state).toBe("accepted");
    expect(h.stores.events.logs.get(id)!.find((e) => e.type === "conversation.transferred")).toMatchObject({ payload: { transferId: r1.id, message: "please take it" } });
    h.engine.acceptTransfer("cy", r2.id);
    expect(h.engine.conversation(second)?.operatorId).toBe("cy");
    expect(codeOf(() => h.engine.acceptTransfer("cy"))).toBe("transfer.not_found");
  });

  test.each([
    ["to someone offline", (h: ReturnType<typeof harness>, id: string) => h.engine.requestTransfer(id, "dee", staff("ann")), "operator.unavailable"],
    ["to the current operator", (h: ReturnType<typeof harness>, id: string) => h.engine.requestTransfer(id, "ann", staff("ann")), "transfer.invalid"],
    ["by the visitor", (h: ReturnType<typeof harness>, id: string) => h.engine.requestTransfer(id, "cy", visitor("v1")), "auth.forbidden"],
    [
      "a second one while one is pending",
      (h: ReturnType<typeof harness>, id: string) => {
        h.engine.requestTransfer(id, "cy", staff("ann"));
        h.engine.requestTransfer(id, "bob", staff("ann"));
      },
      "transfer.invalid",
    ],
    [
      "accepted by someone else",
      (h: ReturnType<typeof harness>, id: string) => h.engine.acceptTransfer("bob", h.engine.requestTransfer(id, "cy", staff("ann")).id),
      "auth.forbidden",
    ],
  ] as const)("refused: %s", (_name, act, code) => {
    const { h, id } = setup();
    expect(codeOf(() => act(h, id))).toBe(code);
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
  });

  test("accepting runs the capacity check; declining leaves the conversation in place", () => {
    const { h, id } = setup();
    h.engine.requestTransfer(id, "cy", staff("ann"));
    h.engine.startConversation({ visitor: { id: "s1" }, department: "support" });
    h.engine.startConversation({ visitor: { id: "s2" }, department: "support" });
    expect(codeOf(() => h.engine.acceptTransfer("cy"))).toBe("operator.at_capacity");
    const declined = h.engine.declineTransfer("cy");
    expect(declined.state).toBe("declined");
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
    expect(eventTypes(h, id).slice(-2)).toEqual(["transfer.requested", "transfer.declined"]);
  });

  test("a request expires after timeouts.transferRequestSeconds; ending the conversation cancels it", () => {
    const { h, id } = setup();
    const r = h.engine.requestTransfer(id, "cy", staff("ann"));
    h.advance(59 * SEC);
    expect(h.engine.pendingTransfers("cy")).toHaveLength(1);
    h.advance(SEC);
    expect(h.engine.pendingTransfers("cy")).toHaveLength(0);
    expect(h.stores.transfers.rows.get(r.id)?.state).toBe("expired");
    expect(eventTypes(h, id).at(-1)).toBe("transfer.expired");

    const r2 = h.engine.requestTransfer(id, "bob", staff("ann"));
    h.engine.endConversation(id, visitor("v1"));
    expect(h.stores.transfers.rows.get(r2.id)?.state).toBe("cancelled");
    expect(h.scheduler.deadlines.has(`transfer:${r2.id}`)).toBe(false);
    expect(codeOf(() => h.engine.acceptTransfer("bob", r2.id))).toBe("transfer.not_found");
  });
});
