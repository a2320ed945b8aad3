import { describe, expect, test } from "bun:test";
import { errorsOf, issueAt, MINIMAL, positionOf, warningsOf } from "../config.fixtures";

describe("statuses", () => {
  test("an optional status cannot reuse a built-in id", () => {
    const text = `${MINIMAL}statuses:\n  - id: break\n    label: Lunch\n`;
    const issue = issueAt(errorsOf(text), "statuses[0].id");
    expect(issue.message).toBe('"break" is a built-in status (connected, break, offline); choose another id');
    expect(issue).toMatchObject(positionOf(text, "break"));
  });

  test("status ids are unique", () => {
    const text = `${MINIMAL}statuses:\n  - id: phone\n    label: Phone\n  - id: phone\n    label: On the phone\n`;
    expect(issueAt(errorsOf(text), "statuses[1].id").message).toBe('duplicate status id "phone" (first defined at line 7)');
  });

  test("re-engagement statuses must exist, built-in or optional", () => {
    const text = `${MINIMAL}statuses:\n  - id: phone\n    label: Phone\ntimeouts:\n  reengagementStatuses: [connected, phone, lunch]\n`;
    const issue = issueAt(errorsOf(text), "timeouts.reengagementStatuses[2]");
    expect(issue.message).toBe('unknown status "lunch" (statuses: connected, break, offline, phone)');
    expect(issue).toMatchObject(positionOf(text, "lunch"));
  });

  test("a still-busy notice that can never show is a warning", () => {
    const warnings = warningsOf(`${MINIMAL}statuses:\n  - id: searching\n    label: Searching\n    stillBusyNotice: Still searching\n`);
    expect(warnings.some((w) => w.includes("statuses[0].stillBusyNotice: stillBusyNotice is never shown"))).toBe(true);
  });
});

describe("questionnaires", () => {
  const q = (id: string, when: string) => `  - id: ${id}\n    plugin: csat\n    when: ${when}\n`;

  test("ids are unique", () => {
    expect(issueAt(errorsOf(`${MINIMAL}questionnaires:\n${q("survey", "visitorEnd")}${q("survey", "manual")}`), "questionnaires[1].id").message).toBe(
      'duplicate questionnaire id "survey" (first defined at line 7)',
    );
  });

  test("one automatic questionnaire per moment; manual ones are unlimited", () => {
    const text = `${MINIMAL}questionnaires:\n${q("a", "visitorEnd")}${q("b", "visitorEnd")}${q("c", "manual")}${q("d", "manual")}`;
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(["questionnaires[1].when"]);
    expect(errors[0]!.message).toStartWith("duplicate questionnaire for visitorEnd");
  });
});

describe("canned responses", () => {
  const staffed = `${MINIMAL}    departments: [sales, support]\ndepartments:\n  - { id: sales, name: Sales }\n  - { id: support, name: Support }\n`;
  const canned = (shortcut: string, department?: string) => `  - shortcut: ${shortcut}\n    text: Hello %VISITOR%\n${department ? `    department: ${department}\n` : ""}`;

  test("the same shortcut in two departments is fine", () => {
    expect(warningsOf(`${staffed}cannedResponses:\n${canned("hi", "sales")}${canned("hi", "support")}${canned("hi")}`)).toEqual([]);
  });

  test("the same shortcut twice in one department is an error", () => {
    const text = `${staffed}cannedResponses:\n${canned("hi", "sales")}${canned("hi", "sales")}`;
    expect(issueAt(errorsOf(text), "cannedResponses[1].shortcut").message).toBe('duplicate shortcut "hi" in department sales (first defined at line 11)');
  });

  test("the same shortcut twice among the responses for all departments is an error", () => {
    const text = `${staffed}cannedResponses:\n${canned("bye")}${canned("bye")}`;
    expect(issueAt(errorsOf(text), "cannedResponses[1].shortcut").message).toContain('"bye" in the responses for all departments');
  });

  test("a canned response's department must exist", () => {
    expect(issueAt(errorsOf(`${staffed}cannedResponses:\n${canned("hi", "billing")}`), "cannedResponses[0].department").message).toBe('unknown department "billing"');
  });
});

describe("widget fields", () => {
  test("a select field needs options", () => {
    const text = `${MINIMAL}widget:\n  preChatFields:\n    - id: topic\n      label: Topic\n      type: select\n`;
    expect(issueAt(errorsOf(text), "widget.preChatFields[0].options").message).toBe('select field "topic" needs options to choose from');
  });

  test("field ids are unique within a form", () => {
    const text = `${MINIMAL}widget:\n  visitorProfileFields:\n    - { id: plan, label: Plan }\n    - { id: plan, label: Plan again }\n`;
    expect(issueAt(errorsOf(text), "widget.visitorProfileFields[1].id").message).toBe('duplicate field id "plan" (first defined at line 8)');
  });

  test("options on a non-select field are ignored with a warning", () => {
    const warnings = warningsOf(`${MINIMAL}widget:\n  preChatFields:\n    - { id: name, label: Name, options: [a] }\n`);
    expect(warnings.some((w) => w.includes("widget.preChatFields[0].options: options are ignored"))).toBe(true);
  });
});
