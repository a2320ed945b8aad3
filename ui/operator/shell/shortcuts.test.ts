import { describe, expect, test } from "bun:test";
import { SHORTCUT_HELP, shortcutFor, stepSelection, type KeyPress } from "./shortcuts";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, inText: false, ...mods });

describe("keyboard shortcuts", () => {
  test("Alt chords work even while typing", () => {
    expect(shortcutFor(press("ArrowDown", { altKey: true, inText: true }))).toBe("next-conversation");
    expect(shortcutFor(press("ArrowUp", { altKey: true }))).toBe("previous-conversation");
    expect(shortcutFor(press("N", { altKey: true, shiftKey: true }))).toBe("toggle-note");
    expect(shortcutFor(press("t", { altKey: true }))).toBe("transfer");
  });

  test("Ctrl/Cmd+K opens the canned search", () => {
    expect(shortcutFor(press("k", { ctrlKey: true, inText: true }))).toBe("canned-search");
    expect(shortcutFor(press("k", { metaKey: true }))).toBe("canned-search");
  });

  test("? opens the help only outside text fields; plain keys are never taken", () => {
    expect(shortcutFor(press("?"))).toBe("help");
    expect(shortcutFor(press("?", { inText: true }))).toBeNull();
    expect(shortcutFor(press("a"))).toBeNull();
    expect(shortcutFor(press("ArrowDown"))).toBeNull();
  });

  test("every action has a help row", () => {
    const actions = new Set(SHORTCUT_HELP.map((h) => h.action));
    for (const key of ["ArrowDown", "ArrowUp", "n", "a", "t", "r", "f"]) expect(actions.has(shortcutFor(press(key, { altKey: true }))!)).toBe(true);
  });

  test("next/previous conversation wraps around the visible list", () => {
    const ids = ["a", "b", "c"];
    expect(stepSelection(ids, null, 1)).toBe("a");
    expect(stepSelection(ids, null, -1)).toBe("c");
    expect(stepSelection(ids, "c", 1)).toBe("a");
    expect(stepSelection(ids, "a", -1)).toBe("c");
    expect(stepSelection(ids, "gone", 1)).toBe("a");
    expect(stepSelection([], "a", 1)).toBeNull();
  });
});
