import { describe, expect, test } from "bun:test";
import type { TemplateResult } from "lit";
import { parseMessageText, safeHref, type BlockNode, type InlineNode } from "./message-text.parser";
import { messageTextTemplate } from "./message-text.template";

const inlineOf = (text: string): InlineNode[] => {
  const [first] = parseMessageText(text);
  if (!first || first.kind !== "paragraph") throw new Error("expected one paragraph");
  return first.children;
};
const links = (nodes: readonly (BlockNode | InlineNode)[]): string[] =>
  nodes.flatMap((n): string[] => {
    if (n.kind === "link") return [n.href, ...links(n.children)];
    if ("children" in n) return links(n.children);
    if (n.kind === "list") return n.items.flatMap((i) => links(i));
    return [];
  });

/** Every static template fragment and every dynamic value reachable from the rendered message. */
function walk(results: readonly unknown[], statics: string[], values: unknown[]): void {
  for (const r of results) {
    if (Array.isArray(r)) walk(r, statics, values);
    else if (r && typeof r === "object" && "strings" in r) {
      const t = r as TemplateResult;
      statics.push(...t.strings);
      walk(t.values, statics, values);
    } else values.push(r);
  }
}

describe("message text formatting", () => {
  test("bold, italic, strike and code", () => {
    expect(inlineOf("a **b** *c* _d_ ~~e~~ `f`")).toEqual([
      { kind: "text", text: "a " },
      { kind: "strong", children: [{ kind: "text", text: "b" }] },
      { kind: "text", text: " " },
      { kind: "em", children: [{ kind: "text", text: "c" }] },
      { kind: "text", text: " " },
      { kind: "em", children: [{ kind: "text", text: "d" }] },
      { kind: "text", text: " " },
      { kind: "del", children: [{ kind: "text", text: "e" }] },
      { kind: "text", text: " " },
      { kind: "code", text: "f" },
    ]);
  });

  test("snake_case identifiers, lone asterisks and 2 * 3 * 4 stay text", () => {
    expect(inlineOf("my_var_name")).toEqual([{ kind: "text", text: "my_var_name" }]);
    expect(inlineOf("2 * 3 * 4")).toEqual([{ kind: "text", text: "2 * 3 * 4" }]);
    expect(inlineOf("**unclosed")).toEqual([{ kind: "text", text: "**unclosed" }]);
  });

  test("bare URLs become links without their trailing punctuation", () => {
    const nodes = inlineOf("see https://example.com/a?b=1. or (www.example.org/x).");
    expect(links(nodes)).toEqual(["https://example.com/a?b=1", "https://www.example.org/x"]);
    expect(nodes.at(-1)).toEqual({ kind: "text", text: ")." });
  });

  test("markdown links keep their label; lines become breaks; lists, quotes and code blocks", () => {
    const blocks = parseMessageText("Hi [our docs](https://docs.example.com)\nline two\n\n- one\n- two\n\n3. c\n4. d\n\n> quoted\n\n```\n**not bold**\n```");
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "list", "list", "quote", "codeblock"]);
    expect(links(blocks)).toEqual(["https://docs.example.com/"]);
    expect((blocks[0] as { children: InlineNode[] }).children.some((c) => c.kind === "br")).toBe(true);
    expect(blocks[2]).toMatchObject({ kind: "list", ordered: true, start: 3 });
    expect(blocks[4]).toEqual({ kind: "codeblock", text: "**not bold**" });
  });
});

describe("message text safety", () => {
  const hostile = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "javascript:alert(1)",
    "[x](java\u0000script:alert(1))",
    "**<b onmouseover=alert(1)>hi</b>**",
    '<a href="javascript:alert(1)">x</a>',
  ];

  test("safeHref allows http, https and mailto only", () => {
    expect(safeHref("https://a.example/x")).toBe("https://a.example/x");
    expect(safeHref("mailto:help@example.com")).toBe("mailto:help@example.com");
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "//evil.example", "/relative", "https://a b"]) {
      expect(safeHref(bad)).toBeNull();
    }
  });

  test("hostile input never produces an unsafe link", () => {
    for (const text of hostile) {
      for (const href of links(parseMessageText(text))) expect(href).toMatch(/^(https?:|mailto:)/);
    }
  });

  test("a javascript: link is shown as its literal text", () => {
    expect(inlineOf("[click me](javascript:alert(1))").map((n) => (n.kind === "text" ? n.text : n.kind)).join("")).toContain("javascript:alert(1)");
  });

  test("rendered templates carry sender text only as escaped values, never as markup", () => {
    const allowedStatic = /^(\s*<\/?(p|blockquote|pre|code|ol|ul|li|br|strong|em|del|a)( \/|[^<>]*)?>\s*)*$|^ target="_blank" rel="noopener noreferrer nofollow">$|^<a href=$|^<ol start=$|^$/;
    for (const text of hostile) {
      const statics: string[] = [];
      const values: unknown[] = [];
      walk(messageTextTemplate(text), statics, values);
      for (const s of statics) {
        expect(s).not.toContain("script");
        expect(s).not.toContain("onerror");
        expect(s).not.toContain("javascript");
        expect(allowedStatic.test(s)).toBe(true);
      }
      const joined = values.filter((v) => typeof v === "string").join("");
      // The hostile markup survives only as text values (Lit escapes them into text nodes).
      if (text.includes("<script>")) expect(joined).toContain("<script>");
      for (const v of values) expect(typeof v === "string" || typeof v === "number").toBe(true);
    }
  });
});
