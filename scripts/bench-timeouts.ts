/**
 * Cost figures for opening hours and timeouts: the hours checks routing makes on every assignment,
 * the timeout policy the engine runs after every change, and the persistent scheduler's writes,
 * firing rate and next-deadline lookup with many pending deadlines (file database, WAL).
 *
 *   bun scripts/bench-timeouts.ts [--iterations 100000] [--deadlines 100000]
 *
 * A script, not a test: figures depend on the machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Value } from "@sinclair/typebox/value";
import { ManualClock } from "../src/core/clock";
import { ConfigSchema, type Config, type OpeningHoursConfig } from "../src/config/schema";
import { acceptsNewConversations, currentWindowEnd, isOpen, nextOpening } from "../src/core/hours/hours.service";
import { diffDeadlines } from "../src/core/timers/deadlines.diff";
import { deadlineKey, type ConversationTiming } from "../src/core/timers/timeouts.model";
import { wantedDeadlines } from "../src/core/timers/timeouts.policy";
import { DeadlineScheduler } from "../src/jobs/deadlines";
import { ManualTimers } from "../src/jobs/timer-driver";
import { createLogger } from "../src/observability/logger";
import { openDatabase } from "../src/storage/db";
import { createDeadlineRepository } from "../src/storage/repositories/deadline.repository";
import { numArg, parseArgs } from "./bench-stats";

const args = parseArgs(process.argv.slice(2));
const N = numArg(args, "iterations", 100_000);
const DEADLINES = numArg(args, "deadlines", 100_000);
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function rate(label: string, n: number, fn: (i: number) => void): void {
  const started = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - started;
  console.log(`${label.padEnd(52)} ${Math.round((n / ms) * 1000).toLocaleString("en").padStart(12)} /s   ${((ms * 1000) / n).toFixed(2).padStart(8)} µs each`);
}

const office: OpeningHoursConfig = {
  timezone: "Europe/Paris",
  weekly: Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday"].map((d) => [d, [{ from: "09:00", to: "12:30" }, { from: "13:30", to: "18:00" }]])),
  exceptions: [{ date: "2026-12-25", hours: [] }, { date: "2026-05-01", hours: [] }],
};
const everyMinuteOfAYear = (i: number) => T0 + (i % 525_600) * 60_000;

console.log("— opening hours (Europe/Paris, two ranges a day, holidays) —");
rate("isOpen, same instant (routing burst)", N, () => isOpen(office, T0));
rate("isOpen, a different minute each call over a year", N, (i) => isOpen(office, everyMinuteOfAYear(i)));
rate("acceptsNewConversations (window end lookup)", N, (i) => acceptsNewConversations(office, everyMinuteOfAYear(i), 30));
rate("currentWindowEnd", N, (i) => currentWindowEnd(office, everyMinuteOfAYear(i)));
rate("nextOpening (scans to Monday from a weekend)", N, (i) => nextOpening(office, everyMinuteOfAYear(i)));

console.log("— timeout policy —");
const config = {
  timeouts: { ...(Value.Default(ConfigSchema.properties.timeouts, {}) as Config["timeouts"]), visitorReminderMinutes: 10, reengagementMinutes: 5, autoTransferSeconds: 120 },
  statuses: [],
  questionnaires: [],
};
const timing: ConversationTiming = {
  status: "active", waitingSince: T0, assignedAt: T0, lastVisitorActivityAt: T0, visitorAwaitingReplySince: T0,
  lastOperatorMessageAt: null, operatorStatus: "connected", operatorStatusSince: T0, operatorDisconnectedAt: null,
};
let previous = wantedDeadlines(timing, config);
rate("wantedDeadlines + diffDeadlines (one message)", N, (i) => {
  const next = wantedDeadlines({ ...timing, lastVisitorActivityAt: T0 + i * 1000 }, config);
  diffDeadlines(previous, next);
  previous = next;
});

console.log(`— persistent scheduler (file database, ${DEADLINES.toLocaleString("en")} deadlines) —`);
const dir = mkdtempSync(path.join(tmpdir(), "parley-bench-deadlines-"));
try {
  const db = openDatabase(path.join(dir, "parley.db"));
  const clock = new ManualClock(T0);
  const timers = new ManualTimers(clock);
  const scheduler = new DeadlineScheduler({ store: createDeadlineRepository(db.db), clock, timers, logger: createLogger({ level: "error" }) });
  scheduler.start(() => {});
  const due = (i: number) => T0 + 60_000 + ((i * 7919) % 3_600) * 1000;
  const key = (i: number) => deadlineKey(`c${i}`, "visitor-reminder");
  rate("set (insert, autocommit each)", DEADLINES, (i) => scheduler.set(key(i), "visitor-reminder", due(i), null, `c${i}`));
  rate("set (move existing key)", DEADLINES, (i) => scheduler.set(key(i), "visitor-reminder", due(i) + 1000, null, `c${i}`));
  const store = createDeadlineRepository(db.db);
  rate("earliest due lookup (index)", N, () => store.earliestFireAt());
  rate("syncConversation (one deadline moved)", Math.min(N, DEADLINES), (i) => scheduler.syncConversation(`c${i}`, [{ kind: "visitor-reminder", dueAt: due(i) + 2000 }]));
  const started = performance.now();
  const pending = scheduler.size;
  await timers.advance(2 * 3_600_000);
  const ms = performance.now() - started;
  console.log(`${"fire + delete (handler no-op)".padEnd(52)} ${Math.round((pending / ms) * 1000).toLocaleString("en").padStart(12)} /s   (${pending.toLocaleString("en")} fired, ${scheduler.size} left)`);
  await scheduler.stop();
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
