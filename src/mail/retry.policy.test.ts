import { expect, test } from "bun:test";
import { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelayMs } from "./retry.policy";

const MINUTE = 60_000;

test("the default backoff is 1 min, 5 min, 30 min, 2 h, then hours", () => {
  expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(DEFAULT_RETRY_POLICY, n))).toEqual([MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 360 * MINUTE, 720 * MINUTE, 1440 * MINUTE]);
  expect(retryDelayMs(DEFAULT_RETRY_POLICY, 50)).toBe(1440 * MINUTE);
});

test("a job is retried until it has used maxAttempts, then given up", () => {
  const policy = { maxAttempts: 3, delaysMs: [MINUTE, 5 * MINUTE] };
  expect(nextAttemptAt(policy, 1, 1000)).toBe(1000 + MINUTE);
  expect(nextAttemptAt(policy, 2, 1000)).toBe(1000 + 5 * MINUTE);
  expect(nextAttemptAt(policy, 3, 1000)).toBeNull();
});
