import { describe, expect, test } from "bun:test";
import { codeOf, harness, makeConfig, operator, staff, visitor } from "./engine.testkit";
import type { StartOutcome } from "./start.service";

const ARTICLE = { title: "Returns", body: "Return any item within 30 days.", tags: [], url: "https://help.example.com/returns" };

function chat(asOperator: boolean) {
  const h = harness(makeConfig({ operators: [operator("ann")], knowledgeBase: { articles: [ARTICLE] }, conversations: { knowledgeAnswersAsOperator: asOperator } }));
  h.engine.operatorConnected("ann");
  const out: StartOutcome = h.engine.startConversation({ visitor: { id: "v1" } });
  return { h, id: out.outcome === "refused" ? "" : out.conversation.id };
}

describe("knowledge base answers (conversations.knowledgeAnswersAsOperator)", () => {
  test("an answer sent from the knowledge panel records its article and how the visitor sees it", () => {
    for (const asOperator of [true, false]) {
      const { h, id } = chat(asOperator);
      const e = h.engine.postMessage(id, staff("ann"), { text: ARTICLE.body, clientId: "k1", knowledgeTitle: "Returns" });
      expect(e.payload).toEqual({ file: null, source: { kind: "knowledge", title: "Returns", url: ARTICLE.url, asOperator } });
    }
  });

  test("an ordinary message has no source; an unknown article is refused precisely", () => {
    const { h, id } = chat(false);
    expect(h.engine.postMessage(id, staff("ann"), { text: "my own words", clientId: "m1" }).payload).toEqual({ file: null });
    expect(codeOf(() => h.engine.postMessage(id, staff("ann"), { text: "x", clientId: "m2", knowledgeTitle: "Gone" }))).toBe("request.invalid");
    // A visitor cannot claim the knowledge base.
    expect(h.engine.postMessage(id, visitor("v1"), { text: "hi", clientId: "v-1", knowledgeTitle: "Returns" }).payload).toEqual({ file: null });
  });
});
