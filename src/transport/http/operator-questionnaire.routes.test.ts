import { describe, expect, test } from "bun:test";
import { QuestionnaireResponseRepository } from "../../storage/repositories/questionnaire-responses.repository";
import { consoleRoutesSetup as setup } from "./console-routes.fixtures";

const OLGA = { kind: "operator", id: "olga", role: "operator" } as const;
const MIA = { kind: "operator", id: "mia", role: "manager" } as const;
const ANSWERS = { resolution: "Resolved", category: "Billing", notes: "Courier refunded" };

describe("POST /api/conversations/:id/operator-questionnaire", () => {
  test("the handling operator's answers are checked, scored and stored once", async () => {
    const s = await setup();
    const id = s.supportChat();
    s.engine().engine.endConversation(id, OLGA);
    const olga = await s.signIn("olga");
    const bad = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers: { resolution: "Maybe" } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "questionnaire.invalid_answers" } } });
    const first = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers: ANSWERS });
    expect(first).toMatchObject({ status: 200, body: { summary: "Wrap-up: Resolved · Billing — Courier refunded" } });
    const again = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers: { resolution: "Unresolved", category: "Other" } });
    expect(again.body.summary).toBe(first.body.summary);
    expect(new QuestionnaireResponseRepository(s.db()).forConversation(id)).toHaveLength(1);
  });

  test("answers that are not a mapping get a message saying so, not one about a question \"0\"", async () => {
    const s = await setup();
    const id = s.supportChat();
    s.engine().engine.endConversation(id, OLGA);
    const olga = await s.signIn("olga");
    for (const answers of ["x", [1], 3, null]) {
      const res = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("questionnaire.invalid_answers");
      expect(res.body.error.message).toStartWith("answers must be a mapping of question id to answer, found");
      expect(res.body.error.message).not.toContain('"0"');
    }
    const unknown = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers: { ...ANSWERS, mood: "great" } });
    expect(unknown.body.error.message).toBe('mood: there is no question "mood"');
    expect(new QuestionnaireResponseRepository(s.db()).forConversation(id)).toHaveLength(0);
  });

  test("a visitor questionnaire cannot be answered as the operator one", async () => {
    const s = await setup();
    const id = s.supportChat();
    const olga = await s.signIn("olga");
    expect(await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "exit", answers: {} })).toMatchObject({ status: 404, body: { error: { code: "questionnaire.not_found" } } });
  });
});

describe("GET /api/console/questionnaire-dues", () => {
  const dues = async (who: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>["signIn"]>>) => {
    const res = await who.get("/api/console/questionnaire-dues");
    expect(res.status).toBe(200);
    return (res.body.dues as { conversationId: string }[]).map((d) => d.conversationId);
  };

  test("a conversation ended by the visitor, by the inactivity timeout or by a manager is owed by the operator who had it", async () => {
    const s = await setup();
    const byVisitor = s.supportChat("v1");
    const byTimeout = s.supportChat("v2");
    s.engine().engine.endConversation(byVisitor, { kind: "visitor", id: "v1" });
    s.engine().engine.postMessage(byTimeout, OLGA, { text: "Anything else?", file: null, clientId: "olga-1" });
    s.engine().advance(31 * 60_000); // the visitor's silence after Olga's answer passes the 30-minute inactivity timeout
    expect(s.engine().engine.conversationDetails(byTimeout)?.state).toBe("ended");
    const byManager = s.supportChat("v3");
    s.engine().engine.endConversation(byManager, MIA);
    const olga = await s.signIn("olga");
    expect(await dues(olga)).toEqual([byManager, byTimeout, byVisitor]);
    expect((await olga.get("/api/console/questionnaire-dues")).body.dues[0]).toEqual({ conversationId: byManager, questionnaireId: "wrapup", endedAt: s.engine().clock.now(), visitorName: "Sam Visitor" });
    const mia = await s.signIn("mia");
    expect(await dues(mia)).toEqual([]);
  });

  test("answering clears the due; a chat answered before it ended owes nothing; an open chat owes nothing", async () => {
    const s = await setup();
    const ended = s.supportChat("v1");
    const answeredEarly = s.supportChat("v2");
    const open = s.supportChat("v3");
    const olga = await s.signIn("olga");
    expect((await olga.post(`/api/conversations/${answeredEarly}/operator-questionnaire`, { questionnaireId: "wrapup", answers: ANSWERS })).status).toBe(200);
    s.engine().engine.endConversation(ended, OLGA);
    s.engine().engine.endConversation(answeredEarly, OLGA);
    expect(await dues(olga)).toEqual([ended]);
    const rejected = await olga.post(`/api/conversations/${ended}/operator-questionnaire`, { questionnaireId: "wrapup", answers: "x" });
    expect(rejected.status).toBe(400);
    expect(await dues(olga)).toEqual([ended]);
    expect((await olga.post(`/api/conversations/${ended}/operator-questionnaire`, { questionnaireId: "wrapup", answers: ANSWERS })).status).toBe(200);
    expect(await dues(olga)).toEqual([]);
    expect(s.engine().engine.conversationDetails(open)?.state).toBe("active");
  });

  test("nothing is owed when no operator questionnaire is configured; sign-in is required", async () => {
    const s = await setup((raw) => (raw.questionnaires = [{ id: "exit", plugin: "csat", when: "visitorEnd" }]));
    const id = s.supportChat();
    s.engine().engine.endConversation(id, OLGA);
    expect(await dues(await s.signIn("olga"))).toEqual([]);
    expect((await s.t.call("/api/console/questionnaire-dues")).status).toBe(401);
  });
});
