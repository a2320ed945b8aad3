import { expect, test } from "bun:test";
import { diffDeadlines } from "./deadlines.diff";
import { deadlineKey } from "./timeouts.model";

test.each([
  ["nothing → nothing", [], [], { set: [], cancel: [] }],
  ["new deadline is set", [], [{ kind: "auto-transfer", dueAt: 5 }], { set: [{ kind: "auto-transfer", dueAt: 5 }], cancel: [] }],
  ["unchanged deadline is left alone", [{ kind: "auto-transfer", dueAt: 5 }], [{ kind: "auto-transfer", dueAt: 5 }], { set: [], cancel: [] }],
  ["moved deadline is set again", [{ kind: "auto-transfer", dueAt: 5 }], [{ kind: "auto-transfer", dueAt: 9 }], { set: [{ kind: "auto-transfer", dueAt: 9 }], cancel: [] }],
  ["no longer wanted is cancelled", [{ kind: "auto-transfer", dueAt: 5 }], [], { set: [], cancel: ["auto-transfer"] }],
  [
    "mixed",
    [{ kind: "visitor-inactivity-end", dueAt: 10 }, { kind: "auto-transfer", dueAt: 5 }, { kind: "visitor-reminder", dueAt: 7 }],
    [{ kind: "visitor-inactivity-end", dueAt: 10 }, { kind: "visitor-reminder", dueAt: 8 }, { kind: "reengagement", dueAt: 12 }],
    { set: [{ kind: "visitor-reminder", dueAt: 8 }, { kind: "reengagement", dueAt: 12 }], cancel: ["auto-transfer"] },
  ],
] as const)("diffDeadlines: %s", (_name, current, wanted, expected) => {
  expect(diffDeadlines<string>(current, wanted)).toEqual(expected as never);
});

test("deadline keys are one per conversation and kind", () => {
  expect(deadlineKey("c_1", "auto-transfer")).toBe("conversation:c_1:auto-transfer");
  expect(deadlineKey("c_1", "auto-transfer")).not.toBe(deadlineKey("c_2", "auto-transfer"));
});
