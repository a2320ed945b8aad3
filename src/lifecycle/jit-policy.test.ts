import { afterEach, expect, spyOn, test } from "bun:test";
import { createLogger } from "../observability/logger";
import { createMetrics } from "../observability/metrics";
import { createApp } from "../transport/http/app";
import { Readiness } from "../transport/http/health.routes";

const spy = spyOn(Bun.unsafe, "setJITPolicy");
afterEach(() => spy.mockClear());

const newApp = () =>
  createApp({ logger: createLogger({ level: "error", sink: () => {} }), metrics: createMetrics({ processMetrics: false }), readiness: new Readiness(), ui: null, version: "9.9.9" });

test("the binary's raised start-up JIT threshold is lowered back to normal once the server listens", async () => {
  const app = newApp();
  expect(spy).not.toHaveBeenCalled();
  app.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    expect(spy).toHaveBeenCalledWith(1);
    expect((await fetch(`http://127.0.0.1:${app.server!.port}/healthz`)).status).toBe(200);
  } finally {
    await app.stop();
  }
});

test("building the app for in-process tests (no listen) leaves the JIT policy alone", () => {
  newApp();
  expect(spy).not.toHaveBeenCalled();
});
