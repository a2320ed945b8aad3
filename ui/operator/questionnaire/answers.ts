/**
 * Turns the questionnaire form into the answers the plugin contract expects: numbers for
 * ratings, booleans for yes/no, a list for multiple choice, text otherwise; unanswered optional
 * questions are left out, unanswered required ones are reported.
 */
import type { Question } from "../api/console.api";

/** Answers keyed by question id, and the ids of required questions left blank. */
export function collectAnswers(questions: readonly Question[], form: { get(name: string): unknown; getAll(name: string): unknown[] }): { answers: Record<string, string | number | boolean | string[]>; missing: string[] } {
  const answers: Record<string, string | number | boolean | string[]> = {};
  const missing: string[] = [];
  for (const q of questions) {
    let value: string | number | boolean | string[] | undefined;
    if (q.type === "choice" && q.multiple) {
      const all = form.getAll(q.id).map(String);
      value = all.length ? all : undefined;
    } else {
      const raw = form.get(q.id);
      const text = raw === null || raw === undefined ? "" : String(raw).trim();
      if (text) value = q.type === "rating" ? Number(text) : q.type === "yesno" ? text === "yes" : text;
    }
    if (value === undefined) {
      if (q.required) missing.push(q.id);
      continue;
    }
    answers[q.id] = value;
  }
  return { answers, missing };
}
