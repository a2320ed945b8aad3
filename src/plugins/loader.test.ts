import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RoutingStrategy } from "./api";
import { createPluginHost } from "./host";
import { isPluginFileName, loadPluginDir, type LoaderOptions, type ModuleRecord } from "./loader";
import { candidate, conversation, recordingLogger, testHostContext } from "./plugin.fixtures";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "parley-loader-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, code: string, mtimeSeconds?: number) => {
  const file = join(dir, name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, code);
  if (mtimeSeconds !== undefined) utimesSync(file, mtimeSeconds, mtimeSeconds);
  return file;
};

const routing = (id: string, extra = "") => `import type { PluginFactory } from "./parley-plugin";
export default ((host) => ({
  kind: "routing",
  id: ${JSON.stringify(id)},
  description: "test strategy ${id}",
  pick: ({ candidates }) => ({ operatorId: candidates[0]!.id, reason: "first ${id}" }),
  ${extra}
})) satisfies PluginFactory;
`;

const logger = recordingLogger();
const load = (overrides: Partial<LoaderOptions> = {}) =>
  loadPluginDir({ dir, hostFor: (source) => createPluginHost(testHostContext({ logger }), source), takenIds: new Map([["least-busy", "builtin"]]), ...overrides });

const reasons = (issues: readonly { file: string; reason: string }[]) => issues.map((i) => `${i.file.slice(dir.length + 1)}: ${i.reason}`);

describe("loading plugin files", () => {
  test("a good plugin is loaded with its source file, and its factory gets a working host", async () => {
    const file = write(
      "greeter.ts",
      `import type { PluginFactory } from "./parley-plugin";
export default ((host) => {
  host.logger.info("greeter ready", { departments: host.config.departments.length, at: host.now() });
  return { kind: "routing", id: "greeter", pick: ({ candidates }) => ({ operatorId: candidates[0]!.id, reason: "hi" }) };
}) satisfies PluginFactory;
`,
    );
    const result = await load();
    expect(result.issues).toEqual([]);
    expect(result.definitions.map((d) => [d.definition.id, d.source])).toEqual([["greeter", file]]);
    const line = logger.lines.find((l) => l.msg === "greeter ready")!;
    expect(line.fields).toEqual({ plugin: "greeter", pluginFile: file, departments: 2, at: testHostContext().clock.now() });
    const strategy = result.definitions[0]!.definition as RoutingStrategy;
    expect(strategy.pick({ conversation: conversation(), candidates: [candidate("ann")], now: 0, options: {} })).toEqual({ operatorId: "ann", reason: "hi" });
  });

  test("one factory may return several definitions; .js files and kind folders are loaded", async () => {
    write("both.js", `export default (host) => [
  { kind: "routing", id: "js-one", pick: ({ candidates }) => ({ operatorId: candidates[0].id, reason: "one" }) },
  { kind: "questionnaire", id: "js-two", questions: () => [{ id: "ok", type: "yesno", label: "OK?" }], score: () => ({ score: null, summary: "" }) },
];
`);
    write("routing/in-folder.ts", routing("in-folder"));
    write("questionnaires/quiz.ts", `export default () => ({ kind: "questionnaire", id: "quiz", questions: () => [], score: () => ({ score: 1, summary: "" }) });\n`);
    const result = await load();
    expect(result.issues).toEqual([]);
    expect(result.definitions.map((d) => d.definition.id)).toEqual(["js-one", "js-two", "quiz", "in-folder"]);
  });

  test("declaration, test, helper and hidden files are not plugins", () => {
    expect(["parley-plugin.d.ts", "x.test.ts", "x.spec.js", "_helpers.ts", ".draft.ts", "notes.md", "x.json"].filter(isPluginFileName)).toEqual([]);
    expect(["a.ts", "b.js", "c.mts", "d.mjs"].every(isPluginFileName)).toBe(true);
  });

  test("a missing plugins.dir is reported, not fatal", async () => {
    const result = await load({ dir: join(dir, "nope") });
    expect(result.definitions).toEqual([]);
    expect(result.issues[0]!.reason).toContain("does not exist");
  });
});

