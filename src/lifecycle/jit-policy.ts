/**
 * The compiled binary starts with JavaScriptCore's tier-up thresholds raised (`--compile-jit-policy`
 * in scripts/build.ts): start-up code runs once, so compiling it with the optimizing JITs only costs
 * time and memory (about 3 MB of idle RSS, measured with scripts/bench-startup.ts). Once the server
 * listens, the normal policy comes back so request and message handling is optimized as usual.
 */

/** The tier-up scale the binary is compiled with; 1 is JavaScriptCore's normal policy. */
export const STARTUP_JIT_POLICY = 32;

/** Restores the normal JIT policy; idempotent, and a no-op where it already is normal (a dev run). */
export function restoreNormalJitPolicy(): void {
  Bun.unsafe.setJITPolicy(1);
}

/**
 * Runs one-shot work that comes after the start (the config's confirmation by the exact reader)
 * under the start-up policy, so it does not leave optimized code and JIT memory behind either.
 */
export function withStartupJitPolicy<T>(work: () => T): T {
  Bun.unsafe.setJITPolicy(STARTUP_JIT_POLICY);
  try {
    return work();
  } finally {
    restoreNormalJitPolicy();
  }
}
