import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertWithinBudget, buildWidget, minifyCssLiterals, staticImports, WIDGET_BUDGET_BYTES, type WidgetBuild } from "./widget-build";

let out: string;
let build: WidgetBuild;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "parley-widget-"));
  build = await buildWidget(out);
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("widget build", () => {
  test("what a visitor downloads before chatting (loader + app + its static imports) stays within 25 KB gzip", () => {
    expect(build.firstLoad.map((f) => f.file)).toContain("widget.js");
    expect(build.firstLoad.map((f) => f.file)).toContain(build.app);
    expect(build.firstLoadGzipBytes).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
    expect(() => assertWithinBudget(build)).not.toThrow();
  });

  test("the budget check fails the build when exceeded, naming the files", () => {
    expect(() => assertWithinBudget(build, 10 * 1024)).toThrow(/widget over its size budget: widget first load: .* gzip of 10\.0 KB budget \(widget\.js/);
  });

  test("the loader is a classic script without Lit that imports the hashed app relative to itself", async () => {
    const loader = await Bun.file(join(out, "widget.js")).text();
    expect(loader).not.toMatch(/^\s*(import|export)\s/m);
    expect(loader).not.toContain("lit-html");
    expect(loader).not.toContain("LitElement");
    expect(loader).toContain(JSON.stringify(`./${build.app}`));
    expect(build.firstLoad[0]!.gzipBytes).toBeLessThan(5 * 1024);
  });

  test("the French catalog is not part of the first load", async () => {
    const first = await Promise.all(build.firstLoad.map((f) => Bun.file(join(out, f.file)).text()));
    expect(first.join("\n")).not.toContain("Démarrer le chat");
    const all = await Promise.all(build.files.map((f) => Bun.file(join(out, f)).text()));
    expect(all.join("\n")).toContain("Démarrer le chat");
  });
});

describe("helpers", () => {
  test("static imports are followed, dynamic ones are not", () => {
    const code = `import{a as b}from"./chunk-1.js";import"./side.js";export*from"./re.js";const l=()=>import("./lazy.js");import x from "../up.js";`;
    expect(staticImports(code).sort()).toEqual(["../up.js", "./chunk-1.js", "./re.js", "./side.js"]);
  });

  test("css literals lose whitespace but keep descendant combinators and values intact", () => {
    const source = "const s = css`\n  header :focus-visible { outline: 3px solid red; }\n  a > b,\n  c { margin: 0 auto; font: 1rem \"Segoe UI\"; }\n`;";
    expect(minifyCssLiterals(source)).toBe('const s = css`header :focus-visible{outline:3px solid red}a>b,c{margin:0 auto;font:1rem "Segoe UI"}`;');
  });
});
