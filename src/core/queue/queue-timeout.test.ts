/**
 * `queue.maxWaitMinutes`: a visitor waiting longer is told why, offered the offline form and the
 * conversation ends with reason `queue_timeout`. Played on a ManualClock through the engine's
 * stored deadlines (the fake scheduler fires them as src/jobs does).
 */
import { describe, expect, test } from "bun:test";
import { harness, makeConfig, operator, visitor } from "../conversation/engine.testkit";
import { wantedDeadlines } from "../timers/timeouts.policy";
import type { ConversationTiming } from "../timers/timeouts.model";

const SEC = 1000;
const MIN = 60 * SEC;

/** Only the queue limit runs: the other timeouts would end or move the conversation that keeps Ann busy. */
const OTHER_TIMEOUTS_OFF = { visitorInactivityMinutes: 0, operatorReminderBeforeTimeoutSeconds: 0, autoTransferSeconds: 0 };
const configWith = (maxWaitMinutes: number, timeouts: Record<string, unknown> = {}) =>
  makeConfig({ operators: [operator("ann"), operator("bob")], queue: { maxWaitMinutes }, capacity: { conversationsPerOperator: 1 }, timeouts: { ...OTHER_TIMEOUTS_OFF, ...timeouts } });

function queued(maxWaitMinutes: number, timeouts: Record<string, unknown> = {}) {
  const h = harness(configWith(maxWaitMinutes, timeouts));
  h.engine.operatorConnected("ann");
  h.engine.startConversation({ visitor: { id: "busy" } });
  const out = h.engine.startConversation({ visitor: { id: "v1" }, message: { text: "Do you ship to Canada?", clientId: "m1" } });
  if (out.outcome !== "queued") throw new Error(`expected queued, got ${out.outcome}`);
  const id = out.conversation.id;
  return { h, id, endReason: () => h.engine.conversationDetails(id)?.endReason ?? null };
}

describe("maximum queue wait", () => {
  test.each([
    // maxWaitMinutes, minutes waited, still waiting?
    [0, 24 * 60, true],
    [5, 4.99, true],
    [5, 5, false],
    [30, 29, true],
    [30, 31, false],
  ])("with a limit of %p min, after %p min the visitor is still waiting: %p", (limit, minutes, stillWaiting) => {
    const { h, id } = queued(limit);
    h.advance(minutes * MIN);
    expect(h.engine.conversation(id)?.state).toBe(stillWaiting ? "waiting" : "ended");
  });

  test("the visitor is told why with the offline form, leaves the queue, and the conversation ends as queue_timeout", () => {
    const { h, id, endReason } = queued(5);
    h.events.length = 0;
    h.advance(5 * MIN);
    const log = h.stores.events.logs.get(id)!;
    const notice = log.find((e) => e.type === "notice");
    expect(notice).toMatchObject({ payload: { kind: "queue_timeout", offlineForm: true }, body: "Sorry, nobody could answer you in time. Leave us a message and we will answer by email." });
    expect(log.at(-1)).toMatchObject({ type: "conversation.ended", payload: { reason: "queue_timeout" } });
    expect(h.engine.conversation(id)?.state).toBe("ended");
    expect(endReason()).toBe("queue_timeout");
    expect(h.engine.queueLengths()).toEqual({});
    expect(h.events).toContainEqual(expect.objectContaining({ kind: "queue.changed", change: "removed", conversationId: id }));
  });

  test("a visitor who got an operator in time is never timed out", () => {
    const { h, id } = queued(5);
    h.advance(4 * MIN);
    h.engine.operatorConnected("bob");
    expect(h.engine.conversation(id)?.state).toBe("active");
    h.advance(10 * MIN);
    expect(h.engine.conversation(id)?.state).toBe("active");
  });

  test("a conversation sent back to the queue starts a new waiting period", () => {
    const { h, id } = queued(5, { presenceGraceSeconds: 10, transferOnOperatorDisconnect: true });
    h.advance(4 * MIN);
    h.engine.operatorConnected("bob");
    expect(h.engine.conversation(id)?.operatorId).toBe("bob");
    h.engine.operatorDisconnected("bob");
    h.advance(10 * SEC);
    expect(h.engine.conversation(id)?.state).toBe("waiting");
    h.advance(4 * MIN);
    expect(h.engine.conversation(id)?.state).toBe("waiting");
    h.advance(1 * MIN);
    expect(h.engine.conversation(id)?.state).toBe("ended");
  });

  test("the deadline is stored: after a restart it still fires at the same time, once", () => {
    const { h, id } = queued(5);
    h.advance(3 * MIN);
    const after = h.restart();
    after.advance(2 * MIN - 1);
    expect(after.engine.conversation(id)?.state).toBe("waiting");
    after.advance(1);
    expect(after.engine.conversationDetails(id)).toMatchObject({ state: "ended", endReason: "queue_timeout" });
    expect(after.stores.events.logs.get(id)!.filter((e) => e.type === "notice")).toHaveLength(1);
  });

  test("a reload that sets a limit applies it to those already waiting, counted from when they joined the queue", () => {
    const { h, endReason } = queued(0);
    h.advance(10 * MIN);
    h.engine.applyConfig(configWith(5));
    h.advance(1);
    expect(endReason()).toBe("queue_timeout");
  });

  test("the visitor ending it themselves first is an ordinary end", () => {
    const { h, id, endReason } = queued(5);
    h.engine.endConversation(id, visitor("v1"));
    h.advance(10 * MIN);
    expect(endReason()).toBe("visitor");
  });
});

describe("queue-timeout policy", () => {
  const timing = (over: Partial<ConversationTiming>): ConversationTiming => ({
    status: "waiting", waitingSince: 1_000, assignedAt: null, lastVisitorActivityAt: null, visitorAwaitingReplySince: null,
    lastOperatorMessageAt: null, operatorStatus: null, operatorStatusSince: null, operatorDisconnectedAt: null, ...over,
  });
  const config = configWith;

  test.each([
    ["waiting, limit 5", timing({}), 5, 1_000 + 5 * MIN],
    ["waiting, no limit", timing({}), 0, null],
    ["active", timing({ status: "active", assignedAt: 2_000 }), 5, null],
    ["waiting since unknown", timing({ waitingSince: null }), 5, null],
  ] as const)("%s → due %p", (_name, t, limit, due) => {
    const deadline = wantedDeadlines(t, config(limit)).find((d) => d.kind === "queue-timeout");
    expect(deadline?.dueAt ?? null).toBe(due);
  });
});
