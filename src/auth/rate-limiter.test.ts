import { describe, expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import { TokenBucketLimiter, createRateLimiters, retryAfterSeconds, type RateLimitSettings } from "./rate-limiter";
import { testConfig } from "./auth.fixtures";

const limiter = (settings: RateLimitSettings, clock = new ManualClock(), maxKeys?: number) => new TokenBucketLimiter(() => settings, clock, maxKeys);

describe("TokenBucketLimiter", () => {
  test("allows a burst, then refuses with the time until the next token", () => {
    const clock = new ManualClock();
    const l = limiter({ perMinute: 6, burst: 3 }, clock);
    expect([1, 2, 3].map(() => l.take("ip1").allowed)).toEqual([true, true, true]);
    expect(l.take("ip1")).toEqual({ allowed: false, retryAfterMs: 10_000 });
    clock.advance(4_000);
    expect(l.take("ip1")).toEqual({ allowed: false, retryAfterMs: 6_000 });
    clock.advance(6_000);
    expect(l.take("ip1").allowed).toBe(true);
    expect(l.take("ip1").allowed).toBe(false);
  });

  test("burst defaults to perMinute, and refill never exceeds it", () => {
    const clock = new ManualClock();
    const l = limiter({ perMinute: 2 }, clock);
    l.take("k");
    clock.advance(10 * 60_000);
    expect([l.take("k"), l.take("k"), l.take("k")].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  test("keys are independent", () => {
    const l = limiter({ perMinute: 1 });
    expect(l.take("a").allowed).toBe(true);
    expect(l.take("a").allowed).toBe(false);
    expect(l.take("b").allowed).toBe(true);
  });

  test("perMinute 0 disables the limit", () => {
    const l = limiter({ perMinute: 0 });
    for (let i = 0; i < 1000; i++) expect(l.take("k").allowed).toBe(true);
    expect(l.size).toBe(0);
  });

  test("memory is bounded: the least recently used key is evicted", () => {
    const l = limiter({ perMinute: 1 }, new ManualClock(), 3);
    for (const k of ["a", "b", "c"]) l.take(k);
    l.take("a"); // a is now the most recent
    l.take("d"); // evicts b
    expect(l.size).toBe(3);
    expect(l.take("a").allowed).toBe(false); // still tracked (empty)
    expect(l.take("b").allowed).toBe(true); // forgotten: a fresh bucket
  });

  test("a config reload applies immediately", async () => {
    let settings: RateLimitSettings = { perMinute: 1 };
    const l = new TokenBucketLimiter(() => settings, new ManualClock());
    l.take("k");
    expect(l.take("k").allowed).toBe(false);
    settings = { perMinute: 0 };
    expect(l.take("k").allowed).toBe(true);
  });
});

describe("createRateLimiters", () => {
  test("each bucket reads its own config.rateLimits entry", async () => {
    const config = await testConfig((raw) => (raw.rateLimits = { login: { perMinute: 2 }, sendMessage: { perMinute: 60, burst: 1 } }));
    const limiters = createRateLimiters(() => config, new ManualClock());
    expect([1, 2, 3].map(() => limiters.login.take("ip").allowed)).toEqual([true, true, false]);
    expect([1, 2].map(() => limiters.sendMessage.take("v").allowed)).toEqual([true, false]);
  });
});

test("Retry-After is whole seconds, rounded up, at least 1", () => {
  expect([1, 999, 1000, 1001, 0].map(retryAfterSeconds)).toEqual([1, 1, 1, 2, 1]);
});
