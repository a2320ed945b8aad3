import { describe, expect, test } from "bun:test";
import type { Question } from "../api/console.api";
import { collectAnswers } from "./answers";

const questions: Question[] = [
  { id: "resolved", type: "yesno", label: "Resolved?", required: true },
  { id: "effort", type: "rating", label: "Effort", min: 1, max: 5 },
  { id: "topics", type: "choice", label: "Topics", choices: ["billing", "bug"], multiple: true },
  { id: "kind", type: "choice", label: "Kind", choices: ["question", "complaint"] },
  { id: "notes", type: "text", label: "Notes", required: true },
];

function form(values: Record<string, string | string[]>) {
  return {
    get: (name: string) => (Array.isArray(values[name]) ? values[name]![0] : (values[name] ?? null)),
    getAll: (name: string) => (Array.isArray(values[name]) ? values[name]! : values[name] ? [values[name]!] : []),
  };
}

describe("operator questionnaire answers", () => {
  test("each question type gets the value type the plugin expects", () => {
    const { answers, missing } = collectAnswers(questions, form({ resolved: "no", effort: "4", topics: ["billing", "bug"], kind: "question", notes: " refund promised " }));
    expect(missing).toEqual([]);
    expect(answers).toEqual({ resolved: false, effort: 4, topics: ["billing", "bug"], kind: "question", notes: "refund promised" });
  });

  test("blank optional questions are left out; blank required ones are reported", () => {
    const { answers, missing } = collectAnswers(questions, form({ notes: "   " }));
    expect(answers).toEqual({});
    expect(missing).toEqual(["resolved", "notes"]);
  });
});
