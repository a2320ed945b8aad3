/**
 * The compiled binary starts with JavaScriptCore's tier-up thresholds raised (`--compile-jit-policy`
 * in scripts/build.ts) and keeps them until the first request from a user: start-up code runs once,
 * and so does what an idle appliance runs (probes, the config's confirmation, arming the cron jobs).
 * Compiling any of it with the optimizing JITs costs time and memory — the first DFG compile alone
 * maps about 5 MB of the compilers' machine code, resident for good (scripts/bench-startup.ts,
 * docs/operations.md). The first request that is not a probe means users are here: from then on
 * the normal policy applies, so request and message handling is optimized as usual.
 */
import { RUNS_FROM_BINARY } from "./binary";

/** The tier-up scale the binary is compiled with; 1 is JavaScriptCore's normal policy. */
export const STARTUP_JIT_POLICY = 1000;

/** Sets JavaScriptCore's policy (a spy in tests). */
export type JitPolicySetter = (scale: number) => void;

/** The JIT policy in force: the start-up one until {@link JitPolicy.serve}, then the normal one. */
export class JitPolicy {
  private serving = false;

  /**
   * @param startsRaised whether the process started with {@link STARTUP_JIT_POLICY} (the compiled
   *   binary) or with the normal policy (`bun src/main.ts`, tests)
   */
  constructor(
    private readonly startsRaised: boolean,
    private readonly set: JitPolicySetter = (scale) => Bun.unsafe.setJITPolicy(scale),
  ) {}

  /** Whether users have been served (the normal policy is in force). */
  get isServing(): boolean {
    return this.serving;
  }

  /** The first request from a user: the normal policy from now on. Idempotent. */
  serve(): void {
    if (this.serving) return;
    this.serving = true;
    if (this.startsRaised) this.set(1);
  }

  /**
   * Runs one-shot work (the config's confirmation by the exact reader) under the start-up policy,
   * so it leaves neither optimized code nor JIT memory behind, then restores the policy in force.
   */
  oneShot<T>(work: () => T): T {
    this.set(STARTUP_JIT_POLICY);
    try {
      return work();
    } finally {
      if (this.serving || !this.startsRaised) this.set(1);
    }
  }
}

/** The process's policy: the compiled binary starts raised. */
export const jitPolicy = new JitPolicy(RUNS_FROM_BINARY);
