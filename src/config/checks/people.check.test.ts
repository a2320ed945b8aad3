import { describe, expect, test } from "bun:test";
import { errorsOf, issueAt, MINIMAL, positionOf, warningsOf } from "../config.fixtures";

const bob = (fields = "") => `  - id: bob\n    name: Bob\n    email: bob@example.com\n${fields}`;

describe("operators", () => {
  test("a repeated operator id is an error at the repeat naming the first line", () => {
    const text = `${MINIMAL}  - id: alice\n    name: Alice Two\n    email: alice2@example.com\n`;
    const issue = issueAt(errorsOf(text), "operators[1].id");
    expect(issue.message).toBe('duplicate operator id "alice" (first defined at line 2)');
    expect(issue).toMatchObject({ line: 6, column: 9 });
  });

  test("e-mails are logins: a repeat in another case is a duplicate", () => {
    const text = `${MINIMAL}${bob().replace("bob@example.com", "ALICE@example.com")}`;
    expect(issueAt(errorsOf(text), "operators[1].email").message).toBe('duplicate operator e-mail "alice@example.com" (first defined at line 4)');
  });

  test("an operator's department must exist", () => {
    const text = `${MINIMAL}    departments: [sales, billing]\ndepartments:\n  - id: sales\n    name: Sales\n`;
    const issue = issueAt(errorsOf(text), "operators[0].departments[1]");
    expect(issue.message).toBe('unknown department "billing" (departments: sales)');
    expect(issue).toMatchObject(positionOf(text, "billing"));
  });

  test("at least one admin", () => {
    const text = MINIMAL.replace("role: admin", "role: manager");
    const issue = issueAt(errorsOf(text), "operators");
    expect(issue.message).toBe("at least one operator needs role: admin");
    expect(issue.line).toBe(2);
  });

  test("offline messages without smtp is a warning, not an error", () => {
    const warnings = warningsOf(`${MINIMAL}${bob("    receivesOfflineMessages: true\n")}`);
    expect(warnings).toContain('/srv/parley/c.yaml:9:30 operators[1].receivesOfflineMessages: operator "bob" receives offline messages but there is no smtp section, so offline messages cannot be e-mailed');
  });

  test("offline messages with smtp: no warning", () => {
    const warnings = warningsOf(`${MINIMAL}${bob("    receivesOfflineMessages: true\n")}smtp:\n  host: mail\n  from: chat@example.com\n`);
    expect(warnings.filter((w) => w.includes("offline"))).toEqual([]);
  });
});

describe("departments", () => {
  test("a repeated department id is an error", () => {
    const text = `${MINIMAL}    departments: [sales]\ndepartments:\n  - id: sales\n    name: Sales\n  - id: sales\n    name: Sales again\n`;
    const issue = issueAt(errorsOf(text), "departments[1].id");
    expect(issue.message).toBe('duplicate department id "sales" (first defined at line 8)');
    expect(issue.line).toBe(10);
  });

  test("a department nobody belongs to is a warning", () => {
    const warnings = warningsOf(`${MINIMAL}departments:\n  - id: sales\n    name: Sales\n`);
    expect(warnings.some((w) => w.includes('departments[0].id: no operator belongs to department "sales"'))).toBe(true);
  });
});
