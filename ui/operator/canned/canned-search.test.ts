import { describe, expect, test } from "bun:test";
import { applyCanned, expandCanned, groupByTopic, hashQueryAt, searchCanned } from "./canned-search";

const responses = [
  { shortcut: "hello", topic: "Greetings", text: "Hello %VISITOR%, I am %OPERATOR%. How can I help?" },
  { shortcut: "refund", topic: "Billing", text: "Refunds take 5 business days." },
  { shortcut: "invoice", topic: "Billing", text: "You can download invoices from your account." },
  { shortcut: "bye", topic: "Greetings", text: "Thanks for chatting, %visitor%!" },
];

describe("canned responses", () => {
  test("# at the start of a word opens a search; inside a word it does not", () => {
    expect(hashQueryAt("#ref", 4)).toEqual({ start: 0, end: 4, query: "ref" });
    expect(hashQueryAt("hi #", 4)).toEqual({ start: 3, end: 4, query: "" });
    expect(hashQueryAt("see issue#12", 12)).toBeNull();
    expect(hashQueryAt("https://x.org/#top", 18)).toBeNull();
  });

  test("search ranks shortcut matches before topic and text matches", () => {
    expect(searchCanned(responses, "refund").map((r) => r.shortcut)).toEqual(["refund"]);
    expect(searchCanned(responses, "bill").map((r) => r.shortcut)).toEqual(["invoice", "refund"]);
    expect(searchCanned(responses, "download account").map((r) => r.shortcut)).toEqual(["invoice"]);
    expect(searchCanned(responses, "").map((r) => r.shortcut)).toEqual(["invoice", "refund", "bye", "hello"]);
    expect(searchCanned(responses, "zzz")).toEqual([]);
  });

  test("%VISITOR% and %OPERATOR% are expanded in any case, with a fallback for anonymous visitors", () => {
    expect(expandCanned(responses[0]!.text, { visitor: "Ada", operator: "Bob" }, "there")).toBe("Hello Ada, I am Bob. How can I help?");
    expect(expandCanned(responses[3]!.text, { visitor: null, operator: "Bob" }, "there")).toBe("Thanks for chatting, there!");
  });

  test("choosing a response replaces the #query and puts the caret after it", () => {
    const text = "Sure. #ref";
    const at = hashQueryAt(text, text.length)!;
    expect(applyCanned(text, at, "Refunds take 5 business days.")).toEqual({ value: "Sure. Refunds take 5 business days.", caret: 35 });
  });

  test("responses are grouped by topic", () => {
    expect(groupByTopic(responses).map(([topic, list]) => [topic, list.length])).toEqual([["Billing", 2], ["Greetings", 2]]);
  });
});
