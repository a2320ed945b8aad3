/**
 * The engine wired to the real persistent scheduler (src/jobs/deadlines.ts) on a SQLite file, as in
 * production: timeouts fire through stored deadlines, and survive a restart of everything.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock, SequentialIds } from "../../core/clock";
import { createEngine, type Engine } from "../../core/engine";
import { leastBusyPicker, makeConfig, operator, staff, visitor } from "../../core/conversation/engine.testkit";
import { DeadlineScheduler } from "../../jobs/deadlines";
import { ManualTimers } from "../../jobs/timer-driver";
import { openDatabase, type OpenDatabase } from "../db";
import { createEngineStores } from "./conversation-stores";
import { createDeadlineRepository } from "./deadline.repository";

const MIN = 60_000;
const config = makeConfig({
  operators: [operator("ann"), operator("bob")],
  timeouts: { visitorInactivityMinutes: 10, operatorReminderBeforeTimeoutSeconds: 60, presenceGraceSeconds: 30 },
});
const silent = { debug() {}, warn() {}, error() {} };

let dir = "";
const opened: { db: OpenDatabase; scheduler: DeadlineScheduler }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.scheduler.stop();
    o.db.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Boots like src/server.ts does: database, engine restored from it, then the scheduler started with the engine as handler. */
function boot(clock: ManualClock, timers: ManualTimers, ids: SequentialIds, engineConfig = config): Engine {
  const db = openDatabase(join(dir, "parley.db"));
  const scheduler = new DeadlineScheduler({ store: createDeadlineRepository(db.db), clock, timers, logger: silent });
  const engine = createEngine({ config: engineConfig, clock, ids, stores: createEngineStores(db), scheduler, routing: () => leastBusyPicker });
  scheduler.start((d) => engine.handleDeadline(d.kind, d.conversationId, (d.payload ?? {}) as Record<string, unknown>));
  opened.push({ db, scheduler });
  return engine;
}

test("timeouts run through stored deadlines and survive a restart without firing twice", async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-deadlines-"));
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const ids = new SequentialIds();
  let engine = boot(clock, timers, ids);
  engine.operatorConnected("ann");
  const out = engine.startConversation({ visitor: { id: "v1" }, message: { text: "hello", clientId: "m1" } });
  const id = out.outcome === "refused" ? "" : out.conversation.id;
  // The visitor's silence only counts once they were answered (they are not inactive while waiting).
  engine.postMessage(id, staff("ann"), { text: "Hello, how can I help?", clientId: "a1" });
  const reminders = () => engine.history(id, { kind: "operator", id: "ann", role: "operator" }).filter((e) => e.type === "operator.reminder").length;

  await timers.advance(9 * MIN);
  expect(reminders()).toBe(1);

  // Process restart: everything is rebuilt from the file.
  const first = opened.pop()!;
  await first.scheduler.stop();
  first.db.close();
  const restartTimers = new ManualTimers(clock);
  engine = boot(clock, restartTimers, ids);
  expect(engine.conversation(id)).toMatchObject({ state: "active", operatorId: "ann" });

  await restartTimers.advance(30_000);
  expect(reminders()).toBe(1);
  // ann did not reconnect within the 30 s grace period after the restart.
  expect(engine.operator("ann")?.presence).toBe("offline");
  await restartTimers.advance(30_000);
  expect(engine.conversation(id)?.state).toBe("ended");
  expect(engine.history(id, visitor("v1")).at(-1)).toMatchObject({ type: "conversation.ended", payload: { reason: "inactivity" } });
  expect(opened[0]!.scheduler.size).toBe(0);
});

test("an automatic transfer round survives a restart: the conversation does not go back to the operator already tried", async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-deadlines-"));
  const roundConfig = makeConfig({ operators: [operator("ann"), operator("bob")], timeouts: { autoTransferSeconds: 5, visitorInactivityMinutes: 0, presenceGraceSeconds: 30 } });
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const ids = new SequentialIds();
  let engine = boot(clock, timers, ids, roundConfig);
  engine.operatorConnected("ann");
  engine.operatorConnected("bob");
  const out = engine.startConversation({ visitor: { id: "v1" }, message: { text: "hello?", clientId: "m1" } });
  const id = out.outcome === "refused" ? "" : out.conversation.id;
  const first = engine.conversation(id)!.operatorId!;
  const other = first === "ann" ? "bob" : "ann";
  await timers.advance(5_000);
  expect(engine.conversation(id)?.operatorId).toBe(other);

  const running = opened.pop()!;
  await running.scheduler.stop();
  running.db.close();
  const restartTimers = new ManualTimers(clock);
  engine = boot(clock, restartTimers, ids, roundConfig);
  engine.operatorConnected("ann");
  engine.operatorConnected("bob");
  for (let s = 0; s < 30; s++) await restartTimers.advance(1_000);
  expect(engine.conversation(id)?.operatorId).toBe(other);
  const log = engine.history(id, staff(other));
  expect(log.filter((e) => e.type === "conversation.transferred")).toHaveLength(1);
  expect(log.filter((e) => e.type === "notice" && e.payload.kind === "auto_transfer")).toHaveLength(1);
});

test("the maximum queue wait survives a restart and ends the conversation once, as queue_timeout", async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-deadlines-"));
  const waitConfig = makeConfig({
    operators: [operator("ann")],
    capacity: { conversationsPerOperator: 1 },
    queue: { maxWaitMinutes: 10 },
    timeouts: { visitorInactivityMinutes: 0, operatorReminderBeforeTimeoutSeconds: 0, autoTransferSeconds: 0, presenceGraceSeconds: 3600 },
  });
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const ids = new SequentialIds();
  let engine = boot(clock, timers, ids, waitConfig);
  engine.operatorConnected("ann");
  engine.startConversation({ visitor: { id: "busy" } });
  const out = engine.startConversation({ visitor: { id: "v1" }, message: { text: "anyone?", clientId: "m1" } });
  const id = out.outcome === "queued" ? out.conversation.id : "";
  await timers.advance(6 * MIN);

  const running = opened.pop()!;
  await running.scheduler.stop();
  running.db.close();
  const restartTimers = new ManualTimers(clock);
  engine = boot(clock, restartTimers, ids, waitConfig);
  expect(engine.conversation(id)?.state).toBe("waiting");
  await restartTimers.advance(4 * MIN - 1);
  expect(engine.conversation(id)?.state).toBe("waiting");
  await restartTimers.advance(1);
  expect(engine.conversationDetails(id)).toMatchObject({ state: "ended", endReason: "queue_timeout" });
  const log = engine.history(id, visitor("v1"));
  expect(log.filter((e) => e.type === "notice").map((e) => e.payload)).toEqual([{ kind: "queue_timeout", offlineForm: true }]);
  expect(log.at(-1)).toMatchObject({ type: "conversation.ended", payload: { reason: "queue_timeout" } });
});
