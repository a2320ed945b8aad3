import { expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { ManualClock } from "../core/clock";
import { ConfigSchema, type Config } from "../config/schema";
import { createLogger } from "../observability/logger";
import { CRON_ARM_DELAY_MS, registerJobs, type JobsDeps } from "./jobs.registry";
import { ManualTimers } from "./timer-driver";

const NOW = Date.parse("2026-01-05T07:00:00+01:00");

function setup(overrides: Partial<JobsDeps> = {}) {
  const calls: string[] = [];
  const lines: string[] = [];
  const clock = new ManualClock(NOW);
  const timers = new ManualTimers(clock);
  const config = {
    storage: { dataDir: "./data", retention: { conversationsDays: 30, filesDays: 0 } },
    openingHours: { timezone: "Europe/Paris", weekly: { monday: [{ from: "09:00", to: "18:00" }] }, exceptions: [] },
    departments: [],
    operators: [],
    timeouts: Value.Default(ConfigSchema.properties.timeouts, {}) as Config["timeouts"],
  };
  const jobs = registerJobs({
    config: () => config,
    clock,
    timers,
    logger: createLogger({ sink: (l) => lines.push(l) }),
    storage: {
      pruneConversationsEndedBefore: (t) => (calls.push(`conversations<${t}`), 2),
      pruneFilesOlderThan: (t) => (calls.push(`files<${t}`), 0),
      pruneOperatorMessagesOlderThan: (t) => (calls.push(`operatorMessages<${t}`), 0),
      checkpointWal: () => (calls.push("checkpoint"), { busy: false, logFrames: 0, checkpointedFrames: 0 }),
    },
    startCron: false,
    ...overrides,
  });
  return { jobs, calls, lines, timers, clock };
}

test("registers retention daily at 03:00 and the WAL checkpoint hourly", async () => {
  const { jobs } = setup({ startCron: true });
  const listed = jobs.list();
  expect(listed.map((j) => [j.name, j.schedule])).toEqual([["retention", "0 3 * * *"], ["wal-checkpoint", "0 * * * *"]]);
  const retention = new Date(listed[0]!.nextRunAt!);
  expect([retention.getHours(), retention.getMinutes(), retention.getSeconds()]).toEqual([3, 0, 0]); // server local time
  expect(listed[0]!.nextRunAt! - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
  expect(new Date(listed[1]!.nextRunAt!).getMinutes()).toBe(0);
  await jobs.stop();
  expect(jobs.list().every((j) => j.nextRunAt === null)).toBe(true);
});

test("runNow runs a job through the same path as its schedule", async () => {
  const { jobs, calls } = setup();
  await jobs.runNow("retention");
  await jobs.runNow("wal-checkpoint");
  expect(calls).toEqual([`conversations<${NOW - 30 * 86_400_000}`, `operatorMessages<${NOW - 30 * 86_400_000}`, "checkpoint"]);
  await jobs.stop();
});

test("a failing job is logged with its name and reported to the caller", async () => {
  const { jobs, lines } = setup({
    storage: {
      pruneConversationsEndedBefore: () => {
        throw new Error("disk full");
      },
      pruneFilesOlderThan: () => 0,
      pruneOperatorMessagesOlderThan: () => 0,
      checkpointWal: () => ({ busy: false, logFrames: 0, checkpointedFrames: 0 }),
    },
  });
  await expect(jobs.runNow("retention")).rejects.toThrow("disk full");
  expect(lines.some((l) => l.includes('"job":"retention"') && l.includes("disk full"))).toBe(true);
  await jobs.stop();
});

test("hours transitions reach subscribers until they unsubscribe, and stop on shutdown", async () => {
  const { jobs, timers } = setup();
  const seen: string[] = [];
  const unsubscribe = jobs.onHoursTransition((e) => seen.push(`${e.kind}@${new Date(e.at).toISOString()}`));
  await timers.advance(3 * 3_600_000);
  expect(seen).toEqual(["opened@2026-01-05T08:00:00.000Z"]);
  unsubscribe();
  await timers.advance(12 * 3_600_000);
  expect(seen.length).toBe(1);
  await jobs.stop();
  expect(timers.pending).toBe(0);
});

test("the cron jobs are armed just after registration (not during the start), and never by a registry stopped before", async () => {
  const { jobs: early, timers: earlyTimers } = setup({ startCron: true });
  await early.stop();
  expect(earlyTimers.pending).toBe(0);
  expect(early.list().map((j) => j.nextRunAt)).toEqual([null, null]);

  const { jobs, timers } = setup({ startCron: true });
  const armingTimers = timers.pending;
  await timers.advance(CRON_ARM_DELAY_MS);
  expect(timers.pending).toBe(armingTimers - 1);
  expect(jobs.list().every((j) => j.nextRunAt !== null)).toBe(true);
  await jobs.stop();
});
