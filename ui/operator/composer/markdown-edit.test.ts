import { describe, expect, test } from "bun:test";
import { parseMessageText } from "../../shared/message-text.parser";
import { insertLink, insertText, toggleBlock, toggleInline, type TextEdit } from "./markdown-edit";

/** Writes a selection as [..] inside the value, for readable assertions. */
const show = (e: TextEdit) => e.value.slice(0, e.start) + "[" + e.value.slice(e.start, e.end) + "]" + e.value.slice(e.end);
const sel = (value: string, from: string): TextEdit => {
  const start = value.indexOf(from);
  return { value, start, end: start + from.length };
};

describe("formatting toolbar edits", () => {
  test("bold wraps the selection and renders as bold", () => {
    const out = toggleInline(sel("say hello now", "hello"), "bold");
    expect(show(out)).toBe("say **[hello]** now");
    expect(parseMessageText(out.value)).toEqual([{ kind: "paragraph", children: [{ kind: "text", text: "say " }, { kind: "strong", children: [{ kind: "text", text: "hello" }] }, { kind: "text", text: " now" }] }]);
  });

  test("applying the same style again removes it", () => {
    const once = toggleInline(sel("say hello now", "hello"), "italic");
    expect(show(toggleInline(once, "italic"))).toBe("say [hello] now");
  });

  test("spaces around the selection stay outside the markers", () => {
    expect(show(toggleInline(sel("a  b c", " b "), "bold"))).toBe("a  **[b]** c");
  });

  test("with no selection the markers are inserted around the caret", () => {
    expect(show(toggleInline({ value: "x ", start: 2, end: 2 }, "code"))).toBe("x `[]`");
  });

  test("a link uses the selection as label", () => {
    const out = insertLink(sel("see docs here", "docs"), "https://example.com/docs");
    expect(out.value).toBe("see [docs](https://example.com/docs) here");
    expect(insertLink({ value: "", start: 0, end: 0 }, "https://x.org").value).toBe("[https://x.org](https://x.org)");
  });

  test("lists prefix every touched line and toggle off", () => {
    const value = "intro\none\ntwo\nend";
    const edit = { value, start: value.indexOf("one") + 1, end: value.indexOf("two") + 1 };
    const bullets = toggleBlock(edit, "bullets");
    expect(bullets.value).toBe("intro\n- one\n- two\nend");
    expect(toggleBlock(bullets, "bullets").value).toBe(value);
    expect(toggleBlock(edit, "numbers").value).toBe("intro\n1. one\n2. two\nend");
    expect(toggleBlock(bullets, "numbers").value).toBe("intro\n1. one\n2. two\nend");
    expect(toggleBlock({ value: "quote me", start: 0, end: 0 }, "quote").value).toBe("> quote me");
  });

  test("insertText replaces the selection", () => {
    expect(show(insertText(sel("a b c", "b"), "XY"))).toBe("a XY[] c");
  });
});
