import { describe, expect, test } from "bun:test";
import { codeOf, harness, makeConfig, operator, staff, visitor } from "./engine.testkit";

const config = makeConfig({
  operators: [operator("ann"), operator("bob"), operator("max", { role: "manager" })],
  questionnaires: [
    { id: "pulse", plugin: "csat", when: "manual", title: "Quick pulse" },
    { id: "exit", plugin: "csat", when: "visitorEnd" },
  ],
});

/** Ann handles a chat with visitor v1. */
function annChat() {
  const h = harness(config);
  h.engine.operatorConnected("ann");
  const out = h.engine.startConversation({ visitor: { id: "v1" } });
  if (out.outcome !== "assigned") throw new Error(out.outcome);
  return { h, id: out.conversation.id };
}

describe("file requests", () => {
  test("a persisted event with its seq and message, visible to the visitor, in the log after a restart; a retry does not repeat it", () => {
    const { h, id } = annChat();
    const event = h.engine.requestFile(id, staff("ann"), { message: "  A photo of the receipt, please  ", clientId: "rf-1" });
    expect(event).toMatchObject({ type: "file.requested", visibility: "all", body: "A photo of the receipt, please", actor: { kind: "operator", id: "ann" } });
    expect(h.engine.requestFile(id, staff("ann"), { message: "again", clientId: "rf-1" }).seq).toBe(event.seq);
    const restarted = h.restart();
    expect(restarted.engine.history(id, visitor("v1")).filter((e) => e.type === "file.requested").map((e) => [e.seq, e.body])).toEqual([[event.seq, "A photo of the receipt, please"]]);
    expect(h.events.filter((e) => e.kind === "conversation.event" && e.event.type === "file.requested")).toHaveLength(1);
  });

  test("only the handling operator or a manager, only in an active conversation", () => {
    const { h, id } = annChat();
    expect(codeOf(() => h.engine.requestFile(id, staff("bob"), { clientId: "x1" }))).toBe("auth.forbidden");
    expect(codeOf(() => h.engine.requestFile(id, visitor("v1"), { clientId: "x2" }))).toBe("auth.forbidden");
    expect(h.engine.requestFile(id, staff("max", "manager"), { clientId: "x3" }).body).toBeNull();
    expect(codeOf(() => h.engine.requestFile(id, staff("ann"), { message: "x".repeat(1001), clientId: "x4" }))).toBe("request.too_large");
    h.engine.endConversation(id, staff("ann"));
    expect(codeOf(() => h.engine.requestFile(id, staff("ann"), { clientId: "x5" }))).toBe("conversation.ended");
    expect(codeOf(() => h.engine.requestFile("conv_nope", staff("ann"), { clientId: "x6" }))).toBe("conversation.not_found");
  });
});

describe("questionnaires during the chat", () => {
  test("the handling operator offers a manual questionnaire; the visitor sees who sent it", () => {
    const { h, id } = annChat();
    const offer = h.engine.offerQuestionnaire(id, staff("ann"), { questionnaireId: "pulse", clientId: "q1" });
    expect(offer).toMatchObject({ type: "questionnaire.offered", visibility: "all", payload: { questionnaireId: "pulse" }, actor: { kind: "operator", id: "ann" } });
    expect(h.engine.offerQuestionnaire(id, staff("ann"), { questionnaireId: "pulse", clientId: "q1" }).seq).toBe(offer.seq);
    expect(h.engine.history(id, visitor("v1")).map((e) => e.type)).toContain("questionnaire.offered");
  });

  test("only manual questionnaires, only by who handles it, only while active", () => {
    const { h, id } = annChat();
    expect(codeOf(() => h.engine.offerQuestionnaire(id, staff("ann"), { questionnaireId: "exit" }))).toBe("questionnaire.not_found");
    expect(codeOf(() => h.engine.offerQuestionnaire(id, staff("ann"), { questionnaireId: "nope" }))).toBe("questionnaire.not_found");
    expect(codeOf(() => h.engine.offerQuestionnaire(id, staff("bob"), { questionnaireId: "pulse" }))).toBe("auth.forbidden");
    h.engine.endConversation(id, staff("ann"));
    expect(codeOf(() => h.engine.offerQuestionnaire(id, staff("ann"), { questionnaireId: "pulse" }))).toBe("conversation.ended");
  });

  test("the visitor's answer is logged with its summary, even after the end; never by someone else", () => {
    const { h, id } = annChat();
    h.engine.endConversation(id, staff("ann"));
    const answer = { questionnaireId: "exit", summary: "Rated 5/5", score: 5 };
    expect(h.engine.recordQuestionnaireAnswer(id, visitor("v1"), answer)).toMatchObject({ type: "questionnaire.answered", visibility: "all", payload: answer });
    expect(codeOf(() => h.engine.recordQuestionnaireAnswer(id, visitor("v2"), answer))).toBe("auth.forbidden");
    expect(codeOf(() => h.engine.recordQuestionnaireAnswer(id, staff("ann"), answer))).toBe("auth.forbidden");
  });
});

describe("the visitor's time zone", () => {
  test.each([
    ["Europe/Paris", "Europe/Paris"],
    ["America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["europe/paris", "Europe/Paris"],
    ["UTC", "UTC"],
    ["Mars/Olympus_Mons", null],
    ["Europe/Paris; DROP TABLE", null],
    [`Europe/${"x".repeat(80)}`, null],
    [null, null],
  ])("%p is kept as %p", (given, kept) => {
    const h = harness(config);
    h.engine.operatorConnected("ann");
    const out = h.engine.startConversation({ visitor: { id: "v1", timezone: given } });
    if (out.outcome === "refused") throw new Error(out.reason);
    expect(h.engine.conversationDetails(out.conversation.id)?.visitor.timezone).toBe(kept);
  });
});
