import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINIMAL } from "../config/config.fixtures";
import { loadConfig } from "../config/load";
import { ConfigStore } from "../config/store";
import { ManualClock } from "../core/clock";
import { candidate, conversation, recordingLogger } from "./plugin.fixtures";
import { checkPlugins, startPlugins, type PluginStep } from "./plugins.step";

let dir: string;
let step: PluginStep | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "parley-step-"));
  mkdirSync(join(dir, "plugins"));
});
afterEach(() => {
  step?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const yaml = (strategy: string, extra = "") => `${MINIMAL}plugins:\n  dir: ./plugins\nrouting:\n  strategy: ${strategy}\n${extra}`;
const writeConfig = (text: string) => writeFileSync(join(dir, "parley.yaml"), text);
const writePlugin = (operator: string, mtimeSeconds: number) => {
  const file = join(dir, "plugins", "fixed.ts");
  writeFileSync(file, `export default () => ({ kind: "routing", id: "fixed", pick: () => ({ operatorId: "${operator}", reason: "fixed ${operator}" }) });\n`);
  utimesSync(file, mtimeSeconds, mtimeSeconds);
};
const start = async (text: string) => {
  writeConfig(text);
  const loaded = loadConfig(join(dir, "parley.yaml"), {});
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const store = new ConfigStore(join(dir, "parley.yaml"), loaded.config, { env: {} });
  const logger = recordingLogger();
  step = await startPlugins({ store, logger, clock: new ManualClock(), version: "9.9.9" });
  return { store, logger, service: step.service };
};
const request = { conversation: conversation(), candidates: [candidate("ann"), candidate("bob")], now: 0 };

describe("startPlugins", () => {
  test("drops parley-plugin.d.ts into plugins.dir and routes with the configured user plugin", async () => {
    writePlugin("bob", 1_000);
    const { service, logger } = await start(yaml("fixed"));
    expect(existsSync(join(dir, "plugins", "parley-plugin.d.ts"))).toBe(true);
    expect(service.pick(request)).toMatchObject({ operatorId: "bob", strategyId: "fixed" });
    expect(logger.lines.some((l) => l.msg === "plugin loaded" && l.fields.plugin === "fixed")).toBe(true);
  });

  test("a reload with an unchanged YAML still picks up an edited plugin file", async () => {
    writePlugin("bob", 1_000);
    const { store, service } = await start(yaml("fixed"));
    writePlugin("ann", 2_000);
    expect(await store.reload()).toMatchObject({ ok: true, changed: false });
    expect(service.pick(request)).toMatchObject({ operatorId: "ann", reason: "fixed ann" });
  });

  test("a changed YAML swaps the strategy in once the reload is accepted", async () => {
    writePlugin("bob", 1_000);
    const { store, service } = await start(yaml("fixed"));
    writeConfig(yaml("round-robin"));
    expect(await store.reload()).toMatchObject({ ok: true, changed: true });
    expect(service.pick(request).strategyId).toBe("round-robin");
  });

  test("a reload naming a missing plugin is refused at its line; the running plugins stay", async () => {
    writePlugin("bob", 1_000);
    const { store, service } = await start(yaml("fixed"));
    writeConfig(yaml("fixxed"));
    const result = await store.reload();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ path: "routing.strategy", message: expect.stringContaining('unknown routing strategy plugin "fixxed" (did you mean "fixed"?') });
    expect(result.errors[0]!.line).toBeGreaterThan(0);
    expect(service.pick(request)).toMatchObject({ operatorId: "bob", strategyId: "fixed" });
  });

  test("a reload with a typo in plugin options is refused too", async () => {
    const { store, service } = await start(yaml("priority"));
    writeConfig(yaml("priority", "  options:\n    reserveForHighPriorty: 2\n"));
    const result = await store.reload();
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([expect.stringContaining('unknown key "reserveForHighPriorty" (did you mean "reserveForHighPriority"?)')]);
    expect(service.pick(request).strategyId).toBe("priority");
  });

  test("at start, a config naming a broken plugin still starts, routing with least-busy", async () => {
    writeFileSync(join(dir, "plugins", "fixed.ts"), "export default () => { throw new Error('bad build'); };\n");
    const { service, logger } = await start(yaml("fixed"));
    expect(service.pick(request).strategyId).toBe("least-busy");
    expect(logger.lines.map((l) => l.msg)).toContain("configured routing strategy unusable; routing with the built-in fallback");
  });
});

describe("checkPlugins (for check-config)", () => {
  test("unknown ids are errors at their line; broken files are warnings", async () => {
    writeFileSync(join(dir, "plugins", "broken.ts"), "export default 42;\n");
    const text = yaml("fixxed");
    writeConfig(text);
    const loaded = loadConfig(join(dir, "parley.yaml"), {});
    if (!loaded.ok) throw new Error("fixture");
    const check = await checkPlugins(loaded.config, join(dir, "parley.yaml"), new ManualClock(), "9.9.9");
    expect(check.errors.map((e) => [e.path, e.line])).toEqual([["routing.strategy", text.split("\n").findIndex((l) => l.includes("fixxed")) + 1]]);
    expect(check.warnings).toEqual([`plugin ${join(dir, "plugins", "broken.ts")}: the default export must be a factory function (host) => definition, got number 42`]);
  });
});
