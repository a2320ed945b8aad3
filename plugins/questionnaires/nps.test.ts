import { describe, expect, test } from "bun:test";
import { builtinQuestionnaire, optionsFor } from "../../src/plugins/plugin.fixtures";

const nps = builtinQuestionnaire("nps");

describe("nps", () => {
  test("asks 0–10 with the standard question and labels", () => {
    expect(nps.questions(optionsFor(nps))[0]).toEqual({
      id: "recommend",
      type: "rating",
      label: "How likely are you to recommend us to a friend or colleague?",
      required: true,
      min: 0,
      max: 10,
      minLabel: "Not at all likely",
      maxLabel: "Extremely likely",
    });
  });

  test("detractors score -100, passives 0, promoters 100, so the average is the NPS", () => {
    const scores = [0, 6, 7, 8, 9, 10].map((recommend) => nps.score({ recommend }, optionsFor(nps)).score!);
    expect(scores).toEqual([-100, -100, 0, 0, 100, 100]);
    // 2 promoters, 2 detractors out of 6: NPS 0.
    expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBe(0);
  });

  test("the summary names the bucket", () => {
    expect(nps.score({ recommend: 9, comment: "fast" }, optionsFor(nps)).summary).toBe('NPS 9/10 (promoter) — "fast"');
    expect(nps.score({}, optionsFor(nps))).toEqual({ score: null, summary: "NPS: no rating" });
  });
});
