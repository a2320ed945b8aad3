import { describe, expect, test } from "bun:test";
import type { RoutingCandidate, RoutingConversation } from "../parley-plugin";
import { builtinStrategy, candidate, conversation, optionsFor } from "../../src/plugins/plugin.fixtures";

// Test departments: sales requires "sales", support requires "tech".
const strategy = builtinStrategy("skills-match");
const pick = (c: Partial<RoutingConversation>, candidates: RoutingCandidate[], options: Record<string, unknown> = {}) =>
  strategy.pick({ conversation: conversation(c), candidates, now: 10_000, options: optionsFor(strategy, options) });

describe("skills-match", () => {
  test("only operators with every required skill are considered, case-insensitively", () => {
    const team = [candidate("ann", { skills: ["billing"] }), candidate("bob", { skills: ["Billing", "tech"], activeConversations: 2 })];
    expect(pick({ requiredSkills: ["billing", "tech"] }, team)).toEqual({ operatorId: "bob", reason: "skills match: BOB has 2 of 2 required skills, 0 preferred, least busy among them" });
  });

  test("nobody qualified: queued by default, with the missing skills in the reason", () => {
    expect(pick({ requiredSkills: ["tech", "de"] }, [candidate("ann", { skills: ["tech"] })])).toEqual({ queue: true, reason: "no available operator has every required skill (tech, de)" });
  });

  test('nobody qualified with fallback "any": the operator with the most required skills, then least busy', () => {
    const team = [candidate("ann", { skills: ["tech"], activeConversations: 2 }), candidate("bob", { skills: [] }), candidate("cid", { skills: ["tech"], activeConversations: 1 })];
    expect(pick({ requiredSkills: ["tech", "de"] }, team, { fallback: "any" })).toMatchObject({ operatorId: "cid" });
  });

  test("the conversation's language is preferred among qualified operators, including its primary subtag", () => {
    const team = [candidate("ann", { skills: ["tech"] }), candidate("bob", { skills: ["tech", "fr"], activeConversations: 2 })];
    expect(pick({ requiredSkills: ["tech"], language: "fr-CA" }, team)).toMatchObject({ operatorId: "bob" });
    expect(pick({ requiredSkills: ["tech"], language: "fr-CA" }, team, { preferLanguage: false })).toMatchObject({ operatorId: "ann" });
  });

  test("languageSkillPrefix matches skills written like lang:fr", () => {
    const team = [candidate("ann"), candidate("bob", { skills: ["lang:fr"], activeConversations: 1 })];
    expect(pick({ language: "fr" }, team)).toMatchObject({ operatorId: "ann" });
    expect(pick({ language: "fr" }, team, { languageSkillPrefix: "lang:" })).toMatchObject({ operatorId: "bob" });
  });

  test("the department's skills are preferred even when the conversation does not require them", () => {
    const team = [candidate("ann"), candidate("bob", { skills: ["sales"], activeConversations: 2 })];
    expect(pick({ department: "sales" }, team)).toMatchObject({ operatorId: "bob" });
    expect(pick({ department: "support" }, team)).toMatchObject({ operatorId: "ann" });
  });
});
