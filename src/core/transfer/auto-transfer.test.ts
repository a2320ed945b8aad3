import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { AppError } from "../errors";
import { harness, makeConfig, operator, staff, visitor, type Harness } from "../conversation/engine.testkit";
import type { StartOutcome } from "../conversation/start.service";

const SEC = 1000;
const MIN = 60 * SEC;
const idOf = (out: StartOutcome) => (out.outcome === "refused" ? "" : out.conversation.id);

/** The audit's setup: automatic transfer after 5 s, the visitor reminder and inactivity end on too. */
const config = makeConfig({
  operators: [operator("alice"), operator("carol"), operator("dan")],
  timeouts: {
    autoTransferSeconds: 5,
    visitorReminderMinutes: 1,
    visitorInactivityMinutes: 3,
    operatorReminderBeforeTimeoutSeconds: 30,
    reengagementMinutes: 0,
    operatorDisconnectNoticeSeconds: 0,
    waitingQuestionnaireMinutes: 0,
  },
});

/** alice and carol online, neither answering; the visitor asked a question and waits. */
function unanswered(h: Harness = harness(config)) {
  h.engine.operatorConnected("alice");
  const id = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
  h.engine.operatorConnected("carol");
  h.engine.postMessage(id, visitor("v1"), { text: "Is my order shipped?", clientId: "q1" });
  const log = () => h.stores.events.logs.get(id) ?? [];
  const notices = () => log().filter((e) => e.type === "notice").map((e) => (e.payload as { kind: string }).kind);
  const hops = () => log().filter((e) => e.type === "conversation.transferred").map((e) => (e.payload as { toOperatorId: string }).toOperatorId);
  /** Lets `ms` pass one second at a time, as the real scheduler would fire (retries included). */
  const wait = (ms: number, clock: Harness = h) => {
    for (let t = 0; t < ms; t += SEC) clock.advance(SEC);
  };
  return { h, id, notices, hops, wait };
}

