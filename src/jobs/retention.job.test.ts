import { expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import type { Config } from "../config/schema";
import { createLogger } from "../observability/logger";
import { retentionCutoff, runRetention, type RetentionPort } from "./retention.job";

const NOW = Date.UTC(2026, 5, 15, 3, 0, 0);
const DAY = 86_400_000;

function setup(retention: Config["storage"]["retention"]) {
  const calls: [string, number][] = [];
  const port: RetentionPort = {
    pruneConversationsEndedBefore: (t) => (calls.push(["conversations", t]), 4),
    pruneFilesOlderThan: async (t) => (calls.push(["files", t]), 7),
    pruneOperatorMessagesOlderThan: (t) => (calls.push(["operatorMessages", t]), 3),
  };
  const lines: string[] = [];
  const config = { storage: { dataDir: "./data", retention } };
  const deps = { config: () => config, clock: new ManualClock(NOW), port, logger: createLogger({ sink: (l) => lines.push(l) }) };
  return { deps, calls, lines, config };
}

test("the cutoff is that many days before now; 0 days keeps forever", () => {
  const now = Date.UTC(2026, 5, 30);
  expect(retentionCutoff(now, 30)).toBe(Date.UTC(2026, 4, 31));
  expect(retentionCutoff(now, 0)).toBeNull();
});

test("0 days keeps everything: nothing is pruned or logged", async () => {
  const { deps, calls, lines } = setup({ conversationsDays: 0, filesDays: 0 });
  expect(await runRetention(deps)).toEqual({ conversations: null, files: null, operatorMessages: null });
  expect(calls).toEqual([]);
  expect(lines).toEqual([]);
});

test("prunes conversations and files older than their own retention; operator chat with the conversations", async () => {
  const { deps, calls, lines } = setup({ conversationsDays: 90, filesDays: 30 });
  expect(await runRetention(deps)).toEqual({ conversations: 4, files: 7, operatorMessages: 3 });
  expect(calls).toEqual([["conversations", NOW - 90 * DAY], ["files", NOW - 30 * DAY], ["operatorMessages", NOW - 90 * DAY]]);
  expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "retention pruned old data", conversations: 4, files: 7, operatorMessages: 3 });
});

test("files can be pruned while conversations are kept", async () => {
  const { deps, calls } = setup({ conversationsDays: 0, filesDays: 7 });
  expect(await runRetention(deps)).toEqual({ conversations: null, files: 7, operatorMessages: null });
  expect(calls).toEqual([["files", NOW - 7 * DAY]]);
});

test("each run reads the current (reloaded) config", async () => {
  const { deps, calls, config } = setup({ conversationsDays: 0, filesDays: 0 });
  await runRetention(deps);
  config.storage.retention = { conversationsDays: 1, filesDays: 0 };
  await runRetention(deps);
  expect(calls).toEqual([["conversations", NOW - DAY], ["operatorMessages", NOW - DAY]]);
});
