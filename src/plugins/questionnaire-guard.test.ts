import { describe, expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import { AppError } from "../core/errors";
import type { Question, QuestionnairePlugin } from "./api";
import { pluginHealth } from "./health";
import { builtinQuestionnaire, optionsFor, recordingLogger } from "./plugin.fixtures";
import { checkAnswers, safeQuestions, safeScore } from "./questionnaire-guard";
import { questionsProblem } from "./questionnaire-schema";

const plugin = (overrides: Partial<QuestionnairePlugin>): QuestionnairePlugin => ({
  kind: "questionnaire",
  id: "survey",
  questions: () => [{ id: "ok", type: "yesno", label: "OK?" }],
  score: () => ({ score: 1, summary: "fine" }),
  ...overrides,
});
const guard = () => ({ timeoutMs: 50, logger: recordingLogger() });
const thrownBy = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
};

describe("safeQuestions", () => {
  test("returns the plugin's questions, frozen", () => {
    const questions = safeQuestions(plugin({}), {}, guard());
    expect(questions).toEqual([{ id: "ok", type: "yesno", label: "OK?" }]);
    expect(Object.isFrozen(questions[0])).toBe(true);
  });

  const broken: Array<[string, () => unknown, string]> = [
    ["throws", () => { throw new Error("no survey today"); }, "Error: no survey today"],
    ["returns no list", () => "rating?", 'questions() must return a list, got "rating?"'],
    ["returns an empty list", () => [], "questions() returned no questions"],
    ["repeats an id", () => [{ id: "a", type: "yesno", label: "A" }, { id: "a", type: "yesno", label: "B" }], 'two questions have the id "a"'],
    ["has an unknown type", () => [{ id: "a", type: "slider", label: "A" }], "question 1 is malformed"],
    ["has a rating with min above max", () => [{ id: "r", type: "rating", label: "R", min: 5, max: 1 }], 'rating question "r" needs min below max, got 5..1'],
    ["has a choice without choices", () => [{ id: "c", type: "choice", label: "C", choices: [] }], "question 1 is malformed"],
  ];
  for (const [what, questions, reason] of broken) {
    test(`a plugin that ${what} gives plugin.failed with the reason`, () => {
      const g = guard();
      const error = thrownBy(() => safeQuestions(plugin({ questions: questions as QuestionnairePlugin["questions"] }), {}, g));
      expect(error.code).toBe("plugin.failed");
      expect(error.message).toStartWith(`questionnaire "survey" is unavailable: ${reason}`);
      expect(g.logger.lines[0]).toMatchObject({ level: "error", msg: "questionnaire plugin failed to build its questions" });
    });
  }

  test("after repeated failures the plugin is not called again until reload", () => {
    let calls = 0;
    const failing = plugin({ questions: () => { calls++; throw new Error("down"); } });
    const g = guard();
    for (let i = 0; i < 5; i++) thrownBy(() => safeQuestions(failing, {}, g));
    expect(calls).toBe(3);
    expect(pluginHealth(failing).degraded).toBe(true);
    expect(thrownBy(() => safeQuestions(failing, {}, g)).message).toContain("disabled until the next reload");
  });

  test("every built-in questionnaire produces valid questions with its default options", () => {
    for (const id of ["csat", "nps", "operator-wrapup"]) {
      const q = builtinQuestionnaire(id);
      expect(questionsProblem(q.questions(optionsFor(q)))).toBeNull();
    }
  });
});

describe("checkAnswers", () => {
  const questions: Question[] = [
    { id: "rating", type: "rating", label: "Rate us", required: true, min: 1, max: 5 },
    { id: "topics", type: "choice", label: "Topics", choices: ["Price", "Speed"], multiple: true },
    { id: "resolution", type: "choice", label: "Resolution", choices: ["Resolved", "Escalated"] },
    { id: "comment", type: "text", label: "Comment", maxLength: 10 },
    { id: "again", type: "yesno", label: "Again?" },
  ];

  test("valid answers pass, optional ones may be absent", () => {
    expect(checkAnswers(questions, { rating: 4, topics: ["Speed"], again: true })).toEqual({ rating: 4, topics: ["Speed"], again: true });
  });

  test("each invalid answer is reported once, by question, in one questionnaire.invalid_answers error", () => {
    const error = thrownBy(() => checkAnswers(questions, { rating: 9, topics: ["Price", "Colour"], resolution: "Maybe", comment: "far too long text", again: "yes", extra: 1 }));
    expect(error.code).toBe("questionnaire.invalid_answers");
    expect(error.details?.issues).toEqual([
      { questionId: "extra", message: 'there is no question "extra"' },
      { questionId: "rating", message: "expected an integer from 1 to 5, found 9" },
      { questionId: "topics", message: 'expected one of Price, Speed, found "Colour"' },
      { questionId: "resolution", message: 'expected one of Resolved, Escalated, found "Maybe"' },
      { questionId: "comment", message: 'expected a text of at most 10 characters, found "far too long text"' },
      { questionId: "again", message: 'expected true or false, found "yes"' },
    ]);
  });

  test("a missing required answer is named", () => {
    expect(thrownBy(() => checkAnswers(questions, {})).message).toBe('rating: question "rating" requires an answer');
  });

  test("answers that are not a mapping are refused", () => {
    expect(thrownBy(() => checkAnswers(questions, [4])).code).toBe("questionnaire.invalid_answers");
  });
});

describe("safeScore", () => {
  test("passes the plugin's score through", () => {
    expect(safeScore(plugin({}), { ok: true }, {}, guard())).toEqual({ score: 1, summary: "fine", fallback: false });
  });

  test("a failing or malformed scorer yields a null score and keeps the answers' count", () => {
    const cases: QuestionnairePlugin["score"][] = [
      () => { throw new Error("divide by zero"); },
      () => ({ score: Number.NaN, summary: "x" }),
      () => ({ score: 1 }) as never,
      () => null as never,
    ];
    for (const score of cases) {
      expect(safeScore(plugin({ score }), { ok: true, note: "x" }, {}, guard())).toEqual({ score: null, summary: "2 answers recorded (not scored: the scoring plugin failed)", fallback: true });
    }
  });

  test("a scorer cannot change the answers it is given", () => {
    const answers = { ok: true };
    const sneaky = plugin({ score: (a) => { (a as Record<string, unknown>).ok = false; return { score: 1, summary: "" }; } });
    expect(safeScore(sneaky, answers, {}, guard()).fallback).toBe(true);
    expect(answers.ok).toBe(true);
  });

  test("a slow scorer is logged; very long summaries are cut", () => {
    const clock = new ManualClock(0);
    const g = { ...guard(), timer: () => clock.now() };
    const slow = plugin({ score: () => (clock.advance(75), { score: 3, summary: "x".repeat(900) }) });
    const result = safeScore(slow, { ok: true }, {}, g);
    expect(result.summary).toHaveLength(500);
    expect(g.logger.lines).toEqual([{ level: "warn", msg: "questionnaire plugin is slow", fields: { plugin: "survey", call: "score", elapsedMs: 75, limitMs: 50 } }]);
  });
});
