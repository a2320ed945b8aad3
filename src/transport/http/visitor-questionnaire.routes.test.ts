import { describe, expect, test } from "bun:test";
import { consoleRoutesSetup } from "./console-routes.fixtures";

const OLGA = { kind: "operator", id: "olga", role: "operator" } as const;
/** Olga's department plus a questionnaire operators may send during the chat. */
const withPulse = (raw: Record<string, any>) => raw.questionnaires.push({ id: "pulse", plugin: "csat", when: "manual", title: "Quick pulse" });

describe("sending the visitor a questionnaire during the chat", () => {
  test("the console config lists only the manual questionnaires, and none when the role may not send them", async () => {
    const on = await consoleRoutesSetup(withPulse);
    const { body } = await (await on.signIn("olga")).get("/api/console/config");
    expect(body.sendableQuestionnaires).toEqual([{ id: "pulse", title: "Quick pulse" }]);
    expect(body.questionnaireTitles).toEqual({ wrapup: "Wrap-up", exit: "exit", pulse: "Quick pulse" });
    const off = await consoleRoutesSetup((raw) => {
      withPulse(raw);
      raw.permissions.operator.sendQuestionnaire = false;
    });
    expect((await (await off.signIn("olga")).get("/api/console/config")).body.sendableQuestionnaires).toEqual([]);
  });

  test("the handling operator sends a manual questionnaire: a persisted offer from her, visible to the visitor", async () => {
    const s = await consoleRoutesSetup(withPulse);
    const id = s.supportChat();
    const olga = await s.signIn("olga");
    const sent = await olga.post(`/api/conversations/${id}/questionnaires`, { questionnaireId: "pulse", clientId: "q-1" });
    expect(sent.status).toBe(200);
    const offer = s.engine().engine.history(id, { kind: "visitor", id: "v1" }).find((e) => e.type === "questionnaire.offered");
    expect(offer).toMatchObject({ seq: sent.body.seq, actor: { kind: "operator", id: "olga" }, payload: { questionnaireId: "pulse" }, visibility: "all" });
    // A retried request (same clientId) does not offer it twice.
    expect(await olga.post(`/api/conversations/${id}/questionnaires`, { questionnaireId: "pulse", clientId: "q-1" })).toMatchObject({ status: 200, body: { seq: sent.body.seq } });
    expect(s.engine().engine.history(id, OLGA).filter((e) => e.type === "questionnaire.offered")).toHaveLength(1);
  });

  test("the visitor's answers arrive in the conversation with the plugin's summary; a second offer is refused", async () => {
    const s = await consoleRoutesSetup(withPulse);
    const id = s.supportChat();
    const olga = await s.signIn("olga");
    await olga.post(`/api/conversations/${id}/questionnaires`, { questionnaireId: "pulse" });
    const answered = s.questionnaires().answer({ conversationId: id, visitorId: "v1", questionnaireId: "pulse", answers: { rating: 4 } });
    const event = s.engine().engine.history(id, OLGA).find((e) => e.type === "questionnaire.answered");
    expect(event).toMatchObject({ seq: answered.seq, payload: { questionnaireId: "pulse", summary: answered.summary, score: expect.any(Number) } });
    expect(await olga.post(`/api/conversations/${id}/questionnaires`, { questionnaireId: "pulse" })).toMatchObject({ status: 409, body: { error: { code: "conversation.invalid_state" } } });
  });

  test("refused: the permission off (403 permission.disabled), not a manual questionnaire, unknown conversation, ended, bad input", async () => {
    const off = await consoleRoutesSetup((raw) => {
      withPulse(raw);
      raw.permissions.operator.sendQuestionnaire = false;
    });
    const offId = off.supportChat();
    expect(await (await off.signIn("olga")).post(`/api/conversations/${offId}/questionnaires`, { questionnaireId: "pulse" })).toMatchObject({ status: 403, body: { error: { code: "permission.disabled" } } });

    const s = await consoleRoutesSetup(withPulse);
    const id = s.supportChat();
    const olga = await s.signIn("olga");
    const send = (questionnaireId: string, conversationId = id) => olga.post(`/api/conversations/${conversationId}/questionnaires`, { questionnaireId });
    expect(await send("exit")).toMatchObject({ status: 404, body: { error: { code: "questionnaire.not_found" } } });
    expect(await send("nope")).toMatchObject({ status: 404, body: { error: { code: "questionnaire.not_found" } } });
    expect((await olga.post(`/api/conversations/${id}/questionnaires`, { questionnaireId: "" })).body.error.code).toBe("request.invalid");
    expect(await send("pulse", "conv_unknown")).toMatchObject({ status: 404, body: { error: { code: "conversation.not_found" } } });
    // A manager may step in and send it.
    const mia = await s.signIn("mia");
    expect((await mia.post(`/api/conversations/${id}/questionnaires`, { questionnaireId: "pulse" })).status).toBe(200);
    s.engine().engine.endConversation(id, OLGA);
    expect(await send("pulse")).toMatchObject({ status: 409, body: { error: { code: "conversation.ended" } } });
  });
});
