import { describe, expect, test } from "bun:test";
import { codeOf, eventTypes, FakeScheduler, harness, makeConfig, operator, staff, visitor } from "./engine.testkit";
import type { StartOutcome } from "./start.service";

const SEC = 1000;
const MIN = 60 * SEC;
const idOf = (out: StartOutcome) => (out.outcome === "refused" ? "" : out.conversation.id);
const off = {
  visitorInactivityMinutes: 0,
  operatorReminderBeforeTimeoutSeconds: 0,
  visitorReminderMinutes: 0,
  reengagementMinutes: 0,
  autoTransferSeconds: 0,
  operatorDisconnectNoticeSeconds: 0,
  waitingQuestionnaireMinutes: 0,
};

function chat(timeouts: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const h = harness(makeConfig({ operators: [operator("ann"), operator("bob")], timeouts: { ...off, ...timeouts }, ...extra }));
  h.engine.operatorConnected("ann");
  const id = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
  const notices = () => (h.stores.events.logs.get(id) ?? []).filter((e) => e.type === "notice").map((e) => (e.payload as { kind: string }).kind);
  return { h, id, notices };
}

describe("timeouts (0 disables each)", () => {
  test("with everything at 0 nothing is ever scheduled or fired", () => {
    const { h, id } = chat({});
    expect(h.scheduler.of(id)).toEqual({});
    h.advance(24 * 60 * MIN);
    expect(h.engine.conversation(id)?.state).toBe("active");
  });

  test("visitor inactivity ends the conversation once the operator has answered, and the operator is warned before", () => {
    const { h, id } = chat({ visitorInactivityMinutes: 10, operatorReminderBeforeTimeoutSeconds: 60 });
    h.advance(5 * MIN);
    h.engine.postMessage(id, visitor("v1"), { text: "hi", clientId: "1" });
    h.advance(30 * MIN);
    expect(h.engine.conversation(id)?.state).toBe("active");
    expect(eventTypes(h, id)).not.toContain("operator.reminder");
    h.engine.postMessage(id, staff("ann"), { text: "Hello, how can I help?", clientId: "2" });
    h.advance(9 * MIN - 1);
    expect(eventTypes(h, id)).not.toContain("operator.reminder");
    h.advance(1);
    const reminder = h.stores.events.logs.get(id)!.at(-1)!;
    expect(reminder).toMatchObject({ type: "operator.reminder", visibility: "staff", payload: { endsAt: h.clock.now() + MIN, outcome: "end" } });
    h.advance(MIN - 1);
    expect(h.engine.conversation(id)?.state).toBe("active");
    h.advance(1);
    expect(h.engine.conversationDetails(id)).toMatchObject({ state: "ended", endReason: "inactivity" });
    expect(h.engine.operator("ann")?.activeConversations).toBe(0);
    expect(h.scheduler.of(id)).toEqual({});
  });

  test("an operator nudge after the warning gives the visitor a full timeout again", () => {
    const { h, id } = chat({ visitorInactivityMinutes: 10, operatorReminderBeforeTimeoutSeconds: 60 });
    h.engine.postMessage(id, staff("ann"), { text: "Hello, how can I help?", clientId: "1" });
    h.advance(9 * MIN);
    expect(eventTypes(h, id)).toContain("operator.reminder");
    h.engine.postMessage(id, staff("ann"), { text: "Are you there?", clientId: "2" });
    h.advance(10 * MIN - 1);
    expect(h.engine.conversation(id)?.state).toBe("active");
    h.advance(1);
    expect(h.engine.conversationDetails(id)).toMatchObject({ state: "ended", endReason: "inactivity" });
  });

  test("the reminder message is sent once per visitor silence, and never while the visitor awaits an answer", () => {
    const { h, id, notices } = chat({ visitorReminderMinutes: 5, visitorInactivityMinutes: 30 });
    h.advance(5 * MIN);
    expect(notices()).toEqual([]);
    h.engine.postMessage(id, staff("ann"), { text: "Hello, how can I help?", clientId: "1" });
    h.advance(5 * MIN);
    expect(notices()).toEqual(["visitor_reminder"]);
    h.advance(10 * MIN);
    expect(notices()).toEqual(["visitor_reminder"]);
    h.engine.postMessage(id, visitor("v1"), { text: "back, one question", clientId: "2" });
    h.advance(60 * MIN);
    expect(notices()).toEqual(["visitor_reminder"]);
    expect(h.engine.conversation(id)?.state).toBe("active");
    h.engine.postMessage(id, staff("ann"), { text: "Sorry for the wait: yes", clientId: "3" });
    h.advance(5 * MIN);
    expect(notices()).toEqual(["visitor_reminder", "visitor_reminder"]);
    expect(h.stores.events.logs.get(id)!.at(-1)?.body).toBe("Are you still there? The conversation will close soon without news from you.");
  });

  test("re-engagement depends on the operator's status", () => {
    const { h, id, notices } = chat({ reengagementMinutes: 3 });
    h.engine.postMessage(id, staff("ann"), { text: "Anything else?", clientId: "1" });
    h.advance(3 * MIN);
    expect(notices()).toEqual(["reengagement"]);
    h.engine.postMessage(id, staff("ann"), { text: "Still here", clientId: "2" });
    h.engine.setOperatorStatus("ann", "break");
    h.advance(10 * MIN);
    expect(notices()).toEqual(["reengagement"]);
  });

  test("automatic transfer when the operator leaves the visitor unanswered, with the optional notice", () => {
    const { h, id, notices } = chat({ autoTransferSeconds: 60 });
    h.engine.operatorConnected("bob");
    h.engine.postMessage(id, visitor("v1"), { text: "hello?", clientId: "1" });
    h.advance(59 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
    h.advance(SEC);
    expect(h.engine.conversation(id)).toMatchObject({ operatorId: "bob", previousOperatorIds: ["ann"] });
    expect(h.stores.events.logs.get(id)!.find((e) => e.type === "conversation.transferred")).toMatchObject({ payload: { automatic: true, fromOperatorId: "ann", toOperatorId: "bob" } });
    expect(notices()).toEqual(["auto_transfer"]);
  });

  test("automatic transfer without anyone else waits and retries after another delay; no notice when disabled", () => {
    const { h, id, notices } = chat({ autoTransferSeconds: 60, autoTransferNotifyVisitor: false });
    h.engine.postMessage(id, visitor("v1"), { text: "hello?", clientId: "1" });
    h.advance(60 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
    h.engine.operatorConnected("bob");
    h.advance(60 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("bob");
    expect(notices()).toEqual([]);
  });

  test("the operator is warned before the automatic transfer, and the warning says so", () => {
    const { h, id } = chat({ autoTransferSeconds: 120, operatorReminderBeforeTimeoutSeconds: 60, visitorInactivityMinutes: 10 });
    h.engine.operatorConnected("bob");
    h.engine.postMessage(id, visitor("v1"), { text: "hello?", clientId: "1" });
    h.advance(60 * SEC - 1);
    expect(eventTypes(h, id)).not.toContain("operator.reminder");
    h.advance(1);
    expect(h.stores.events.logs.get(id)!.at(-1)).toMatchObject({ type: "operator.reminder", visibility: "staff", payload: { endsAt: h.clock.now() + 60 * SEC, outcome: "transfer" } });
    h.advance(60 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("bob");
  });

  test("an operator reply cancels the automatic transfer", () => {
    const { h, id } = chat({ autoTransferSeconds: 60 });
    h.engine.operatorConnected("bob");
    h.engine.postMessage(id, visitor("v1"), { text: "hello?", clientId: "1" });
    h.advance(30 * SEC);
    h.engine.postMessage(id, staff("ann"), { text: "here", clientId: "2" });
    h.advance(5 * MIN);
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
  });

  test("the visitor is told when the operator has been disconnected for N seconds, unless they come back", () => {
    const { h, id, notices } = chat({ operatorDisconnectNoticeSeconds: 20, presenceGraceSeconds: 120 });
    h.engine.operatorDisconnected("ann");
    h.advance(10 * SEC);
    h.engine.operatorConnected("ann");
    h.advance(60 * SEC);
    expect(notices()).toEqual([]);
    h.engine.operatorDisconnected("ann");
    h.advance(20 * SEC);
    expect(notices()).toEqual(["operator_disconnected"]);
    expect(h.stores.events.logs.get(id)!.at(-1)?.body).toBe("Your operator has been disconnected. Please wait a moment.");
  });

  test.each([
    ["to another operator", true, { state: "active", operatorId: "bob" }],
    ["back to the queue when nobody else is there", false, { state: "waiting", operatorId: null }],
  ])("transfer on operator disconnect after the grace period: %s", (_name, bobOnline, expected) => {
    const { h, id } = chat({ transferOnOperatorDisconnect: true, presenceGraceSeconds: 30 });
    if (bobOnline) h.engine.operatorConnected("bob");
    h.engine.operatorDisconnected("ann");
    h.advance(29 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("ann");
    h.advance(SEC);
    expect(h.engine.conversation(id)).toMatchObject(expected);
    if (!bobOnline) {
      h.engine.operatorConnected("ann");
      expect(h.engine.conversation(id)).toMatchObject({ state: "active", operatorId: "ann" });
    }
  });

  test("the waiting questionnaire is offered after N minutes in the queue", () => {
    const h = harness(
      makeConfig({
        operators: [operator("ann")],
        timeouts: { ...off, waitingQuestionnaireMinutes: 2 },
        questionnaires: [{ id: "while-you-wait", plugin: "csat", when: "waiting" }],
      }),
    );
    h.engine.operatorConnected("ann");
    h.engine.setOperatorStatus("ann", "break");
    const id = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
    h.advance(2 * MIN - 1);
    expect(eventTypes(h, id)).not.toContain("questionnaire.offered");
    h.advance(1);
    expect(h.stores.events.logs.get(id)!.at(-1)).toMatchObject({ type: "questionnaire.offered", payload: { questionnaireId: "while-you-wait" } });
    h.advance(30 * MIN);
    expect(eventTypes(h, id).filter((t) => t === "questionnaire.offered")).toHaveLength(1);
  });

  test("a stale or early deadline does nothing; an unknown kind is acknowledged and ignored", () => {
    const { h, id } = chat({ visitorInactivityMinutes: 10 });
    h.engine.handleDeadline("visitor-inactivity-end", id, { conversationId: id });
    expect(h.engine.conversation(id)?.state).toBe("active");
    h.engine.handleDeadline("visitor-inactivity-end", "nope", {});
    expect(codeOf(() => h.engine.handleDeadline("bogus", id, {}))).toBe("no error");
    expect(h.scheduler.of(id)["visitor-inactivity-end"]).toBe(h.clock.now() + 10 * MIN);
  });
});

describe("timeouts across a restart", () => {
  test("pending deadlines survive; a one-shot that already fired is not sent again", () => {
    const { h, id } = chat({ visitorInactivityMinutes: 10, operatorReminderBeforeTimeoutSeconds: 60 });
    h.engine.postMessage(id, staff("ann"), { text: "Hello, how can I help?", clientId: "1" });
    h.advance(9 * MIN);
    expect(eventTypes(h, id).filter((t) => t === "operator.reminder")).toHaveLength(1);
    const restarted = h.restart();
    restarted.engine.operatorConnected("ann");
    restarted.advance(30 * SEC);
    expect(eventTypes(h, id).filter((t) => t === "operator.reminder")).toHaveLength(1);
    restarted.advance(30 * SEC);
    expect(restarted.engine.conversationDetails(id)).toMatchObject({ state: "ended", endReason: "inactivity" });
  });

  test("a restart arms exactly the deadlines a running engine had, whoever's turn it is", () => {
    const config = makeConfig({ operators: [operator("ann"), operator("bob")], timeouts: { ...off, visitorInactivityMinutes: 10, operatorReminderBeforeTimeoutSeconds: 60, visitorReminderMinutes: 3, autoTransferSeconds: 90 } });
    const h = harness(config);
    h.engine.operatorConnected("ann");
    const id = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
    /** A second engine on the same stores with an empty scheduler: it arms only what it recomputes. */
    const rearmed = () => {
      const restarted = harness(config, { clock: h.clock, stores: h.stores, scheduler: new FakeScheduler() });
      restarted.engine.operatorConnected("ann");
      return restarted.scheduler.of(id);
    };
    h.engine.postMessage(id, staff("ann"), { text: "Hello, how can I help?", clientId: "1" });
    h.advance(MIN);
    const visitorsTurn = h.scheduler.of(id);
    expect(Object.keys(visitorsTurn).sort()).toEqual(["operator-timeout-reminder", "visitor-inactivity-end", "visitor-reminder"]);
    expect(rearmed()).toEqual(visitorsTurn);
    h.engine.postMessage(id, visitor("v1"), { text: "My order?", clientId: "2" });
    const operatorsTurn = h.scheduler.of(id);
    expect(Object.keys(operatorsTurn).sort()).toEqual(["auto-transfer", "operator-timeout-reminder"]);
    expect(rearmed()).toEqual(operatorsTurn);
  });
});

describe("opening-hours transitions", () => {
  test("at closing, waiting visitors of closed departments are told and their chats end; active ones stay", () => {
    const h = harness(
      makeConfig({
        operators: [operator("ann")],
        capacity: { conversationsPerOperator: 1 },
        openingHours: { timezone: "UTC", weekly: { monday: [{ from: "09:00", to: "17:00" }] } },
        timeouts: off,
      }),
    );
    h.engine.operatorConnected("ann");
    const active = idOf(h.engine.startConversation({ visitor: { id: "a" } }));
    const waiting = idOf(h.engine.startConversation({ visitor: { id: "w" } }));
    h.clock.advance(8 * 60 * MIN - 1);
    expect(h.engine.handleHoursTransition()).toEqual([]);
    h.clock.advance(1);
    expect(h.engine.handleHoursTransition()).toEqual([waiting]);
    expect(h.engine.conversationDetails(waiting)).toMatchObject({ state: "ended", endReason: "after_hours" });
    expect(h.stores.events.logs.get(waiting)!.find((e) => e.type === "notice")).toMatchObject({ payload: { kind: "after_hours", offlineForm: true } });
    expect(h.engine.conversation(active)?.state).toBe("active");
  });
});
