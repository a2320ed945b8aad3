import { describe, expect, test } from "bun:test";
import { directionOf, matchLanguage, pickLanguage } from "./localize";

describe("language choice", () => {
  test("regional tags fall back to their shipped language; unknown ones do not match", () => {
    expect(matchLanguage("fr-CA")).toBe("fr");
    expect(matchLanguage("FR_be")).toBe("fr");
    expect(matchLanguage("en-GB")).toBe("en");
    expect(matchLanguage("de")).toBeNull();
    expect(matchLanguage("")).toBeNull();
    expect(matchLanguage(undefined)).toBeNull();
  });

  test("the first servable candidate wins: embed option, then page language, then configured default", () => {
    expect(pickLanguage(["fr", "en", "en"])).toBe("fr");
    expect(pickLanguage([null, "fr-FR", "en"])).toBe("fr");
    expect(pickLanguage(["de", "", "fr"])).toBe("fr");
    expect(pickLanguage(["de", "it", null])).toBe("en");
  });

  test("right-to-left languages are recognised by their primary subtag", () => {
    expect(directionOf("ar-EG")).toBe("rtl");
    expect(directionOf("he")).toBe("rtl");
    expect(directionOf("fr")).toBe("ltr");
  });
});
