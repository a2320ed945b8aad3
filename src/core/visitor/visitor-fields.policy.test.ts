import { describe, expect, test } from "bun:test";
import type { FieldConfig } from "../../config/schema";
import { AppError } from "../errors";
import { checkVisitorFields, type VisitorFieldsConfig } from "./visitor-fields.policy";

const field = (id: string, type: FieldConfig["type"], extra: Partial<FieldConfig> = {}): FieldConfig => ({ id, label: id.toUpperCase(), type, required: false, ...extra });

const config: VisitorFieldsConfig = {
  preChatFields: [
    field("name", "text", { required: true }),
    field("topic", "select", { required: true, options: ["Billing", "Delivery"] }),
    field("phone", "tel"),
    field("details", "textarea"),
  ],
  visitorProfileFields: [field("customer-number", "text"), field("plan", "select", { options: ["Free", "Pro"] }), field("contact", "email", { required: true })],
};

/** The AppError `run` throws (fails the test when it throws nothing or something else). */
function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("checkVisitorFields", () => {
  test("accepts configured pre-chat answers and host profile fields, trimmed, empty ones left out", () => {
    const fields = checkVisitorFields(
      { name: "  Vera ", topic: "Billing", phone: "+33 1 23 45 67 89", details: "line one\nline two", "customer-number": "42", plan: "Pro", contact: "" },
      config,
    );
    expect(fields).toEqual({ name: "Vera", topic: "Billing", phone: "+33 1 23 45 67 89", details: "line one\nline two", "customer-number": "42", plan: "Pro" });
  });

  test("a key no field declares is refused with field.unknown, naming it", () => {
    const error = refusal(() => checkVisitorFields({ name: "Vera", topic: "Billing", isAdmin: "yes" }, config));
    expect(error.code).toBe("field.unknown");
    expect(error.details).toEqual({ field: "isAdmin" });
    expect(error.status).toBe(400);
  });

  test("name and email are the visitor's identity: accepted without a field declaring them", () => {
    expect(checkVisitorFields({ name: "Vera", email: "vera@example.org" }, { preChatFields: [], visitorProfileFields: [] })).toEqual({ name: "Vera", email: "vera@example.org" });
    expect(refusal(() => checkVisitorFields({ email: "vera" }, { preChatFields: [], visitorProfileFields: [] })).details).toEqual({ field: "email", reason: "email" });
  });

  test("a required pre-chat field missing or blank is refused with field.required", () => {
    const missing = refusal(() => checkVisitorFields({ topic: "Billing" }, config));
    expect(missing.code).toBe("field.required");
    expect(missing.details).toEqual({ field: "name" });
    expect(refusal(() => checkVisitorFields({ name: "   ", topic: "Billing" }, config)).details).toEqual({ field: "name" });
    expect(refusal(() => checkVisitorFields(undefined, config)).code).toBe("field.required");
  });

  test("required means nothing for a profile field: the visitor never answers it, the host page may not set it", () => {
    expect(checkVisitorFields({ name: "Vera", topic: "Delivery" }, config)).toEqual({ name: "Vera", topic: "Delivery" });
  });

  test("a select value must be one of the options (exact match)", () => {
    const error = refusal(() => checkVisitorFields({ name: "Vera", topic: "Not an option" }, config));
    expect(error.code).toBe("field.invalid");
    expect(error.details).toEqual({ field: "topic", reason: "option" });
    expect(error.message).toContain("Billing, Delivery");
    expect(refusal(() => checkVisitorFields({ name: "Vera", topic: "billing" }, config)).details).toEqual({ field: "topic", reason: "option" });
    expect(refusal(() => checkVisitorFields({ name: "Vera", topic: "Billing", plan: "Enterprise" }, config)).details).toEqual({ field: "plan", reason: "option" });
  });

  test("values are bounded by their type's length", () => {
    expect(refusal(() => checkVisitorFields({ name: "x".repeat(201), topic: "Billing" }, config)).details).toEqual({ field: "name", reason: "too_long" });
    expect(checkVisitorFields({ name: "x".repeat(200), topic: "Billing", details: "y".repeat(1000) }, config).details).toHaveLength(1000);
    expect(refusal(() => checkVisitorFields({ name: "Vera", topic: "Billing", phone: "1".repeat(41) }, config)).details).toEqual({ field: "phone", reason: "too_long" });
  });

  test("e-mail and telephone values must look like one", () => {
    expect(refusal(() => checkVisitorFields({ name: "Vera", topic: "Billing", contact: "not-an-address" }, config)).details).toEqual({ field: "contact", reason: "email" });
    expect(refusal(() => checkVisitorFields({ name: "Vera", topic: "Billing", phone: "call me" }, config)).details).toEqual({ field: "phone", reason: "tel" });
    expect(checkVisitorFields({ name: "Vera", topic: "Billing", phone: "(555) 010-4477 ext. 12" }, config).phone).toBe("(555) 010-4477 ext. 12");
  });

  test("line breaks only in a textarea; control characters nowhere", () => {
    expect(refusal(() => checkVisitorFields({ name: "Vera\nAdmin", topic: "Billing" }, config)).details).toEqual({ field: "name", reason: "control_characters" });
    expect(refusal(() => checkVisitorFields({ name: "Vera", topic: "Billing", details: "bell\u0007" }, config)).details).toEqual({ field: "details", reason: "control_characters" });
    expect(checkVisitorFields({ name: "Vera", topic: "Billing", details: "a\r\nb\tc" }, config).details).toBe("a\r\nb\tc");
  });

  test("a pre-chat field and a profile field of the same id: the pre-chat definition applies", () => {
    const both: VisitorFieldsConfig = { preChatFields: [field("plan", "select", { options: ["Basic"] })], visitorProfileFields: [field("plan", "text")] };
    expect(refusal(() => checkVisitorFields({ plan: "anything" }, both)).details).toEqual({ field: "plan", reason: "option" });
    expect(checkVisitorFields({ plan: "Basic" }, both)).toEqual({ plan: "Basic" });
  });
});
