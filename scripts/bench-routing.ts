/**
 * Routing benchmark (issue "Conversation engine"): 500 operators, 10,000 waiting conversations,
 * then 100,000 routing decisions and queue updates in steady state (each step either ends an active
 * conversation — freeing a slot the queue head takes at once — or starts one that must queue).
 * The engine runs on in-memory stores so this measures the engine, not SQLite; routing goes through
 * the real plugin service (guarded built-in strategy), like in production.
 *
 *   bun scripts/bench-routing.ts [--operators=500] [--waiting=10000] [--steps=100000] [--strategy=least-busy|round-robin|priority|skills-match|inline]
 *
 * Prints decisions/s and per-step latency percentiles (µs), plus queue-position lookup cost, so
 * growth with queue length shows (compare --waiting=1000 with --waiting=10000).
 */
import { ManualClock, SequentialIds } from "../src/core/clock";
import { createEngine } from "../src/core/engine";
import type { DeadlineScheduler, RoutingPicker } from "../src/core/conversation/engine.context";
import { leastBusyPicker, makeConfig, operator, visitor, staff } from "../src/core/conversation/engine.testkit";
import { memoryStores } from "../src/core/conversation/memory.repository";
import type { EventLogRepository } from "../src/core/conversation/conversation.ports";
import type { Priority } from "../src/plugins/api";
import { PluginService } from "../src/plugins/plugin.service";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const OPERATORS = Number(arg("operators", "500"));
const WAITING = Number(arg("waiting", "10000"));
const STEPS = Number(arg("steps", "100000"));
const STRATEGY = arg("strategy", "least-busy");
const DEPARTMENTS = ["sales", "support", "billing", "tech"];
const PRIORITIES: Priority[] = ["low", "normal", "normal", "normal", "high", "urgent"];

/** Deterministic PRNG (mulberry32) so runs are comparable. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
function report(label: string, samples: number[]): void {
  const sorted = Float64Array.from(samples).sort();
  const total = samples.reduce((a, b) => a + b, 0);
  const us = (ms: number) => (ms * 1000).toFixed(1).padStart(8);
  console.log(
    `${label.padEnd(44)} n=${String(samples.length).padStart(7)}  ${(samples.length / (total / 1000)).toFixed(0).padStart(8)}/s  p50 ${us(percentile(sorted, 50))} µs  p99 ${us(percentile(sorted, 99))} µs  max ${us(sorted[sorted.length - 1]!)} µs`,
  );
}

const config = makeConfig({
  operators: Array.from({ length: OPERATORS }, (_, i) =>
    operator(`op${i}`, { departments: i % 10 === 0 ? [] : [DEPARTMENTS[i % DEPARTMENTS.length]!], skills: i % 3 === 0 ? ["french"] : [], maxConversations: 2 + (i % 3) }),
  ),
  departments: DEPARTMENTS.map((id) => ({ id, name: id, skills: id === "billing" ? ["french"] : [] })),
  routing: { mode: "department", strategy: STRATEGY === "inline" ? "least-busy" : STRATEGY },
  capacity: { queueSlotsPerOperator: Math.ceil((WAITING * 2) / OPERATORS) + 5 },
  queue: { slaSeconds: { urgent: 60, high: 300 }, estimateSampleSize: 50 },
  timeouts: { visitorInactivityMinutes: 30, autoTransferSeconds: 120, visitorReminderMinutes: 10 },
});

/** A scheduler that keeps deadlines in a map, as a stand-in for the persistent one. */
const armed = new Map<string, number>();
const scheduler: DeadlineScheduler = { set: (key, _kind, dueAt) => void armed.set(key, dueAt), cancel: (key) => void armed.delete(key) };

