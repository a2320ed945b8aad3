import { describe, expect, test } from "bun:test";
import { answeredRatio, showDuration, showPercent, type DayFigures } from "./figures.model";

describe("dashboard figures formatting", () => {
  test("durations, percentages and missing values read well", () => {
    expect(showDuration(null)).toBe("—");
    expect(showDuration(95_000)).toBe("1:35");
    expect(showPercent(null)).toBe("—");
    expect(showPercent(0.666)).toBe("67 %");
  });

  test("the answered share is empty on a day without conversations", () => {
    const base = { started: 0, answered: 0 } as DayFigures;
    expect(answeredRatio(base)).toBeNull();
    expect(answeredRatio({ ...base, started: 4, answered: 3 })).toBe(0.75);
  });
});
