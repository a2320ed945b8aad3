import { describe, expect, test } from "bun:test";
import { cleanFields, mergeUser, readEmbedOptions } from "./embed-options";

const PAGE = "https://shop.example.com/cart";
const SRC = "https://chat.example.com/widget.js";

describe("snippet options", () => {
  test("every data- attribute is read", () => {
    const options = readEmbedOptions(
      { department: "sales", language: "fr-CA", position: "left", color: "#AA3300", textColor: "#ffffff", name: "Vera", email: "vera@example.org", userId: "u-42", userHash: "a".repeat(64), open: "true", launcher: "false" },
      SRC,
      PAGE,
    );
    expect(options).toEqual({
      server: "https://chat.example.com",
      department: "sales",
      language: "fr-CA",
      position: "left",
      color: "#AA3300",
      textColor: "#ffffff",
      hideLauncher: true,
      openOnLoad: true,
      user: { name: "Vera", email: "vera@example.org", userId: "u-42", userHash: "a".repeat(64) },
    });
  });

  test("defaults: right corner, launcher shown, server from the script's origin", () => {
    expect(readEmbedOptions({}, SRC, PAGE)).toEqual({ server: "https://chat.example.com", department: undefined, language: undefined, position: "right", color: undefined, textColor: undefined, hideLauncher: false, openOnLoad: false, user: {} });
  });

  test("malformed values are ignored with one warning each, never thrown", () => {
    const warnings: string[] = [];
    const options = readEmbedOptions({ color: "red", position: "top", email: "not-an-email", userHash: "xyz", department: "Sales Team", language: "français" }, SRC, PAGE, (w) => warnings.push(w));
    expect(options).toMatchObject({ color: undefined, position: "right", department: undefined, language: undefined, user: {} });
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toBe('Parley: ignoring data-position="top": expected left or right');
    expect(warnings.some((w) => w.startsWith('Parley: ignoring data-user-hash="xyz"'))).toBe(true);
  });

  test("data-field-<id> attributes set profile fields by id (the dataset's camelCase turned back into the id)", () => {
    const warnings: string[] = [];
    // What the browser's dataset gives for data-field-customer-number, data-field-plan, data-field-tier_2 and data-field-crm-2.
    const options = readEmbedOptions({ fieldCustomerNumber: "42", fieldPlan: " Pro ", fieldTier_2: "gold", "fieldCrm-2": "x", fieldEmpty: "" }, SRC, PAGE, (w) => warnings.push(w));
    expect(options.user).toEqual({ fields: { "customer-number": "42", plan: "Pro", tier_2: "gold", "crm-2": "x" } });
    expect(warnings).toEqual([]);
  });
});

describe("profile fields from the host page", () => {
  test("cleanFields keeps field ids with text, numbers and booleans; warns about the rest", () => {
    const warnings: string[] = [];
    const fields = cleanFields({ plan: " Pro ", "customer-number": 42, trial: false, gone: null, Bad: "x", nested: { a: 1 }, long: "x".repeat(1001) }, (w) => warnings.push(w));
    expect(fields).toEqual({ plan: "Pro", "customer-number": "42", trial: "false", gone: "" });
    expect(warnings).toEqual([
      'Parley: ignoring field "Bad": expected a field id (a-z, 0-9, - and _)',
      'Parley: ignoring field "nested": expected text of at most 1000 characters',
      'Parley: ignoring field "long": expected text of at most 1000 characters',
    ]);
    expect(cleanFields("plan=Pro", () => {})).toEqual({});
  });

  test("mergeUser merges fields; an empty value removes one; other keys are replaced", () => {
    const before = mergeUser({ name: "Vera" }, { fields: { plan: "Free", "customer-number": "42" } });
    expect(before).toEqual({ name: "Vera", fields: { plan: "Free", "customer-number": "42" } });
    expect(mergeUser(before, { name: "Vera B.", fields: { plan: "Pro" } })).toEqual({ name: "Vera B.", fields: { plan: "Pro", "customer-number": "42" } });
    expect(mergeUser(before, { fields: { plan: "", "customer-number": "" } })).toEqual({ name: "Vera" });
    expect(mergeUser(before, { email: "v@example.org" })).toEqual({ name: "Vera", email: "v@example.org", fields: { plan: "Free", "customer-number": "42" } });
  });
});
