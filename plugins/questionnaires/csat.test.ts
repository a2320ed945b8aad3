import { describe, expect, test } from "bun:test";
import { builtinQuestionnaire, optionsFor } from "../../src/plugins/plugin.fixtures";

const csat = builtinQuestionnaire("csat");

describe("csat", () => {
  test("asks a required 1–5 rating and an optional comment by default", () => {
    expect(csat.questions(optionsFor(csat))).toEqual([
      { id: "rating", type: "rating", label: "How satisfied are you?", required: true, min: 1, max: 5, minLabel: "Very dissatisfied", maxLabel: "Very satisfied" },
      { id: "comment", type: "text", label: "Anything you would like to add?", required: false, maxLength: 2000 },
    ]);
  });

  test("options change the question, the scale and drop the comment", () => {
    const questions = csat.questions(optionsFor(csat, { question: "Did we help?", scale: 10, askComment: false }));
    expect(questions).toEqual([expect.objectContaining({ id: "rating", label: "Did we help?", max: 10 })]);
  });

  test("4 and 5 of 5 count as satisfied (100), the rest 0, so averages read as CSAT %", () => {
    const options = optionsFor(csat);
    const scores = [1, 2, 3, 4, 5].map((rating) => csat.score({ rating }, options).score);
    expect(scores).toEqual([0, 0, 0, 100, 100]);
    expect(scores.reduce((a, b) => a! + b!, 0)! / scores.length).toBe(40);
  });

  test("on a 10 scale, satisfied starts at 8", () => {
    const options = optionsFor(csat, { scale: 10 });
    expect([7, 8].map((rating) => csat.score({ rating }, options).score)).toEqual([0, 100]);
  });

  test("the summary gives the rating and the comment for the transcript", () => {
    expect(csat.score({ rating: 5, comment: "  Quick and kind " }, optionsFor(csat)).summary).toBe('CSAT 5/5 (satisfied) — "Quick and kind"');
    expect(csat.score({ rating: 2 }, optionsFor(csat)).summary).toBe("CSAT 2/5 (not satisfied)");
  });

  test("no rating: no score", () => {
    expect(csat.score({ comment: "meh" }, optionsFor(csat))).toEqual({ score: null, summary: 'CSAT: no rating — "meh"' });
  });
});
