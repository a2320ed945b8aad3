/**
 * Auth cost figures: what one sign-in costs (argon2id with production parameters, the reason
 * `rateLimits.login` exists), and the per-request cost of what every staff request, visitor socket
 * and rate-limited command pays (session lookup, visitor token lookup, token bucket).
 *
 *   bun scripts/bench-auth.ts [--iterations 20000]
 *
 * A script, not a test: figures depend on the machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { authHarness } from "../src/auth/auth.fixtures";
import { createAuth } from "../src/auth/auth.module";
import { argon2idHasher } from "../src/auth/password.service";
import { TokenBucketLimiter, rateKeys } from "../src/auth/rate-limiter";
import { ManualClock, SequentialIds } from "../src/core/clock";
import { openDatabase } from "../src/storage/db";
import { numArg, parseArgs, rateReporter } from "./bench-stats";

const args = parseArgs(process.argv.slice(2));
const N = numArg(args, "iterations", 20_000);

const rate = rateReporter({ label: 44, micros: 8 });

async function median(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const mid = samples[Math.floor(n / 2)]!;
  console.log(`${label.padEnd(44)} ${mid.toFixed(1).padStart(12)} ms median (n=${n})`);
  return mid;
}

const hasher = argon2idHasher();
const hash = await hasher.hash("correct horse battery staple");
await median("argon2id hash (Bun defaults: 64 MiB, t=2)", 10, () => hasher.hash("correct horse battery staple"));
const verifyMs = await median("argon2id verify = one sign-in attempt", 10, () => hasher.verify("correct horse battery staple", hash));
console.log(`${"  → sign-in attempts one core can check".padEnd(44)} ${Math.round(1000 / verifyMs).toString().padStart(12)} /s`);

// Session and visitor lookups against a real WAL database file, as in production.
const dir = mkdtempSync(path.join(tmpdir(), "parley-bench-auth-"));
try {
  const fixture = await authHarness();
  const db = openDatabase(path.join(dir, "parley.db"));
  const clock = new ManualClock();
  const auth = createAuth({ db: db.db, config: () => fixture.config, clock, ids: new SequentialIds(), logger: { info() {}, warn() {} } });
  const sessions = Array.from({ length: 1000 }, () => auth.sessions.create("olga", "operator").token);
  rate("session cookie → principal (no renewal write)", N, (i) => auth.sessions.authenticate(sessions[i % sessions.length]));
  const visitors = Array.from({ length: 1000 }, (_, i) => auth.visitors.bootstrap({}, `10.0.${i >> 8}.${i & 255}`).token);
  rate("visitor token → visitor", N, (i) => auth.visitors.authenticateVisitorToken(visitors[i % visitors.length]));
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const limiter = new TokenBucketLimiter(() => ({ perMinute: 120 }), new ManualClock());
rate("token bucket take, 50,000 distinct keys", N * 10, (i) => limiter.take(rateKeys.visitor(`v${i % 50_000}`)));
console.log(`${"  tracked keys".padEnd(44)} ${limiter.size.toLocaleString("en").padStart(12)}`);
