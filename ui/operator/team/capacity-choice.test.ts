import { describe, expect, test } from "bun:test";
import { capacityChoice, parseCapacity } from "./capacity-choice";

describe("my capacity in the status menu", () => {
  test("shows my limit and the ceiling; nothing when the server did not say", () => {
    expect(capacityChoice({ capacity: 2, maxCapacity: 5 })).toEqual({ value: 2, max: 5 });
    expect(capacityChoice({ capacity: 2 })).toBeNull();
    expect(capacityChoice(null)).toBeNull();
  });

  test.each([
    ["3", 3],
    [" 4 ", 4],
    ["0", 1],
    ["12", 5],
    ["", null],
    ["2.5", null],
    ["-1", null],
    ["two", null],
  ] as const)("typing %p sends %p (ceiling 5)", (input, expected) => {
    expect(parseCapacity(input, 5)).toBe(expected);
  });
});