const clock = new ManualClock();
let routing: (cfg: typeof config) => RoutingPicker = () => leastBusyPicker;
if (STRATEGY !== "inline") {
  const plugins = new PluginService({ version: "bench", clock, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  const loaded = await plugins.load(config);
  if (loaded.issues.length) console.warn("plugin issues:", loaded.issues);
  routing = () => (request) => plugins.pick(request);
}

// The in-memory log would keep every event of 100k+ conversations on the JS heap (SQLite keeps them
// on disk), turning this into a GC benchmark. The bench never retries a clientId and never reads
// history, so its log only counts appends.
const stores = memoryStores();
let appended = 0;
const events: EventLogRepository = { append: () => (appended++, true), findByClientId: () => null, list: () => [] };
const engine = createEngine({ config, clock, ids: new SequentialIds(), stores: { ...stores, events }, scheduler, routing });
const random = rng(42);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
let visitors = 0;
const start = () =>
  engine.startConversation({ visitor: { id: `v${visitors++}` }, department: random() < 0.2 ? null : pick(DEPARTMENTS), priority: pick(PRIORITIES) });

console.log(`Parley routing bench: ${OPERATORS} operators, ${WAITING} waiting, ${STEPS} steps, strategy ${STRATEGY} (Bun ${Bun.version})`);

const connectTimes: number[] = [];
for (let i = 0; i < OPERATORS; i++) {
  const t0 = performance.now();
  engine.operatorConnected(`op${i}`);
  connectTimes.push(performance.now() - t0);
}

// Fill every operator to capacity: each start is a decision among many candidates.
const assignTimes: number[] = [];
for (;;) {
  const t0 = performance.now();
  const out = start();
  assignTimes.push(performance.now() - t0);
  clock.advance(10);
  if (out.outcome !== "assigned") break;
}
const queueTimes: number[] = [];
while (Object.values(engine.queueLengths()).reduce((a, b) => a + b, 0) < WAITING) {
  const t0 = performance.now();
  const out = start();
  queueTimes.push(performance.now() - t0);
  if (out.outcome === "refused") throw new Error(`refused while filling the queue: ${out.reason}`);
  clock.advance(5);
}

// Steady state: end one active conversation (the queue head takes the slot) or start one (it queues).
const activeIds: string[] = [];
for (let i = 0; i < OPERATORS; i++) for (const c of engine.conversationsOf(`op${i}`)) activeIds.push(c.id);
const endTimes: number[] = [];
const startTimes: number[] = [];
const messageTimes: number[] = [];
const t0All = performance.now();
for (let step = 0; step < STEPS; step++) {
  clock.advance(50);
  if (step % 2 === 0) {
    const index = Math.floor(random() * activeIds.length);
    const id = activeIds[index]!;
    const operatorId = engine.conversation(id)!.operatorId!;
    const t0 = performance.now();
    engine.endConversation(id, staff(operatorId));
    endTimes.push(performance.now() - t0);
    const taken = engine.conversationsOf(operatorId);
    activeIds[index] = taken.find((c) => !activeIds.includes(c.id))?.id ?? activeIds.pop()!;
  } else {
    const t0 = performance.now();
    const out = start();
    startTimes.push(performance.now() - t0);
    if (out.outcome === "assigned") activeIds.push(out.conversation.id);
  }
  if (step % 10 === 0) {
    const id = pick(activeIds);
    const t0 = performance.now();
    engine.postMessage(id, visitor(engine.conversation(id)!.visitorId), { text: "hello", clientId: `m${step}` });
    messageTimes.push(performance.now() - t0);
  }
}
const steadyMs = performance.now() - t0All;

const waitingIds = Object.keys(engine.queueLengths()).flatMap((key) => engine.queueStandings(key).map((s) => s.conversationId));
const positionTimes: number[] = [];
const estimateTimes: number[] = [];
for (let i = 0; i < 100_000; i++) {
  const id = pick(waitingIds);
  let t0 = performance.now();
  engine.queuePosition(id);
  positionTimes.push(performance.now() - t0);
  t0 = performance.now();
  engine.estimatedWaitMs(id);
  estimateTimes.push(performance.now() - t0);
}
const standingsT0 = performance.now();
const biggest = Object.entries(engine.queueLengths()).sort((a, b) => b[1] - a[1])[0]!;
engine.queueStandings(biggest[0]);
const standingsMs = performance.now() - standingsT0;

report("operator connects", connectTimes);
report(`initial assignment (up to ${OPERATORS} candidates)`, assignTimes);
report("arrival queued (queue filling)", queueTimes);
report("end + queue head assigned (steady state)", endTimes);
report("arrival queued (steady state)", startTimes);
report("all steady-state decisions", [...endTimes, ...startTimes]);
report("message post (idempotency + timers)", messageTimes);
report("queuePosition lookup", positionTimes);
report("estimatedWaitMs lookup", estimateTimes);
console.log(`steady state: ${STEPS} steps in ${steadyMs.toFixed(0)} ms → ${((STEPS / steadyMs) * 1000).toFixed(0)} decisions/s`);
console.log(`queue at the end: ${JSON.stringify(engine.queueLengths())}; full standings of ${biggest[0]} (${biggest[1]}) in ${(standingsMs * 1000).toFixed(0)} µs`);
console.log(`events appended: ${appended}`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
