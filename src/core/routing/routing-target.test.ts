import { describe, expect, test } from "bun:test";
import { AppError } from "../errors";
import { makeConfig, operator } from "../conversation/engine.testkit";
import { globToRegExp, matchUrlRule, requiredSkills, resolveTarget } from "./routing-target";

describe("URL globs", () => {
  test.each([
    ["https://shop.example.com/*", "https://shop.example.com/cart?id=1", true],
    ["https://shop.example.com/*", "https://blog.example.com/", false],
    ["*://*.example.com/pricing*", "http://www.example.com/pricing/teams", true],
    ["*/checkout", "https://example.com/checkout", true],
    ["*/checkout", "https://example.com/checkout/step2", false],
    ["https://example.com/a.b", "https://example.com/aXb", false],
    ["https://EXAMPLE.com/*", "https://example.com/x", true],
    ["https://example.com/(x)+", "https://example.com/(x)+", true],
  ])("%s matches %s: %p", (pattern, url, expected) => {
    expect(globToRegExp(pattern).test(url)).toBe(expected);
  });

  test("the first matching rule wins", () => {
    const rules = [
      { pattern: "*/pricing*", department: "sales" },
      { pattern: "*", operators: ["ann"] },
    ];
    expect(matchUrlRule(rules, "https://x.com/pricing")?.department).toBe("sales");
    expect(matchUrlRule(rules, "https://x.com/help")?.operators).toEqual(["ann"]);
    expect(matchUrlRule([], "https://x.com/")).toBeNull();
  });
});

describe("routing target by mode", () => {
  const base = {
    operators: [operator("ann")],
    departments: [
      { id: "sales", name: "Sales", skills: ["french"] },
      { id: "support", name: "Support" },
    ],
  };

  test("department mode: the visitor's pick, validated; no pick = anyone", () => {
    const config = makeConfig({ ...base, routing: { mode: "department" } });
    expect(resolveTarget(config, { department: "sales" })).toEqual({ department: "sales", targetOperatorIds: null });
    expect(resolveTarget(config, {})).toEqual({ department: null, targetOperatorIds: null });
    expect(() => resolveTarget(config, { department: "nope" })).toThrow(AppError);
    try {
      resolveTarget(config, { department: "nope" });
    } catch (e) {
      expect((e as AppError).code).toBe("department.not_found");
    }
  });

  test("url mode: the matching rule decides and a department sent by the widget is ignored", () => {
    const config = makeConfig({
      ...base,
      routing: { mode: "url", urlRules: [{ pattern: "*/fr/*", department: "support" }, { pattern: "*/vip/*", operators: ["ann"] }] },
    });
    expect(resolveTarget(config, { pageUrl: "https://x.com/fr/page", department: "sales" })).toEqual({ department: "support", targetOperatorIds: null });
    expect(resolveTarget(config, { pageUrl: "https://x.com/vip/page" })).toEqual({ department: null, targetOperatorIds: ["ann"] });
    expect(resolveTarget(config, { pageUrl: "https://x.com/other", department: "sales" })).toEqual({ department: null, targetOperatorIds: null });
  });

  test("none mode: anyone", () => {
    const config = makeConfig({ ...base, routing: { mode: "none" } });
    expect(resolveTarget(config, { department: "sales", pageUrl: "https://x.com/" })).toEqual({ department: null, targetOperatorIds: null });
  });

  test("required skills combine the department's and the conversation's own", () => {
    const config = makeConfig(base);
    expect(requiredSkills(config, "sales", ["billing", "french"])).toEqual(["french", "billing"]);
    expect(requiredSkills(config, null, ["billing"])).toEqual(["billing"]);
  });
});
