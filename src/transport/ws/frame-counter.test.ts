import { expect, test } from "bun:test";
import { FrameCounters } from "./frame-counter";

test("frames are counted in batches: the Prometheus counter gets one inc(n) per flush, nothing when idle", () => {
  const calls: number[] = [];
  const counters = new FrameCounters();
  const sent = counters.over({ inc: (n = 1) => calls.push(n) })!;
  expect(counters.over(undefined)).toBeUndefined();
  for (let i = 0; i < 5; i++) sent.inc();
  counters.flush();
  counters.flush();
  sent.inc();
  counters.flush();
  expect(calls).toEqual([5, 1]);
});
