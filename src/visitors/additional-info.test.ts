import { describe, expect, test } from "bun:test";
import { testConfig } from "../auth/auth.fixtures";
import type { AdditionalInfoFieldConfig } from "../config/schema";
import { ManualClock } from "../core/clock";
import { AppError } from "../core/errors";
import { openDatabase } from "../storage/db";
import { VisitorAdditionalInfoRepository } from "../storage/repositories/visitor-additional-info.repository";
import { checkAdditionalInfoEdit, isCalendarDate } from "./additional-info.model";
import { VisitorAdditionalInfoService } from "./additional-info.service";

const FIELDS: AdditionalInfoFieldConfig[] = [
  { id: "account", label: "Account", type: "text", maxLength: 8 },
  { id: "segment", label: "Segment", type: "select", options: ["Consumer", "Enterprise"] },
  { id: "due", label: "Follow up", type: "date" },
  { id: "summary", label: "Summary", type: "textarea" },
];

function refusal(values: Record<string, string | null>): { code: string; message: string; field: unknown } {
  try {
    checkAdditionalInfoEdit(FIELDS, values);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, field: error.details?.field };
    throw error;
  }
  throw new Error("the edit was accepted");
}

describe("checking an edit against the configured fields", () => {
  test("accepts each type, trims, and turns null or blank into clearing", () => {
    const edit = checkAdditionalInfoEdit(FIELDS, { account: "  A-42 ", segment: "Enterprise", due: "2028-02-29", summary: "line 1\r\nline 2\n" });
    expect([...edit.set]).toEqual([["account", "A-42"], ["segment", "Enterprise"], ["due", "2028-02-29"], ["summary", "line 1\nline 2"]]);
    expect(checkAdditionalInfoEdit(FIELDS, { account: null, summary: "   " }).clear).toEqual(["account", "summary"]);
  });

  test("an unknown field is field.unknown naming it and the configured ones", () => {
    expect(refusal({ acount: "1" })).toEqual({ code: "field.unknown", message: 'unknown additional information field "acount" (fields: account, segment, due, summary)', field: "acount" });
  });

  test("wrong values are field.invalid naming the field and the rule", () => {
    expect(refusal({ segment: "Gold" })).toMatchObject({ code: "field.invalid", message: 'Segment (segment): "Gold" is not one of the options (Consumer, Enterprise)', field: "segment" });
    expect(refusal({ due: "2027-02-29" }).message).toBe('Follow up (due): "2027-02-29" is not a date written YYYY-MM-DD');
    expect(refusal({ due: "05/01/2027" }).code).toBe("field.invalid");
    expect(refusal({ account: "123456789" }).message).toBe("Account (account): at most 8 characters (got 9)");
    expect(refusal({ account: "a\nb" }).message).toBe("Account (account): must be one line");
    expect(refusal({ summary: "x".repeat(2001) }).message).toBe("Summary (summary): at most 2000 characters (got 2001)");
  });

  test("calendar dates", () => {
    expect(isCalendarDate("2026-12-31")).toBe(true);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
  });
});

describe("the visitor's additional information", () => {
  async function setup() {
    const config = await testConfig((raw) => (raw.visitors = { additionalInfoFields: FIELDS }));
    const clock = new ManualClock();
    const repository = new VisitorAdditionalInfoRepository(openDatabase(":memory:").db);
    return { clock, repository, service: new VisitorAdditionalInfoService({ repository, config: () => config, clock }) };
  }

  test("starts empty: every configured field, in order, without value", async () => {
    const { service } = await setup();
    expect(service.view("v1").map((f) => [f.id, f.value, f.maxLength])).toEqual([["account", null, 8], ["segment", null, null], ["due", null, null], ["summary", null, 2000]]);
    expect(service.view("v1")[1]!.options).toEqual(["Consumer", "Enterprise"]);
  });

  test("keeps values per visitor with who and when they last changed; an unchanged value keeps its author", async () => {
    const { service, clock } = await setup();
    const t0 = clock.now();
    service.update("v1", { account: "A-42", segment: "Consumer" }, "olga");
    clock.advance(60_000);
    const after = service.update("v1", { account: "A-42", segment: "Enterprise" }, "mia");
    expect(after.find((f) => f.id === "account")).toMatchObject({ value: "A-42", updatedAt: t0, updatedBy: "olga", updatedByName: "Olga Operator" });
    expect(after.find((f) => f.id === "segment")).toMatchObject({ value: "Enterprise", updatedAt: t0 + 60_000, updatedBy: "mia", updatedByName: "Mia Manager" });
    expect(service.view("v2").every((f) => f.value === null)).toBe(true);
  });

  test("clearing removes the value and its author", async () => {
    const { service } = await setup();
    service.update("v1", { account: "A-42" }, "olga");
    expect(service.update("v1", { account: "" }, "mia").find((f) => f.id === "account")).toMatchObject({ value: null, updatedBy: null, updatedAt: null });
  });

  test("a refused edit changes nothing, even the valid fields sent with it", async () => {
    const { service } = await setup();
    expect(() => service.update("v1", { account: "A-1", segment: "Gold" }, "olga")).toThrow("is not one of the options");
    expect(service.view("v1").find((f) => f.id === "account")!.value).toBeNull();
  });
});
