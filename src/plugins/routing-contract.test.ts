import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RoutingStrategy } from "./api";
import { BUILTIN_PLUGINS } from "./builtins";
import { createPluginHost } from "./host";
import { loadPluginDir } from "./loader";
import { builtinStrategy, testHostContext } from "./plugin.fixtures";
import { runRoutingContract } from "./routing-contract";

const builtinRoutingIds = ["round-robin", "least-busy", "priority", "skills-match"];

describe("every built-in routing strategy passes the contract", () => {
  test("the list above covers every built-in strategy", () => {
    const routingFiles = BUILTIN_PLUGINS.filter((p) => p.file.includes("/routing/")).length;
    expect(builtinRoutingIds).toHaveLength(routingFiles);
  });

  const variants: Array<[string, Record<string, unknown>, boolean]> = [
    ["round-robin", {}, false],
    ["round-robin", { maxLoadRatio: 0.5 }, false],
    ["least-busy", {}, false],
    ["least-busy", { measure: "count" }, false],
    ["priority", {}, false],
    ["priority", { reserveForHighPriority: 3, reserveAppliesTo: ["low", "normal"], reserveMaxWaitSeconds: 0 }, false],
    ["skills-match", {}, true],
    ["skills-match", { fallback: "any", languageSkillPrefix: "lang:" }, false],
    ["skills-match", { preferLanguage: false }, true],
  ];
  for (const [id, options, respectsRequiredSkills] of variants) {
    test(`${id} ${JSON.stringify(options)}`, () => {
      expect(runRoutingContract(builtinStrategy(id), { options, respectsRequiredSkills })).toEqual([]);
    });
  }
});

describe("a user strategy loaded from disk passes the contract", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-contract-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("longest-idle (sample plugin written the way an admin would)", async () => {
    writeFileSync(
      join(dir, "longest-idle.ts"),
      `import type { PluginFactory, RoutingStrategy } from "./parley-plugin";
export default ((host) => {
  const Options = host.t.Object({ minIdleMs: host.t.Integer({ minimum: 0, default: 0 }) });
  const strategy: RoutingStrategy<{ minIdleMs: number }> = {
    kind: "routing",
    id: "longest-idle",
    optionsSchema: Options,
    pick({ candidates, now, options }) {
      const idle = candidates.filter((c) => now - c.availableSince >= options.minIdleMs);
      if (idle.length === 0) return { queue: true, reason: "nobody idle long enough" };
      const best = [...idle].sort((a, b) => a.availableSince - b.availableSince || (a.id < b.id ? -1 : 1))[0]!;
      return { operatorId: best.id, reason: "idle the longest" };
    },
  };
  return strategy;
}) satisfies PluginFactory;
`,
    );
    const context = testHostContext();
    const loaded = await loadPluginDir({ dir, hostFor: (s) => createPluginHost(context, s), takenIds: new Map() });
    expect(loaded.issues).toEqual([]);
    const strategy = loaded.definitions[0]!.definition as RoutingStrategy;
    expect(runRoutingContract(strategy)).toEqual([]);
    expect(runRoutingContract(strategy, { options: { minIdleMs: 1_000 } })).toEqual([]);
  });
});

describe("the contract catches broken strategies", () => {
  const strategy = (pick: RoutingStrategy["pick"]): RoutingStrategy => ({ kind: "routing", id: "broken", pick });
  const failedChecks = (s: RoutingStrategy, respectsRequiredSkills = false) => runRoutingContract(s, { runs: 40, respectsRequiredSkills }).map((f) => f.check);

  test("an id outside the candidates", () => {
    expect(failedChecks(strategy(() => ({ operatorId: "ghost", reason: "x" })))).toContain("never picks outside the candidates");
  });

  test("a decision without a reason", () => {
    expect(failedChecks(strategy(({ candidates }) => ({ operatorId: candidates[0]!.id }) as never))).toContain("returns a well-formed decision");
  });

  test("a decision that depends on the order candidates are listed", () => {
    expect(failedChecks(strategy(({ candidates }) => ({ operatorId: candidates[0]!.id, reason: "first" })))).toEqual(["ignores candidate order"]);
  });

  test("a strategy that keeps hidden state", () => {
    let calls = 0;
    const picky = strategy(({ candidates }) => {
      const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1));
      return { operatorId: sorted[calls++ % sorted.length]!.id, reason: "rotating in memory" };
    });
    expect(failedChecks(picky)).toContain("is deterministic");
  });

  test("a strategy that sorts its input in place", () => {
    const sorting = strategy(({ candidates }) => {
      (candidates as RoutingCandidate[]).sort((a, b) => a.activeConversations - b.activeConversations);
      return { operatorId: candidates[0]!.id, reason: "sorted" };
    });
    expect(failedChecks(sorting)).toContain("does not mutate its input");
  });

  test("a strategy that claims to respect skills but ignores them", () => {
    const bySmallestId = strategy(({ candidates }) => ({ operatorId: [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!.id, reason: "smallest id" }));
    expect(failedChecks(bySmallestId, true)).toEqual(["respects required skills"]);
  });
});

type RoutingCandidate = Parameters<RoutingStrategy["pick"]>[0]["candidates"][number];
