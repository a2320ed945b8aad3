/**
 * Cost figures for routing through the plugin host: each built-in strategy called directly, then
 * the same through the guard (`safePick`: frozen input copies, timing, decision checks) that every
 * production assignment goes through, for a small, a large and a very large team.
 *
 *   bun scripts/bench-plugins.ts [--iterations 20000]
 *
 * A script, not a test: figures depend on the machine.
 */
import type { RoutingCandidate, RoutingConversation } from "../src/plugins/api";
import { builtinStrategy, optionsFor, recordingLogger } from "../src/plugins/plugin.fixtures";
import { safePick, type BoundStrategy } from "../src/plugins/routing-guard";
import { numArg, parseArgs, rateReporter } from "./bench-stats";

const args = parseArgs(process.argv.slice(2));
const N = numArg(args, "iterations", 20_000);

const rate = rateReporter({ label: 48, micros: 9 });

const SKILLS = ["billing", "tech", "sales", "fr", "en", "de"];
const team = (size: number): RoutingCandidate[] =>
  Array.from({ length: size }, (_, i) => ({
    id: `op-${i}`,
    name: `Operator ${i}`,
    departments: ["support"],
    skills: SKILLS.filter((_, k) => (i + k) % 3 === 0),
    activeConversations: i % 3,
    capacity: 3 + (i % 4),
    lastAssignedAt: (i * 7919) % 100_000,
    availableSince: 0,
  }));
const conversation: RoutingConversation = { id: "c1", priority: "normal", department: "support", requiredSkills: ["tech"], createdAt: 0, pageUrl: null, previousOperatorIds: [], language: "fr" };
const leastBusy = builtinStrategy("least-busy");
const fallback: BoundStrategy = { strategy: leastBusy, options: optionsFor(leastBusy) };
const guard = { timeoutMs: 50, logger: recordingLogger() };

console.log(`routing decisions, ${N.toLocaleString("en")} iterations per line`);
for (const size of [5, 50, 500]) {
  const candidates = team(size);
  const iterations = Math.max(200, Math.round((N * 5) / size));
  for (const id of ["round-robin", "least-busy", "priority", "skills-match"]) {
    const strategy = builtinStrategy(id);
    const options = optionsFor(strategy);
    rate(`${id} direct, ${size} candidates`, iterations, (i) => strategy.pick({ conversation, candidates, now: i, options }));
    rate(`${id} guarded, ${size} candidates`, iterations, (i) => safePick(strategy, { conversation, candidates, now: i, options }, fallback, guard));
  }
}
