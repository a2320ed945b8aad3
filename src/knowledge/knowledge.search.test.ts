import { describe, expect, test } from "bun:test";
import { KnowledgeIndex, knowledgeIndex, terms } from "./knowledge.search";

const articles = [
  { title: "Reset your password", body: "Open Settings, then Security, and choose Reset password. A link is e-mailed to you.", tags: ["account"] },
  { title: "Delivery times", body: "Orders ship within 2 days. Express delivery arrives the next day in most cities.", tags: ["shipping"] },
  { title: "Réseau et connexion", body: "Si la connexion échoue, redémarrez le routeur puis réessayez.", tags: ["network"] },
  { title: "Refunds", body: "A refund is issued to the original payment method within 5 business days. Password-protected PDFs are not accepted.", tags: ["billing", "account"] },
];

describe("knowledge search", () => {
  const index = new KnowledgeIndex(articles);

  test("title matches rank above body-only matches", () => {
    const hits = index.search("password");
    expect(hits.map((h) => h.article.title)).toEqual(["Reset your password", "Refunds"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  test("every word must match; the last word matches as a prefix while typing", () => {
    expect(index.search("express deliv").map((h) => h.article.title)).toEqual(["Delivery times"]);
    expect(index.search("express refund")).toEqual([]);
    expect(index.search("deliv ").map((h) => h.article.title)).toEqual([]);
  });

  test("accents and case do not matter", () => {
    expect(index.search("RESEAU").map((h) => h.article.title)).toEqual(["Réseau et connexion"]);
    expect(index.search("redemarrez").length).toBe(1);
  });

  test("tags count, and an excerpt is cut around the first match", () => {
    expect(index.search("billing").map((h) => h.article.title)).toEqual(["Refunds"]);
    const long = new KnowledgeIndex([{ title: "Long", body: `${"filler ".repeat(80)}the warranty lasts two years. ${"more ".repeat(80)}`, tags: [] }]);
    const [hit] = long.search("warranty");
    expect(hit!.excerpt.startsWith("…")).toBe(true);
    expect(hit!.excerpt).toContain("warranty lasts two years");
    expect(hit!.excerpt.length).toBeLessThan(210);
  });

  test("empty or punctuation-only queries find nothing; the index is built once per article list", () => {
    expect(index.search("  ?! ")).toEqual([]);
    expect(terms("Don't-panic: 42")).toEqual(["don", "panic", "42"]);
    expect(knowledgeIndex(articles)).toBe(knowledgeIndex(articles));
  });
});
