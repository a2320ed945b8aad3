import { describe, expect, test } from "bun:test";
import { errorsOf, issueAt, MINIMAL, parse, warningsOf } from "../config.fixtures";

describe("visitors.additionalInfoFields", () => {
  test("defaults: no field, auto-reply off with English and French texts", () => {
    const result = parse(MINIMAL);
    if (!result.ok) throw new Error("MINIMAL must load");
    expect(result.config.visitors.additionalInfoFields).toEqual([]);
    expect(result.config.offlineMessages.autoReply.enabled).toBe(false);
    expect(result.config.offlineMessages.autoReply.subject.fr).toBe("Nous avons bien reçu votre message");
    expect(result.config.offlineMessages.autoReply.text.en).toContain("%VISITOR%");
  });

  test("a field's type defaults to text; date and textarea are accepted", () => {
    const result = parse(`${MINIMAL}visitors:\n  additionalInfoFields:\n    - { id: account, label: Account }\n    - { id: due, label: Due, type: date }\n`);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
    expect(result.config.visitors.additionalInfoFields.map((f) => f.type)).toEqual(["text", "date"]);
  });

  test("an unknown type is refused", () => {
    expect(errorsOf(`${MINIMAL}visitors:\n  additionalInfoFields:\n    - { id: tel, label: Phone, type: tel }\n`).some((e) => e.path.startsWith("visitors.additionalInfoFields[0].type"))).toBe(true);
  });

  test("a select field needs options", () => {
    const text = `${MINIMAL}visitors:\n  additionalInfoFields:\n    - id: segment\n      label: Segment\n      type: select\n`;
    expect(issueAt(errorsOf(text), "visitors.additionalInfoFields[0].options").message).toBe('select field "segment" needs options to choose from');
  });

  test("field ids are unique", () => {
    const text = `${MINIMAL}visitors:\n  additionalInfoFields:\n    - { id: plan, label: Plan }\n    - { id: plan, label: Plan again }\n`;
    expect(issueAt(errorsOf(text), "visitors.additionalInfoFields[1].id").message).toBe('duplicate field id "plan" (first defined at line 8)');
  });

  test("options on a text field and maxLength on a date are ignored with a warning", () => {
    const warnings = warningsOf(`${MINIMAL}visitors:\n  additionalInfoFields:\n    - { id: a, label: A, options: [x] }\n    - { id: d, label: D, type: date, maxLength: 3 }\n`);
    expect(warnings.some((w) => w.includes("visitors.additionalInfoFields[0].options: options are ignored"))).toBe(true);
    expect(warnings.some((w) => w.includes("visitors.additionalInfoFields[1].maxLength: maxLength is ignored"))).toBe(true);
  });
});

describe("offlineMessages.autoReply", () => {
  test("enabled without smtp is a warning", () => {
    const warnings = warningsOf(`${MINIMAL}offlineMessages:\n  autoReply:\n    enabled: true\n`);
    expect(warnings.some((w) => w.includes("offlineMessages.autoReply.enabled: the offline auto-reply is enabled but there is no smtp section"))).toBe(true);
  });

  test("one language given keeps the other's default; an unknown language is refused", () => {
    const result = parse(`${MINIMAL}offlineMessages:\n  autoReply:\n    subject:\n      en: Thanks %VISITOR%\n`);
    if (!result.ok) throw new Error("must load");
    expect(result.config.offlineMessages.autoReply.subject).toEqual({ en: "Thanks %VISITOR%", fr: "Nous avons bien reçu votre message" });
    expect(errorsOf(`${MINIMAL}offlineMessages:\n  autoReply:\n    subject:\n      de: Danke\n`).length).toBeGreaterThan(0);
  });
});
