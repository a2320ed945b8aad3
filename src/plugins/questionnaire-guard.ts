/**
 * Isolation for questionnaire plugins. Questions that cannot be built become a `plugin.failed`
 * error the caller can show (the conversation goes on without the questionnaire); a score that
 * cannot be computed becomes a null score with a neutral summary, so answers are always stored.
 */
import { AppError } from "../core/errors";
import type { Answers, Question, QuestionnairePlugin } from "./api";
import { describe } from "./definition";
import { isDegraded, watchedCall, type GuardOptions } from "./health";
import { deepFreeze } from "./options";
import { answerIssues, questionsProblem } from "./questionnaire-schema";

/** A score as stored: `fallback` is true when the plugin could not score and a neutral one was used. */
export interface GuardedScore {
  readonly score: number | null;
  readonly summary: string;
  readonly fallback: boolean;
}

/** Longest summary kept in the transcript; plugins sometimes echo whole comments. */
export const MAX_SUMMARY_LENGTH = 500;

/**
 * The plugin's questions for `options`, validated and frozen. Throws `AppError("plugin.failed")`
 * when the plugin throws, is degraded or returns questions no UI could render.
 */
export function safeQuestions<O>(plugin: QuestionnairePlugin<O>, options: O, guard: GuardOptions): readonly Question[] {
  const failed = (why: string) => new AppError("plugin.failed", `questionnaire "${plugin.id}" is unavailable: ${why}`, { plugin: plugin.id });
  if (isDegraded(plugin)) throw failed("it failed repeatedly and is disabled until the next reload");
  const labels = { call: "questions", slowMessage: "questionnaire plugin is slow", failureMessage: "questionnaire plugin failed to build its questions" };
  const result = watchedCall<Question[]>(plugin, () => plugin.questions(options), questionsProblem, guard, labels);
  if (!result.ok) throw failed(result.problem);
  return deepFreeze(structuredClone(result.value));
}

/**
 * Throws `AppError("questionnaire.invalid_answers")` listing every invalid answer, so the client
 * can point at each field; returns the answers typed for {@link safeScore} otherwise.
 */
export function checkAnswers(questions: readonly Question[], answers: unknown): Answers {
  const issues = answerIssues(questions, answers);
  if (issues.length > 0) {
    const message = issues.map((i) => (i.questionId ? `${i.questionId}: ${i.message}` : i.message)).join("; ");
    throw new AppError("questionnaire.invalid_answers", message, { issues });
  }
  return answers as Answers;
}

/**
 * Scores answers already checked by {@link checkAnswers}. Never throws: a failing, slow-and-
 * degraded or malformed scorer yields `{ score: null, summary: "N answers recorded…", fallback: true }`.
 */
export function safeScore<O>(plugin: QuestionnairePlugin<O>, answers: Answers, options: O, guard: GuardOptions): GuardedScore {
  const neutral = (why: string): GuardedScore => ({ score: null, summary: `${countAnswers(answers)} recorded (not scored: ${why})`, fallback: true });
  if (isDegraded(plugin)) return neutral(`questionnaire "${plugin.id}" is disabled until the next reload`);
  const frozen = deepFreeze(structuredClone(answers));
  const labels = { call: "score", slowMessage: "questionnaire plugin is slow", failureMessage: "questionnaire plugin failed to score answers" };
  const result = watchedCall<{ score: number | null; summary: string }>(plugin, () => plugin.score(frozen, options), scoreProblem, guard, labels);
  if (!result.ok) return neutral("the scoring plugin failed");
  const { score, summary } = result.value;
  const trimmed = summary.length > MAX_SUMMARY_LENGTH ? `${summary.slice(0, MAX_SUMMARY_LENGTH - 3)}...` : summary;
  return { score, summary: trimmed, fallback: false };
}

function scoreProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return `score() returned ${describe(value)} instead of { score, summary }`;
  const { score, summary } = value as Record<string, unknown>;
  if (score !== null && (typeof score !== "number" || !Number.isFinite(score))) return `score must be a finite number or null, got ${describe(score)}`;
  if (typeof summary !== "string") return `summary must be a string, got ${describe(summary)}`;
  return null;
}

function countAnswers(answers: Answers): string {
  const n = Object.keys(answers).length;
  return n === 1 ? "1 answer" : `${n} answers`;
}
