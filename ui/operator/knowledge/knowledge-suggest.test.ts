import { describe, expect, test } from "bun:test";
import { keywordsOf, mergeSuggestions } from "./knowledge-suggest";

describe("knowledge suggestions from the visitor's question", () => {
  test("stop words and short words are dropped, longest words first", () => {
    expect(keywordsOf("How do I reset my password?")).toEqual(["password", "reset"]);
    expect(keywordsOf("Bonjour, comment changer mon mot de passe ?")).toEqual(["changer", "passe"]);
    expect(keywordsOf("ok")).toEqual([]);
    expect(keywordsOf("invoice invoice refund delivery tracking number 12345", 3)).toEqual(["delivery", "tracking", "invoice"]);
  });

  test("articles found by more keywords rank first", () => {
    const password = [{ title: "Reset your password", score: 1 }, { title: "Account security", score: 2 }];
    const reset = [{ title: "Reset your password", score: 1.5 }, { title: "Reset the router", score: 3 }];
    expect(mergeSuggestions([password, reset]).map((h) => h.title)).toEqual(["Reset your password", "Reset the router", "Account security"]);
  });
});
