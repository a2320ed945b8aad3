import { expect, mock, test } from "bun:test";
import { createLogger } from "../observability/logger";
import { createMetrics } from "../observability/metrics";
import { createApp } from "../transport/http/app";
import { Readiness } from "../transport/http/health.routes";
import { JitPolicy, STARTUP_JIT_POLICY } from "./jit-policy";

const newApp = (jitPolicy: JitPolicy) =>
  createApp({ logger: createLogger({ level: "error", sink: () => {} }), metrics: createMetrics({ processMetrics: false }), readiness: new Readiness(), ui: null, version: "9.9.9", jitPolicy });

const get = (app: ReturnType<typeof newApp>, path: string) => app.handle(new Request(`http://parley.test${path}`));

test("probes and scrapes keep the binary's start-up JIT policy; the first other request restores the normal one, once", async () => {
  const set = mock((_scale: number) => {});
  const policy = new JitPolicy(true, set);
  const app = newApp(policy);
  for (const path of ["/healthz", "/readyz", "/metrics", "/healthz"]) await get(app, path);
  expect(set).not.toHaveBeenCalled();
  expect(policy.isServing).toBe(false);

  expect((await get(app, "/no-such-page")).status).toBe(404);
  expect(set.mock.calls).toEqual([[1]]);
  expect(policy.isServing).toBe(true);
  await get(app, "/console");
  expect(set.mock.calls).toEqual([[1]]);
});

test("one-shot work runs under the start-up policy and leaves the policy in force as it found it", () => {
  const set = mock((_scale: number) => {});
  const compiled = new JitPolicy(true, set);
  expect(compiled.oneShot(() => 42)).toBe(42);
  expect(set.mock.calls).toEqual([[STARTUP_JIT_POLICY]]); // still before users: stays raised

  set.mockClear();
  compiled.serve();
  expect(() => compiled.oneShot(() => { throw new Error("boom"); })).toThrow("boom");
  expect(set.mock.calls).toEqual([[1], [STARTUP_JIT_POLICY], [1]]);
});

test("a process that started with the normal policy (bun src/main.ts) never keeps a raised one", () => {
  const set = mock((_scale: number) => {});
  const source = new JitPolicy(false, set);
  source.oneShot(() => null);
  expect(set.mock.calls).toEqual([[STARTUP_JIT_POLICY], [1]]);
  set.mockClear();
  source.serve();
  expect(set).not.toHaveBeenCalled();
});
