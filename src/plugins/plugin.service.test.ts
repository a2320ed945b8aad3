import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../core/clock";
import { AppError } from "../core/errors";
import { candidate, conversation, recordingLogger, TEST_DEPARTMENTS } from "./plugin.fixtures";
import { PluginService, type PluginSettings } from "./plugin.service";

let dir: string;
let logger: ReturnType<typeof recordingLogger>;
let service: PluginService;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "parley-service-"));
  logger = recordingLogger();
  service = new PluginService({ version: "1.2.3", clock: new ManualClock(), logger });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settings = (overrides: Partial<PluginSettings> = {}): PluginSettings => ({
  plugins: { dir, timeoutMs: 50 },
  departments: TEST_DEPARTMENTS,
  routing: { strategy: "least-busy", options: {} },
  questionnaires: [],
  ...overrides,
});
const writePlugin = (name: string, code: string, mtimeSeconds: number) => {
  writeFileSync(join(dir, name), code);
  utimesSync(join(dir, name), mtimeSeconds, mtimeSeconds);
};
const alwaysStrategy = (id: string, operator: string) =>
  `export default (host) => ({ kind: "routing", id: "${id}", pick: () => ({ operatorId: "${operator}", reason: "always ${operator}" }) });\n`;
const request = { conversation: conversation(), candidates: [candidate("ann", { activeConversations: 2 }), candidate("bob")], now: 0 };

describe("PluginService", () => {
  test("before any load, built-ins route with least-busy", () => {
    expect(service.pick(request)).toMatchObject({ operatorId: "bob", strategyId: "least-busy", fallback: false });
    expect(service.registry.list().map((p) => `${p.kind}:${p.id}:${p.source}`)).toEqual([
      "routing:least-busy:builtin",
      "routing:priority:builtin",
      "routing:round-robin:builtin",
      "routing:skills-match:builtin",
      "questionnaire:csat:builtin",
      "questionnaire:nps:builtin",
      "questionnaire:operator-wrapup:builtin",
    ]);
  });

  test("loads user plugins from plugins.dir (relative to the config folder) and routes with the configured one", async () => {
    writePlugin("always-ann.ts", alwaysStrategy("always-ann", "ann"), 1_000);
    const report = await service.load(settings({ plugins: { dir: ".", timeoutMs: 50 }, routing: { strategy: "always-ann", options: {} } }), dir);
    expect(report.issues).toEqual([]);
    expect(report.configIssues).toEqual([]);
    expect(report.plugins.find((p) => p.id === "always-ann")).toMatchObject({ kind: "routing", source: join(dir, "always-ann.ts"), degraded: false });
    expect(service.pick(request)).toMatchObject({ operatorId: "ann", strategyId: "always-ann" });
    expect(logger.lines).toContainEqual({ level: "info", msg: "plugin loaded", fields: { plugin: "always-ann", kind: "routing", file: join(dir, "always-ann.ts") } });
  });

  test("broken plugins are logged with file and reason; the service still works", async () => {
    writePlugin("broken.ts", "export default () => { throw new Error('nope'); };\n", 1_000);
    const report = await service.load(settings());
    expect(report.issues).toEqual([{ file: join(dir, "broken.ts"), reason: "the factory threw: nope" }]);
    expect(logger.lines).toContainEqual({ level: "error", msg: "plugin not loaded", fields: { file: join(dir, "broken.ts"), pluginId: undefined, reason: "the factory threw: nope" } });
    expect(service.pick(request)).toMatchObject({ operatorId: "bob" });
  });

  test("an unknown strategy or invalid options: reported at their config path, routing falls back to least-busy", async () => {
    const report = await service.load(settings({ routing: { strategy: "priority", options: { reserveForHighPriority: -1, reserveForHighPriorty: 2 } } }));
    expect(report.configIssues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["routing.options.reserveForHighPriorty", 'unknown option "reserveForHighPriorty" (did you mean "reserveForHighPriority"?) (plugin "priority")'],
      ["routing.options.reserveForHighPriority", 'expected an integer of at least 0, found -1 (plugin "priority")'],
    ]);
    expect(service.pick(request)).toMatchObject({ operatorId: "bob", strategyId: "least-busy" });
    expect(logger.lines.some((l) => l.msg === "configured routing strategy unusable; routing with the built-in fallback")).toBe(true);

    const unknown = await service.load(settings({ routing: { strategy: "fastest", options: {} } }));
    expect(unknown.configIssues[0]).toMatchObject({ path: ["routing", "strategy"], found: '"fastest"' });
  });

  test("reload swaps in the edited plugin, and a reload resets degraded plugins", async () => {
    writePlugin("flaky.ts", `export default () => ({ kind: "routing", id: "flaky", pick: () => { throw new Error("v1 bug"); } });\n`, 1_000);
    await service.load(settings({ routing: { strategy: "flaky", options: {} } }));
    for (let i = 0; i < 3; i++) expect(service.pick(request)).toMatchObject({ strategyId: "least-busy", fallback: true });
    expect(service.registry.list().find((p) => p.id === "flaky")?.degraded).toBe(true);

    writePlugin("flaky.ts", alwaysStrategy("flaky", "ann"), 2_000);
    await service.load(settings({ routing: { strategy: "flaky", options: {} } }));
    expect(service.registry.list().find((p) => p.id === "flaky")?.degraded).toBe(false);
    expect(service.pick(request)).toMatchObject({ operatorId: "ann", strategyId: "flaky", fallback: false });
  });

  test("concurrent loads apply in call order", async () => {
    const first = service.load(settings({ routing: { strategy: "round-robin", options: {} } }));
    const second = service.load(settings({ routing: { strategy: "priority", options: {} } }));
    await Promise.all([first, second]);
    expect(service.pick(request).strategyId).toBe("priority");
  });

  test("hosts see the config's departments, frozen", async () => {
    writePlugin(
      "peek.ts",
      `export default (host) => { host.logger.info("departments", { ids: host.config.departments.map((d) => d.id), frozen: Object.isFrozen(host.config.departments[0].skills), version: host.version }); return { kind: "routing", id: "peek", pick: () => ({ queue: true, reason: "peek" }) }; };\n`,
      1_000,
    );
    await service.load(settings());
    expect(logger.lines.find((l) => l.msg === "departments")?.fields).toMatchObject({ ids: ["sales", "support"], frozen: true, version: "1.2.3", plugin: "peek" });
  });
});