describe("automatic transfer rounds", () => {
  test("two silent operators: one hop, then it stays; the visitor is told once and never asked if they are still there", () => {
    const { h, id, notices, hops, wait } = unanswered();
    expect(h.engine.conversation(id)?.operatorId).toBe("alice");
    wait(5 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("carol");
    wait(10 * MIN);
    expect(h.engine.conversation(id)).toMatchObject({ state: "active", operatorId: "carol" });
    expect(hops()).toEqual(["carol"]);
    expect(notices()).toEqual(["auto_transfer"]);
  });

  test("an operator who becomes available later is still tried, without telling the visitor again", () => {
    const { h, id, notices, hops, wait } = unanswered();
    wait(30 * SEC);
    h.engine.operatorConnected("dan");
    wait(5 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("dan");
    wait(MIN);
    expect(hops()).toEqual(["carol", "dan"]);
    expect(notices()).toEqual(["auto_transfer"]);
  });

  test("an operator reply ends the round: the visitor's next unanswered question may go to anyone else, with a new notice", () => {
    const { h, id, notices, hops, wait } = unanswered();
    wait(5 * SEC);
    h.engine.postMessage(id, staff("carol"), { text: "Let me check", clientId: "a1" });
    h.engine.postMessage(id, visitor("v1"), { text: "Thanks, and the invoice?", clientId: "q2" });
    wait(5 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("alice");
    expect(hops()).toEqual(["carol", "alice"]);
    expect(notices()).toEqual(["auto_transfer", "auto_transfer"]);
  });

  test("after a restart the round is remembered: it does not go back to the operator already tried", () => {
    const { h, id, hops, notices, wait } = unanswered();
    wait(5 * SEC);
    const restarted = h.restart();
    restarted.engine.operatorConnected("alice");
    restarted.engine.operatorConnected("carol");
    wait(MIN, restarted);
    expect(restarted.engine.conversation(id)?.operatorId).toBe("carol");
    expect(hops()).toEqual(["carol"]);
    expect(notices()).toEqual(["auto_transfer"]);
  });

  test("a long round is read across pages of the log", () => {
    const { h, id, hops, wait } = unanswered();
    wait(5 * SEC);
    for (let i = 0; i < 250; i++) h.engine.postMessage(id, visitor("v1"), { text: `hello? ${i}`, clientId: `p${i}` });
    wait(MIN);
    expect(h.engine.conversation(id)?.operatorId).toBe("carol");
    expect(hops()).toEqual(["carol"]);
  });

  test("on disconnect an untried operator is preferred even when busier, and an already tried one beats the queue", () => {
    const h = harness(makeConfig({ operators: [operator("alice"), operator("carol"), operator("dan")], timeouts: { autoTransferSeconds: 0, transferOnOperatorDisconnect: true, presenceGraceSeconds: 10, visitorInactivityMinutes: 0 } }));
    h.engine.operatorConnected("dan");
    h.engine.startConversation({ visitor: { id: "other" } });
    h.engine.operatorConnected("alice");
    const id = idOf(h.engine.startConversation({ visitor: { id: "v1" } }));
    expect(h.engine.conversation(id)?.operatorId).toBe("alice");
    h.engine.postMessage(id, visitor("v1"), { text: "Is my order shipped?", clientId: "q1" });
    h.engine.operatorConnected("carol");
    h.engine.transfer(id, { operatorId: "carol" }, staff("alice"));
    h.engine.operatorDisconnected("carol");
    h.advance(10 * SEC);
    expect(h.engine.conversation(id)?.operatorId).toBe("dan");
    h.engine.operatorDisconnected("dan");
    h.advance(10 * SEC);
    expect(h.engine.conversation(id)).toMatchObject({ state: "active", operatorId: "alice" });
  });
});

describe("automatic transfer rounds, over random sequences", () => {
  const OPS = ["alice", "carol", "dan", "erin"];
  const randomConfig = makeConfig({
    operators: OPS.map((id) => operator(id)),
    capacity: { conversationsPerOperator: 2 },
    timeouts: { autoTransferSeconds: 20, transferOnOperatorDisconnect: true, presenceGraceSeconds: 15, visitorInactivityMinutes: 0, operatorReminderBeforeTimeoutSeconds: 0 },
  });
  type Step = { kind: "start" | "visitorWrites" | "operatorWrites" | "connect" | "disconnect" | "advance"; n: number };
  const step = fc.record({ kind: fc.constantFrom<Step["kind"]>("start", "visitorWrites", "visitorWrites", "operatorWrites", "connect", "disconnect", "advance", "advance", "advance"), n: fc.nat(40) });

  function play(h: Harness, steps: readonly Step[]): void {
    steps.forEach((s, i) => {
      const open = h.engine.snapshot().conversations;
      const pick = open.length ? open[s.n % open.length] : undefined;
      try {
        if (s.kind === "start") h.engine.startConversation({ visitor: { id: `v${s.n}` }, message: { text: "help?", clientId: `s${i}` } });
        else if (s.kind === "visitorWrites" && pick) h.engine.postMessage(pick.id, visitor(pick.visitor.id), { text: "hello?", clientId: `m${i}` });
        else if (s.kind === "operatorWrites" && pick?.state === "active") h.engine.postMessage(pick.id, staff(pick.operatorId!), { text: "answer", clientId: `m${i}` });
        else if (s.kind === "connect") h.engine.operatorConnected(OPS[s.n % OPS.length]!);
        else if (s.kind === "disconnect") h.engine.operatorDisconnected(OPS[s.n % OPS.length]!);
        else if (s.kind === "advance") for (let t = 0; t < (s.n % 30) + 1; t++) h.advance(SEC);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    });
  }

  test("an inactivity transfer never goes to an operator who already held the conversation in the round; one notice per round", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 80 }), (steps) => {
        const h = harness(randomConfig);
        play(h, steps);
        for (const log of h.stores.events.logs.values()) {
          let held = new Set<string>();
          let notices = 0;
          for (const e of log) {
            if (e.type === "message" && e.actor.kind === "operator") {
              held = new Set(held.size ? [[...held].at(-1)!] : []);
              notices = 0;
            } else if (e.type === "conversation.transferred" && e.payload.automatic && e.payload.reason === "operator did not answer in time") {
              expect(held.has(e.payload.toOperatorId!)).toBe(false);
            } else if (e.type === "notice" && e.payload.kind === "auto_transfer") {
              expect(++notices).toBe(1);
            }
            if (e.type === "conversation.assigned") held.add(e.payload.operatorId);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