describe("broken plugins are reported with file and reason, and the rest still load", () => {
  test("every kind of breakage at once", async () => {
    write("a-good.ts", routing("good"));
    write("b-duplicate-builtin.ts", routing("least-busy"));
    write("c-duplicate-file.ts", routing("good"));
    write("d-wrong-kind.ts", `export default () => ({ kind: "router", id: "wrong", pick: () => null });\n`);
    write("e-no-default.ts", `export const strategy = { kind: "routing", id: "nodefault" };\n`);
    write("f-not-factory.ts", `export default { kind: "routing", id: "object", pick() {} };\n`);
    write("g-throws.ts", `export default () => { throw new Error("license key missing"); };\n`);
    write("h-syntax.ts", `export default () => ({ kind: "routing", id: "syntax", pick: ( => 1 });\n`);
    write("i-module-throws.ts", `throw new Error("boom at import");\nexport default () => ({});\n`);
    write("j-missing-pick.ts", `export default () => ({ kind: "routing", id: "nopick" });\n`);
    write("k-bad-id.ts", `export default () => ({ kind: "routing", id: "Bad Id!", pick: () => null });\n`);
    write("l-missing-score.ts", `export default () => ({ kind: "questionnaire", id: "noscore", questions: () => [] });\n`);
    write("m-async-factory.ts", `export default async () => ({ kind: "routing", id: "async", pick: () => null });\n`);
    write("n-bad-schema.ts", `export default () => ({ kind: "routing", id: "schema", optionsSchema: { type: "object" }, pick: () => null });\n`);
    write("o-empty.ts", `export default () => [];\n`);
    write("routing/p-wrong-folder.ts", `export default () => ({ kind: "questionnaire", id: "misplaced", questions: () => [], score: () => ({ score: null, summary: "" }) });\n`);
    write("q-value-import.ts", `import { Type } from "definitely-not-installed-package";\nexport default () => ({ kind: "routing", id: "valueimport", pick: () => Type });\n`);

    const result = await load();
    expect(result.definitions.map((d) => d.definition.id)).toEqual(["good"]);
    expect(reasons(result.issues)).toEqual([
      'b-duplicate-builtin.ts: id "least-busy" is already used by a built-in plugin; this definition is skipped',
      'c-duplicate-file.ts: id "good" is already used by a-good.ts; this definition is skipped',
      'd-wrong-kind.ts: kind must be "routing" or "questionnaire", got "router"',
      "e-no-default.ts: no default export: a plugin must `export default (host) => definition`",
      "f-not-factory.ts: the default export must be a factory function (host) => definition, got an object",
      "g-throws.ts: the factory threw: license key missing",
      expect.stringMatching(/^h-syntax\.ts: failed to load: .*\(line 1, column \d+\)$/),
      "i-module-throws.ts: failed to load: boom at import",
      'j-missing-pick.ts: routing plugin "nopick": pick must be a function, got nothing',
      'k-bad-id.ts: id must be lower-case letters, digits, - and _ (^[a-z0-9][a-z0-9_-]{0,63}$), got "Bad Id!"',
      'l-missing-score.ts: questionnaire plugin "noscore": score must be a function, got nothing',
      "m-async-factory.ts: the factory returned a Promise; it must return its definition(s) synchronously",
      'n-bad-schema.ts: routing plugin "schema": optionsSchema must be built with host.t (e.g. host.t.Object({...})), got an object',
      "o-empty.ts: the factory returned no definitions",
      `q-value-import.ts: failed to load: Cannot find package 'definitely-not-installed-package' imported from ${dir}/q-value-import.ts (a plugin may only \`import type\`; values it needs come from the host object)`,
      "routing/p-wrong-folder.ts: a questionnaire plugin cannot live in the routing/ folder",
    ]);
  });

  test("a module whose top-level await never settles is skipped after the import timeout", async () => {
    write("hangs.ts", `await new Promise(() => {});\nexport default () => ({ kind: "routing", id: "hangs", pick: () => null });\n`);
    const result = await load({ importTimeoutMs: 1 });
    expect(reasons(result.issues)).toEqual(["hangs.ts: the module did not finish loading within 1 ms (a top-level await that never settles?)"]);
  });
});

describe("reload", () => {
  const pickWith = (definitions: Awaited<ReturnType<typeof load>>["definitions"], id: string) => {
    const strategy = definitions.find((d) => d.definition.id === id)!.definition as RoutingStrategy;
    return strategy.pick({ conversation: conversation(), candidates: [candidate("ann")], now: 0, options: {} }).reason;
  };

  test("an edited file takes effect; an unchanged one is not evaluated again", async () => {
    write("edited.ts", routing("edited"), 1_000);
    write("counter.ts", `globalThis.__parleyCounterEvaluations = (globalThis.__parleyCounterEvaluations ?? 0) + 1;\n${routing("counter")}`, 1_000);
    const first = await load();
    expect(pickWith(first.definitions, "edited")).toBe("first edited");

    write("edited.ts", routing("edited").replace('"first edited"', '"second edited"'), 2_000);
    const second = await load({ previous: first.modules });
    expect(second.issues).toEqual([]);
    expect(pickWith(second.definitions, "edited")).toBe("second edited");
    expect((globalThis as { __parleyCounterEvaluations?: number }).__parleyCounterEvaluations).toBe(1);
  });

  test("a broken edit keeps the previous version in service, and says so", async () => {
    write("fragile.ts", routing("fragile"), 1_000);
    const first = await load();
    write("fragile.ts", "export default () => { throw new Error('half-saved'); };\n", 2_000);
    const second = await load({ previous: first.modules });
    expect(pickWith(second.definitions, "fragile")).toBe("first fragile");
    expect(second.issues).toEqual([{ file: join(dir, "fragile.ts"), reason: "the factory threw: half-saved (kept the previously loaded version)", keptPrevious: true }]);
    expect((second.modules.get(join(dir, "fragile.ts")) as ModuleRecord).version).toBe((first.modules.get(join(dir, "fragile.ts")) as ModuleRecord).version);
  });

  test("a deleted file is gone after reload", async () => {
    const file = write("temporary.ts", routing("temporary"));
    const first = await load();
    rmSync(file);
    const second = await load({ previous: first.modules });
    expect(second.definitions).toEqual([]);
    expect(second.issues).toEqual([]);
  });
});
