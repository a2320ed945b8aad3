import { describe, expect, test } from "bun:test";
import { knowledgeTitleFor } from "./knowledge-source";

const article = { title: "Returns", body: "Return any item\nwithin 30 days." };

describe("a reply's knowledge base source", () => {
  test("kept while the article's text is in the reply, even with words around it", () => {
    expect(knowledgeTitleFor("Return any item\nwithin 30 days.", article)).toBe("Returns");
    expect(knowledgeTitleFor("Hello Ada! Return any item within 30 days.  Anything else?", article)).toBe("Returns");
  });

  test("dropped once the operator rewrites it, or when nothing was inserted", () => {
    expect(knowledgeTitleFor("Return any item within 14 days.", article)).toBeNull();
    expect(knowledgeTitleFor("Return any item within 30 days.", null)).toBeNull();
  });
});