describe("configured questionnaires", () => {
  const withQuestionnaires = () =>
    settings({
      questionnaires: [
        { id: "after-chat", plugin: "csat", options: { scale: 10 } },
        { id: "broken-options", plugin: "csat", options: { scale: 7 } },
        { id: "missing-plugin", plugin: "survey-monkey", options: {} },
      ],
    });

  test("questions, answer checks and scores through the configured entry", async () => {
    await service.load(withQuestionnaires());
    const q = service.questionnaire("after-chat");
    expect(q.pluginId).toBe("csat");
    expect(q.questions()[0]).toMatchObject({ id: "rating", max: 10 });
    expect(() => q.checkAnswers({ rating: 11 })).toThrow(AppError);
    expect(q.score(q.checkAnswers({ rating: 9 }))).toEqual({ score: 100, summary: "CSAT 9/10 (satisfied)", fallback: false });
  });

  test("unknown ids and unusable entries give precise errors", async () => {
    const report = await service.load(withQuestionnaires());
    expect(report.configIssues.map((i) => i.path.join("."))).toEqual(["questionnaires.1.options.scale", "questionnaires.2.plugin"]);
    const codeOf = (id: string) => {
      try {
        service.questionnaire(id);
      } catch (error) {
        return `${(error as AppError).code}: ${(error as AppError).message}`;
      }
    };
    expect(codeOf("nope")).toBe('questionnaire.not_found: no questionnaire "nope" is configured');
    expect(codeOf("broken-options")).toBe('plugin.failed: questionnaire "broken-options" is unavailable: invalid options: scale expected one of 5, 10, found 7');
    expect(codeOf("missing-plugin")).toBe('plugin.failed: questionnaire "missing-plugin" is unavailable: plugin "survey-monkey" is not loaded');
  });
});

describe("registry.knownPlugins feeds the config's own plugin check", () => {
  test("ids by kind, and option schemas that refuse unknown keys", () => {
    const known = service.registry.knownPlugins();
    expect(known.routingStrategies.map((r) => (typeof r === "string" ? r : r.id))).toEqual(["round-robin", "least-busy", "priority", "skills-match"]);
    const priority = known.routingStrategies.find((r) => typeof r !== "string" && r.id === "priority") as { optionsSchema: { additionalProperties?: boolean } };
    expect(priority.optionsSchema.additionalProperties).toBe(false);
  });
});
