/**
 * The first rule of the house (docs/ARCHITECTURE.md): the core is pure. It may import only other
 * core files, the config schema's types and constants, and a short list of pure libraries; it never
 * reads the wall clock or randomness. This test makes the rule fail loudly instead of eroding.
 */
import { expect, test } from "bun:test";
import { Glob } from "bun";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

const CORE = import.meta.dir;
const ALLOWED_PACKAGES = new Set(["@sinclair/typebox", "@sinclair/typebox/value", "js-sdsl"]);
/** Test-only helpers may use property testing. */
const ALLOWED_IN_TESTS = new Set(["bun:test", "fast-check"]);
const ALLOWED_OUTSIDE_CORE = [/^\.\.\/(\.\.\/)*config\/schema$/, /^\.\.\/(\.\.\/)*plugins\/api$/];
const IMPURE_CALLS = /\bDate\.now\(|\bMath\.random\(|\bnew Date\(\)|\bperformance\.now\(|\bBun\.|\bprocess\./;

function coreFiles(): string[] {
  return [...new Glob("**/*.ts").scanSync(CORE)].filter((f) => f !== "purity.test.ts").map((f) => join(CORE, f));
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]!);
}

test("core files import nothing but core, the config schema, the plugin contract and pure libraries", () => {
  const violations: string[] = [];
  for (const file of coreFiles()) {
    const isTest = /\.test\.ts$|testkit|\.fixtures\.ts$/.test(file);
    for (const spec of importsOf(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) {
        const target = join(file, "..", spec);
        const insideCore = !relative(CORE, target).startsWith("..");
        if (insideCore || ALLOWED_OUTSIDE_CORE.some((re) => re.test(relative(join(file, ".."), target).replace(/\\/g, "/")))) continue;
      } else if (ALLOWED_PACKAGES.has(spec) || (isTest && ALLOWED_IN_TESTS.has(spec))) continue;
      violations.push(`${relative(CORE, file)} imports "${spec}"`);
    }
  }
  expect(violations).toEqual([]);
});

test("core code never reads the wall clock, randomness or the process", () => {
  const violations = coreFiles()
    .filter((f) => !/\.test\.ts$/.test(f))
    .flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line: line.replace(/\/\/.*$|^\s*\*.*$/, ""), n: i + 1 }))
        .filter(({ line }) => IMPURE_CALLS.test(line))
        .map(({ n }) => `${relative(CORE, file)}:${n}`),
    );
  expect(violations).toEqual([]);
});
