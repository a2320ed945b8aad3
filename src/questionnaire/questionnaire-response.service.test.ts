import { describe, expect, test } from "bun:test";
import { testConfig } from "../auth/auth.fixtures";
import { ManualClock, SequentialIds } from "../core/clock";
import { AppError } from "../core/errors";
import type { QuestionnaireResponseRow } from "../storage/repositories/questionnaire-responses.repository";
import { QuestionnaireResponseService, type ConversationFacts, type QuestionnaireResponseDeps } from "./questionnaire-response.service";

async function setup(conversation: ConversationFacts | null, extra: Partial<QuestionnaireResponseDeps> = {}) {
  const config = await testConfig((raw) => {
    raw.questionnaires = [
      { id: "exit", plugin: "csat", when: "visitorEnd" },
      { id: "wrapup", plugin: "operator-wrapup", when: "operatorEnd" },
      { id: "pulse", plugin: "csat", when: "manual" },
    ];
  });
  const rows: QuestionnaireResponseRow[] = [];
  const repository = { insert: (r: QuestionnaireResponseRow) => void rows.push(r), forConversation: (id: string) => rows.filter((r) => r.conversationId === id) };
  const questionnaires = {
    questionnaire: (id: string) => ({
      id,
      pluginId: id,
      questions: () => [],
      checkAnswers: (answers: unknown) => {
        if (typeof (answers as { rating?: unknown }).rating !== "number") throw new AppError("questionnaire.invalid_answers", "rating: required");
        return answers as Record<string, number>;
      },
      score: (answers: Record<string, unknown>) => ({ score: Number(answers.rating), summary: `rated ${String(answers.rating)}`, fallback: false }),
    }),
  };
  const service = new QuestionnaireResponseService({
    repository: repository as never,
    questionnaires: questionnaires as never,
    conversation: () => conversation,
    config: () => config,
    clock: new ManualClock(),
    ids: new SequentialIds(),
    ...extra,
  });
  return { service, rows };
}

const ended: ConversationFacts = { visitorId: "v1", state: "ended", operatorId: "olga", previousOperatorIds: ["bob"] };

describe("questionnaire responses", () => {
  test("a visitor's first answer goes into the conversation's log (summary and score for the staff) and its seq is acknowledged", async () => {
    const logged: unknown[] = [];
    const active: ConversationFacts = { visitorId: "v1", state: "active", operatorId: "olga", previousOperatorIds: [] };
    const { service, rows } = await setup(active, { visitorAnswered: (input) => (logged.push(input), 7) });
    expect(service.visitorAnswered("c1", "pulse")).toBe(false);
    expect(service.answer({ conversationId: "c1", visitorId: "v1", questionnaireId: "pulse", answers: { rating: 4 } })).toEqual({ seq: 7, summary: "rated 4" });
    expect(logged).toEqual([{ conversationId: "c1", visitorId: "v1", questionnaireId: "pulse", summary: "rated 4", score: 4 }]);
    expect(service.visitorAnswered("c1", "pulse")).toBe(true);
    // Answering again neither stores nor logs anything new.
    expect(service.answer({ conversationId: "c1", visitorId: "v1", questionnaireId: "pulse", answers: { rating: 1 } })).toEqual({ summary: "rated 4" });
    expect(logged).toHaveLength(1);
    expect(rows).toHaveLength(1);
  });

  test("invalid answers, or a log that refuses the answer, store nothing", async () => {
    let calls = 0;
    const { service, rows } = await setup(ended, {
      visitorAnswered: () => {
        calls++;
        throw new AppError("conversation.not_found", "gone");
      },
    });
    expect(() => service.answer({ conversationId: "c1", visitorId: "v1", questionnaireId: "pulse", answers: { rating: "five" } })).toThrow(expect.objectContaining({ code: "questionnaire.invalid_answers" }));
    expect(calls).toBe(0);
    expect(() => service.answer({ conversationId: "c1", visitorId: "v1", questionnaireId: "pulse", answers: { rating: 5 } })).toThrow(expect.objectContaining({ code: "conversation.not_found" }));
    expect(calls).toBe(1);
    expect(rows).toHaveLength(0);
  });

  test("a visitor's survey is scored and stored once, whatever they send again", async () => {
    const { service, rows } = await setup(ended);
    expect(service.answer({ conversationId: "c1", visitorId: "v1", questionnaireId: "exit", answers: { rating: 5 } })).toEqual({ summary: "rated 5" });
    expect(service.answer({ conversationId: "c1", visitorId: "v1", questionnaireId: "exit", answers: { rating: 1 } })).toEqual({ summary: "rated 5" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ respondentKind: "visitor", respondentId: "v1", score: 5, answers: JSON.stringify({ rating: 5 }) });
  });

  test("another visitor's conversation and the operator questionnaire are refused to visitors", async () => {
    const { service } = await setup(ended);
    expect(() => service.answer({ conversationId: "c1", visitorId: "v2", questionnaireId: "exit", answers: { rating: 5 } })).toThrow(expect.objectContaining({ code: "conversation.not_found" }));
    expect(() => service.answer({ conversationId: "c1", visitorId: "v1", questionnaireId: "wrapup", answers: { rating: 5 } })).toThrow(expect.objectContaining({ code: "questionnaire.not_found" }));
  });

  test("operators who handled the conversation (now or before) answer the wrap-up; others need to be supervisors", async () => {
    const { service } = await setup(ended);
    expect(service.answerAsOperator({ conversationId: "c1", operatorId: "bob", supervisor: false, questionnaireId: "wrapup", answers: { rating: 3 } })).toEqual({ summary: "rated 3" });
    expect(() => service.answerAsOperator({ conversationId: "c1", operatorId: "eve", supervisor: false, questionnaireId: "wrapup", answers: { rating: 3 } })).toThrow(expect.objectContaining({ code: "auth.forbidden" }));
    expect(service.answerAsOperator({ conversationId: "c1", operatorId: "mia", supervisor: true, questionnaireId: "wrapup", answers: { rating: 4 } })).toEqual({ summary: "rated 4" });
    expect(() => service.answerAsOperator({ conversationId: "c1", operatorId: "olga", supervisor: false, questionnaireId: "wrapup", answers: {} })).toThrow(expect.objectContaining({ code: "questionnaire.invalid_answers" }));
  });

  test("an unknown conversation is refused", async () => {
    const { service } = await setup(null);
    expect(() => service.answerAsOperator({ conversationId: "c9", operatorId: "olga", supervisor: false, questionnaireId: "wrapup", answers: {} })).toThrow(expect.objectContaining({ code: "conversation.not_found" }));
  });
});
