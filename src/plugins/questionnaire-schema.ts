/**
 * Runtime schemas for questionnaires: the questions a plugin returns are checked before any UI
 * renders them, and a visitor's or operator's answers are checked against those questions (a
 * TypeBox schema built from them) before the plugin scores them or anything is stored.
 */
import { Type as T, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { describeFound } from "../config/issue.model";
import { describeExpected } from "../config/schema-errors";
import type { Question } from "./api";

const QuestionId = T.String({ pattern: "^[A-Za-z0-9_-]{1,64}$", expected: "an id of letters, digits, - and _" });
const Label = T.String({ minLength: 1, maxLength: 500 });
const Common = { id: QuestionId, label: Label, required: T.Optional(T.Boolean()) };

/** One question, as the contract defines it. */
export const QuestionSchema = T.Union([
  T.Object({ ...Common, type: T.Literal("rating"), min: T.Integer(), max: T.Integer(), minLabel: T.Optional(T.String()), maxLabel: T.Optional(T.String()) }),
  T.Object({ ...Common, type: T.Literal("choice"), choices: T.Array(T.String({ minLength: 1 }), { minItems: 1 }), multiple: T.Optional(T.Boolean()) }),
  T.Object({ ...Common, type: T.Literal("text"), maxLength: T.Optional(T.Integer({ minimum: 1 })) }),
  T.Object({ ...Common, type: T.Literal("yesno") }),
]);

/** Why a plugin's question list is unusable, or null if every question can be rendered and answered. */
export function questionsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return `questions() must return a list, got ${describeFound(value)}`;
  if (value.length === 0) return "questions() returned no questions";
  const seen = new Set<string>();
  for (const [index, question] of value.entries()) {
    if (!Value.Check(QuestionSchema, question)) {
      const first = Value.Errors(QuestionSchema, question).First();
      return `question ${index + 1} is malformed${first ? ` (${first.path || "/"}: ${first.message})` : ""}`;
    }
    const q = question as Question;
    if (seen.has(q.id)) return `two questions have the id "${q.id}"`;
    seen.add(q.id);
    if (q.type === "rating" && q.min >= q.max) return `rating question "${q.id}" needs min below max, got ${q.min}..${q.max}`;
    if (q.type === "choice" && new Set(q.choices).size !== q.choices.length) return `choice question "${q.id}" lists a choice twice`;
  }
  return null;
}

/** One invalid answer, located by question id. */
export interface AnswerIssue {
  readonly questionId: string;
  readonly message: string;
}

/** The schema answers to `questions` must satisfy: types, ranges, choices, required ones present. */
export function answersSchema(questions: readonly Question[]): TSchema {
  const properties: Record<string, TSchema> = {};
  for (const q of questions) {
    const schema = answerSchema(q);
    properties[q.id] = q.required ? schema : T.Optional(schema);
  }
  return T.Object(properties, { additionalProperties: false });
}

function answerSchema(q: Question): TSchema {
  switch (q.type) {
    case "rating":
      return T.Integer({ minimum: q.min, maximum: q.max });
    case "choice": {
      const choice = T.Union(q.choices.map((c) => T.Literal(c)));
      return q.multiple ? T.Array(choice, { uniqueItems: true, minItems: q.required ? 1 : 0 }) : choice;
    }
    case "text": {
      const limit = q.maxLength ? { maxLength: q.maxLength } : {};
      const expected = `${q.required ? "a non-empty text" : "a text"}${q.maxLength ? ` of at most ${q.maxLength} characters` : ""}`;
      return T.String({ minLength: q.required ? 1 : 0, ...limit, expected });
    }
    case "yesno":
      return T.Boolean();
  }
}

/** Every problem with `answers` to `questions`, one per question; empty when they can be scored. */
export function answerIssues(questions: readonly Question[], answers: unknown): AnswerIssue[] {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    return [{ questionId: "", message: `answers must be a mapping of question id to answer, found ${describeFound(answers)}` }];
  }
  const known = new Set(questions.map((q) => q.id));
  const byQuestion = new Map<string, AnswerIssue>();
  for (const error of Value.Errors(answersSchema(questions), answers)) {
    const questionId = error.path.split("/")[1] ?? "";
    if (byQuestion.has(questionId)) continue;
    if (!known.has(questionId)) {
      byQuestion.set(questionId, { questionId, message: `there is no question "${questionId}"` });
      continue;
    }
    const found = describeFound(error.value);
    const message = error.value === undefined ? `question "${questionId}" requires an answer` : `expected ${describeExpected(error.schema)}, found ${found}`;
    byQuestion.set(questionId, { questionId, message });
  }
  return [...byQuestion.values()];
}

