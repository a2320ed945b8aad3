import { describe, expect, test } from "bun:test";
import { builtinQuestionnaire, optionsFor } from "../../src/plugins/plugin.fixtures";

const wrapup = builtinQuestionnaire("operator-wrapup");

describe("operator-wrapup", () => {
  test("asks resolution, category from the options, and notes", () => {
    const questions = wrapup.questions(optionsFor(wrapup, { categories: ["Orders", "Returns"], requireNotes: true }));
    expect(questions).toEqual([
      { id: "resolution", type: "choice", label: "How did the conversation end?", required: true, choices: ["Resolved", "Unresolved", "Escalated"] },
      { id: "category", type: "choice", label: "Category", required: true, choices: ["Orders", "Returns"] },
      { id: "notes", type: "text", label: "Notes", required: true, maxLength: 4000 },
    ]);
  });

  test("is never scored; the summary is what reports and transcripts show", () => {
    expect(wrapup.score({ resolution: "Escalated", category: "Billing", notes: "Refund over limit, sent to finance." }, optionsFor(wrapup))).toEqual({
      score: null,
      summary: "Wrap-up: Escalated · Billing — Refund over limit, sent to finance.",
    });
    expect(wrapup.score({}, optionsFor(wrapup)).summary).toBe("Wrap-up: no resolution given");
  });

  test("an empty category list is refused by the options schema", () => {
    expect(() => optionsFor(wrapup, { categories: [] })).toThrow("categories");
  });
});
