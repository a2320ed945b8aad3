import { describe, expect, test } from "bun:test";
import { cannedResponsesFor, cannedViews, expandPlaceholders } from "./canned.service";

const responses = [
  { shortcut: "hello", topic: "Greetings", text: "Hello %VISITOR%, I am %OPERATOR%. How can I help?" },
  { shortcut: "refund", topic: "Billing", text: "Refunds take 5 days.", department: "sales" },
  { shortcut: "reset", topic: "Account", text: "Use the reset link.", department: "support" },
];

describe("canned responses", () => {
  test("placeholders are expanded; a missing visitor name leaves a natural sentence", () => {
    expect(expandPlaceholders(responses[0]!.text, { visitor: "Vera", operator: "Olga" })).toBe("Hello Vera, I am Olga. How can I help?");
    expect(expandPlaceholders(responses[0]!.text, { visitor: null, operator: "Olga" })).toBe("Hello, I am Olga. How can I help?");
    expect(expandPlaceholders("%VISITOR% %VISITOR%", { visitor: "A", operator: "B" })).toBe("A A");
  });

  test("a conversation's department selects its responses plus the global ones", () => {
    expect(cannedResponsesFor(responses, { department: "sales" }).map((r) => r.shortcut)).toEqual(["refund", "hello"]);
    expect(cannedResponsesFor(responses, { department: null }).map((r) => r.shortcut)).toEqual(["hello"]);
  });

  test("without a conversation, the operator's departments decide; supervisors get all", () => {
    expect(cannedResponsesFor(responses, { departments: ["support"] }).map((r) => r.shortcut)).toEqual(["reset", "hello"]);
    expect(cannedResponsesFor(responses, { departments: "all" }).length).toBe(3);
    expect(cannedViews(cannedResponsesFor(responses, { departments: [] }), { visitor: null, operator: "Olga" })).toEqual([
      { shortcut: "hello", topic: "Greetings", text: "Hello, I am Olga. How can I help?", department: null },
    ]);
  });
});
