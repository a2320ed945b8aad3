/**
 * Plugins as an admin meets them, against the compiled binary: a folder of .ts files next to the
 * config, loaded at start and on reload (SIGHUP); a broken file is reported with its reason and the
 * server stays up; the typed contract is dropped into the folder for plugin authors.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { BUILD_TIMEOUT_MS, E2E_TIMEOUT_MS, ensureBinary, minimalConfig, runParley, startParley, stopAll, type ParleyProcess } from "./harness";

setDefaultTimeout(E2E_TIMEOUT_MS);
beforeAll(() => ensureBinary(), BUILD_TIMEOUT_MS);

const pluginsDir = mkdtempSync(join(tmpdir(), "parley-e2e-plugins-"));
afterAll(async () => {
  await stopAll();
  rmSync(pluginsDir, { recursive: true, force: true });
});

const goodPlugin = (version: string) => `import type { PluginFactory, RoutingStrategy, Static } from "./parley-plugin";

export default ((host) => {
  const Options = host.t.Object({ vipSkill: host.t.String({ default: "vip" }) });
  const strategy: RoutingStrategy<Static<typeof Options>> = {
    kind: "routing",
    id: "vip-first",
    description: "VIP-skilled operators first",
    optionsSchema: Options,
    pick({ candidates, options }) {
      const vip = [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1)).find((c) => c.skills.includes(options.vipSkill));
      return vip ? { operatorId: vip.id, reason: "vip operator" } : { operatorId: candidates[0]!.id, reason: "no vip operator" };
    },
  };
  host.logger.info("vip strategy ${version} ready", { parley: host.version, departments: host.config.departments.length });
  return strategy;
}) satisfies PluginFactory;
`;

/** Parley logs one JSON object per line; the records whose `msg` is `msg`. */
const records = (parley: ParleyProcess, msg: string) =>
  parley
    .logs()
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    })
    .filter((record) => record.msg === msg);

describe("plugins from plugins.dir", () => {
  let parley: ParleyProcess;
  beforeAll(async () => {
    writeFileSync(join(pluginsDir, "vip-first.ts"), goodPlugin("v1"));
    writeFileSync(join(pluginsDir, "broken-syntax.ts"), "export default () => ({ kind: 'routing', id: 'oops', pick: ( => 1 });\n");
    writeFileSync(join(pluginsDir, "throws.ts"), "export default () => { throw new Error('missing licence key'); };\n");
    parley = await startParley({ config: { ...minimalConfig(), plugins: { dir: pluginsDir }, routing: { strategy: "vip-first", options: { vipSkill: "gold" } } } });
  }, BUILD_TIMEOUT_MS);

  test("the good plugin is loaded, its factory logs through host.logger tagged with its id", async () => {
    await parley.waitForLog(/"msg":"plugins ready"/);
    expect(records(parley, "plugin loaded")).toEqual([expect.objectContaining({ plugin: "vip-first", kind: "routing", file: join(pluginsDir, "vip-first.ts") })]);
    expect(records(parley, "vip strategy v1 ready")).toEqual([expect.objectContaining({ level: "info", plugin: "vip-first", pluginFile: join(pluginsDir, "vip-first.ts"), departments: 0 })]);
    expect(records(parley, "plugins ready")[0]).toMatchObject({ builtin: 7, fromDir: 1, failed: 2, routing: "vip-first" });
  });

  test("broken plugins are reported with their file and reason, and the server stays up", async () => {
    const failures = records(parley, "plugin not loaded").map((r) => [r.file, r.reason]);
    expect(failures).toEqual([
      [join(pluginsDir, "broken-syntax.ts"), expect.stringMatching(/^failed to load: .*\(line 1, column \d+\)$/)],
      [join(pluginsDir, "throws.ts"), "the factory threw: missing licence key"],
    ]);
    expect((await fetch(`${parley.url}/healthz`)).status).toBe(200);
  });

  test("the typed contract is dropped next to the plugins", () => {
    const contract = join(pluginsDir, "parley-plugin.d.ts");
    expect(existsSync(contract)).toBe(true);
    expect(readFileSync(contract, "utf8")).toContain("export type PluginFactory");
  });

  test("an edited plugin takes effect on SIGHUP, without a restart", async () => {
    const before = parley.logs().length;
    writeFileSync(join(pluginsDir, "vip-first.ts"), goodPlugin("v2"));
    parley.proc.kill("SIGHUP");
    const line = await parley.waitForLog(/vip strategy v2 ready/, 10_000, before);
    expect(JSON.parse(line)).toMatchObject({ plugin: "vip-first" });
    expect((await fetch(`${parley.url}/healthz`)).status).toBe(200);
  });
});

describe("parley check-config knows the plugins", () => {
  test("a strategy id that no plugin defines is an error at its line; a broken plugin file is a warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-e2e-check-"));
    try {
      writeFileSync(join(dir, "broken.ts"), "export default 42;\n");
      const file = join(dir, "parley.yaml");
      writeFileSync(file, stringify({ ...minimalConfig(), plugins: { dir: "." }, routing: { strategy: "least-bussy" } }));
      const refused = await runParley(["check-config", file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/parley\.yaml:\d+:\d+ routing\.strategy: unknown routing strategy plugin "least-bussy" \(did you mean "least-busy"\?/);

      writeFileSync(file, stringify({ ...minimalConfig(), plugins: { dir: "." }, routing: { strategy: "least-busy" } }));
      const ok = await runParley(["check-config", file]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(`warning: plugin ${join(dir, "broken.ts")}: the default export must be a factory function`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
