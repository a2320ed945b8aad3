import { expect, test } from "bun:test";
import { createLogger } from "../observability/logger";
import { ShutdownHooks } from "./shutdown";

const capture = () => {
  const lines: string[] = [];
  return { logger: createLogger({ sink: (l) => lines.push(l) }), lines };
};

/** A controllable "time is up": every wait resolves when `expire()` is called, never by the clock. */
const manualTimer = () => {
  const pending: (() => void)[] = [];
  return { after: () => new Promise<void>((resolve) => pending.push(resolve)), expire: () => pending.splice(0).forEach((r) => r()) };
};

test("phases run in order — accept, connections, drain, work, storage — whatever the registration order", async () => {
  const order: string[] = [];
  const hooks = new ShutdownHooks();
  hooks.add("storage", "db", () => void order.push("storage"));
  hooks.add("work", "jobs", async () => void order.push("work"));
  hooks.add("connections", "ws", (reason) => void order.push(`connections:${reason}`));
  hooks.add("accept", "http", () => void order.push("accept"));
  hooks.add("drain", "http", () => void order.push("drain"));
  const report = await hooks.run("SIGTERM", capture());
  expect(order).toEqual(["accept", "connections:SIGTERM", "drain", "work", "storage"]);
  expect(report).toEqual({ clean: true, failed: [] });
});

test("a throwing hook is logged and the later phases still run", async () => {
  const { logger, lines } = capture();
  const hooks = new ShutdownHooks();
  let closed = false;
  hooks.add("work", "jobs", () => {
    throw new Error("job runner broken");
  });
  hooks.add("storage", "db", () => void (closed = true));
  const report = await hooks.run("SIGINT", { logger });
  expect(closed).toBe(true);
  expect(report).toEqual({ clean: false, failed: ["work/jobs"] });
  expect(lines.join("\n")).toContain("job runner broken");
});

test("a hook that hangs past the budget is abandoned, and storage still closes", async () => {
  const timer = manualTimer();
  const hooks = new ShutdownHooks();
  let closed = false;
  hooks.add("connections", "ws", () => new Promise(() => {}));
  hooks.add("storage", "db", () => void (closed = true));
  const { logger, lines } = capture();
  const run = hooks.run("SIGTERM", { logger, after: timer.after, budgetMs: 1000 });
  await Promise.resolve();
  expect(closed).toBe(false);
  timer.expire();
  const report = await run;
  expect(closed).toBe(true);
  expect(report.failed).toEqual(["connections/ws"]);
  expect(lines.join("\n")).toContain("ran out of time");
});

test("running twice shuts down once", async () => {
  let runs = 0;
  const hooks = new ShutdownHooks();
  hooks.add("storage", "db", () => void runs++);
  const { logger } = capture();
  expect(hooks.started).toBe(false);
  await Promise.all([hooks.run("SIGTERM", { logger }), hooks.run("SIGINT", { logger })]);
  expect(hooks.started).toBe(true);
  expect(runs).toBe(1);
});
