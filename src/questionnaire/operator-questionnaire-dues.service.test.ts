import { describe, expect, test } from "bun:test";
import { testConfig } from "../auth/auth.fixtures";
import type { Config } from "../config/schema";
import { harness, staff, visitor } from "../core/conversation/engine.testkit";
import { openDatabase } from "../storage/db";
import { OperatorQuestionnaireDueRepository } from "../storage/repositories/operator-questionnaire-dues.repository";
import { MAX_LISTED_DUES, OperatorQuestionnaireDues } from "./operator-questionnaire-dues.service";

const WRAPUP = { id: "wrapup", plugin: "operator-wrapup", when: "operatorEnd" };

async function setup(questionnaires: unknown[] = [WRAPUP]) {
  let config: Config = await testConfig((raw) => (raw.questionnaires = questionnaires));
  const answered = new Set<string>();
  const repository = new OperatorQuestionnaireDueRepository(openDatabase(":memory:").db);
  const dues = new OperatorQuestionnaireDues({ repository, config: () => config, answered: (c, q, o) => answered.has(`${c}/${q}/${o}`) });
  const h = harness(config);
  h.engine.subscribe(dues.onEngineEvent);
  h.engine.operatorConnected("olga");
  const chat = (visitorId: string) => {
    const out = h.engine.startConversation({ visitor: { id: visitorId, name: visitorId }, department: "support" });
    if (out.outcome === "refused") throw new Error(out.reason);
    return out.conversation.id;
  };
  const reconfigure = async (next: unknown[]) => (config = await testConfig((raw) => (raw.questionnaires = next)));
  return { h, dues, chat, answered, reconfigure, pending: (operator = "olga") => dues.pendingFor(operator).map((d) => d.conversationId) };
}

describe("operator questionnaire dues", () => {
  test("whoever ends the conversation, the operator who had it owes the questionnaire, newest first", async () => {
    const s = await setup();
    const a = s.chat("v1");
    const b = s.chat("v2");
    s.h.engine.endConversation(a, visitor("v1"));
    s.h.advance(1000);
    s.h.engine.endConversation(b, staff("mia", "manager"));
    expect(s.pending()).toEqual([b, a]);
    expect(s.dues.pendingFor("olga")[0]).toEqual({ conversationId: b, questionnaireId: "wrapup", endedAt: s.h.clock.now() });
    expect(s.pending("mia")).toEqual([]);
  });

  test("a conversation that never reached an operator owes nothing", async () => {
    const s = await setup();
    s.h.engine.setOperatorStatus("olga", "break");
    const id = s.chat("v9");
    expect(s.h.engine.conversationDetails(id)?.operatorId).toBeNull();
    s.h.engine.endConversation(id, visitor("v9"));
    expect(s.pending()).toEqual([]);
  });

  test("answering clears the due; an answer given during the chat means nothing is owed at the end", async () => {
    const s = await setup();
    const a = s.chat("v1");
    const b = s.chat("v2");
    s.answered.add(`${b}/wrapup/olga`);
    s.h.engine.endConversation(a, staff("olga"));
    s.h.engine.endConversation(b, staff("olga"));
    expect(s.pending()).toEqual([a]);
    s.dues.answered(a, "another");
    expect(s.pending()).toEqual([a]);
    s.dues.answered(a, "wrapup");
    expect(s.pending()).toEqual([]);
  });

  test("no operator questionnaire configured: nothing is recorded; one replaced: old dues are not listed", async () => {
    const s = await setup([]);
    s.h.engine.endConversation(s.chat("v1"), staff("olga"));
    expect(s.pending()).toEqual([]);
    await s.reconfigure([WRAPUP]);
    expect(s.pending()).toEqual([]);
    const b = s.chat("v2");
    s.h.engine.endConversation(b, staff("olga"));
    expect(s.pending()).toEqual([b]);
    await s.reconfigure([{ ...WRAPUP, id: "wrapup2" }]);
    expect(s.pending()).toEqual([]);
  });

  test("the list is bounded", async () => {
    const s = await setup();
    for (let i = 0; i < MAX_LISTED_DUES + 3; i++) {
      const id = s.chat(`v${i}`);
      s.h.engine.endConversation(id, staff("olga"));
    }
    expect(s.pending()).toHaveLength(MAX_LISTED_DUES);
  });
});
