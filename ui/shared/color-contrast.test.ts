import { describe, expect, test } from "bun:test";
import { AA_NORMAL, contrastRatio, ensureContrast, parseHex, readableTextOn } from "./color-contrast";
import { PALETTE, brandProperties } from "./tokens.css";

describe("contrast", () => {
  test("matches the WCAG reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(parseHex("#abc")).toEqual([170, 187, 204]);
    expect(parseHex("blue")).toBeNull();
  });

  test("text on any brand colour is readable (AA) whatever the colour", () => {
    for (const brand of ["#ffff00", "#777777", "#1f5fbf", "#000000", "#ffffff", "#ff6600", "#00ccff"]) {
      expect(contrastRatio(readableTextOn(brand), brand)).toBeGreaterThanOrEqual(AA_NORMAL);
    }
  });

  test("a light brand colour is darkened just enough to be used as text on white", () => {
    const darkened = ensureContrast("#ffcc00", "#ffffff");
    expect(darkened).not.toBe("#ffcc00");
    expect(contrastRatio(darkened, "#ffffff")).toBeGreaterThanOrEqual(AA_NORMAL);
    expect(ensureContrast("#1f5fbf", "#ffffff")).toBe("#1f5fbf");
  });

  test("every text colour of the palette meets AA on both surfaces, and brand properties are AA", () => {
    for (const text of [PALETTE.text, PALETTE.textMuted, PALETTE.danger, PALETTE.success, PALETTE.focus]) {
      expect(contrastRatio(text, PALETTE.surface)).toBeGreaterThanOrEqual(AA_NORMAL);
      expect(contrastRatio(text, PALETTE.surfaceAlt)).toBeGreaterThanOrEqual(AA_NORMAL);
    }
    expect(contrastRatio(PALETTE.warningText, PALETTE.warningBg)).toBeGreaterThanOrEqual(AA_NORMAL);
    const brand = brandProperties("#ffcc00");
    expect(contrastRatio(brand["--parley-on-primary"]!, "#ffcc00")).toBeGreaterThanOrEqual(AA_NORMAL);
    expect(contrastRatio(brand["--parley-primary-text"]!, PALETTE.surface)).toBeGreaterThanOrEqual(AA_NORMAL);
  });
});
