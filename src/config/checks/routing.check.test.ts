import { describe, expect, test } from "bun:test";
import { errorsOf, issueAt, MINIMAL, positionOf, warningsOf } from "../config.fixtures";

const staffed = `${MINIMAL}    departments: [sales]\ndepartments:\n  - id: sales\n    name: Sales\n`;

describe("routing mode", () => {
  test('"department" needs at least one department', () => {
    const text = `${MINIMAL}routing:\n  mode: department\n`;
    const issue = issueAt(errorsOf(text), "routing.mode");
    expect(issue.message).toBe('routing mode "department" needs at least one department in departments');
    expect(issue).toMatchObject(positionOf(text, "department", "mode:"));
  });

  test('"url" needs at least one URL rule', () => {
    expect(issueAt(errorsOf(`${MINIMAL}routing:\n  mode: url\n`), "routing.mode").message).toBe('routing mode "url" needs at least one rule in routing.urlRules');
  });

  test("URL rules with another mode are a warning (they are ignored)", () => {
    const text = `${staffed}routing:\n  mode: department\n  urlRules:\n    - pattern: "*/pricing*"\n      department: sales\n`;
    const warnings = warningsOf(text);
    expect(warnings).toContain('/srv/parley/c.yaml:13:5 routing.urlRules: URL rules are ignored because routing.mode is "department" (they apply only with mode: url)');
  });
});

describe("URL rules", () => {
  const rules = (body: string) => `${staffed}routing:\n  mode: url\n  urlRules:\n${body}`;

  test("a valid rule set loads", () => {
    expect(warningsOf(rules(`    - pattern: "*/pricing*"\n      department: sales\n    - pattern: "*"\n      operators: [alice]\n`))).toEqual([]);
  });

  test("a rule with both department and operators is an error", () => {
    const text = rules(`    - pattern: "*"\n      department: sales\n      operators: [alice]\n`);
    const issue = issueAt(errorsOf(text), "routing.urlRules[0]");
    expect(issue.message).toBe("a URL rule needs exactly one of department or operators, found both");
    expect(issue).toMatchObject(positionOf(text, "pattern"));
  });

  test("a rule with neither is an error", () => {
    expect(issueAt(errorsOf(rules(`    - pattern: "*"\n`)), "routing.urlRules[0]").message).toContain("found neither");
  });

  test("an unknown department or operator is an error at that name", () => {
    const text = rules(`    - pattern: "/a*"\n      department: billing\n    - pattern: "/b*"\n      operators: [alice, zoe]\n`);
    const errors = errorsOf(text);
    expect(issueAt(errors, "routing.urlRules[0].department")).toMatchObject({ message: 'unknown department "billing"', ...positionOf(text, "billing") });
    expect(issueAt(errors, "routing.urlRules[1].operators[1]")).toMatchObject({ message: 'unknown operator "zoe"', ...positionOf(text, "zoe") });
  });
});
