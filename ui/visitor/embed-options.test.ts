import { describe, expect, test } from "bun:test";
import { readEmbedOptions } from "./embed-options";

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
});
