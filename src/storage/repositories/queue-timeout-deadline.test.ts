/**
 * `queue.maxWaitMinutes` through the real persistent scheduler on a SQLite file: the deadline is
 * stored, so a restart in the middle of the wait still takes the visitor out of the queue on time.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock, SequentialIds } from "../../core/clock";
import { createEngine, type Engine } from "../../core/engine";
import { leastBusyPicker, makeConfig, operator, visitor } from "../../core/conversation/engine.testkit";
import { DeadlineScheduler } from "../../jobs/deadlines";
import { ManualTimers } from "../../jobs/timer-driver";
import { openDatabase, type OpenDatabase } from "../db";
import { createEngineStores } from "./conversation-stores";
import { createDeadlineRepository } from "./deadline.repository";

const MIN = 60_000;
const config = makeConfig({
  operators: [operator("ann")],
  capacity: { conversationsPerOperator: 1 },
  queue: { maxWaitMinutes: 10 },
  timeouts: { visitorInactivityMinutes: 0, operatorReminderBeforeTimeoutSeconds: 0, autoTransferSeconds: 0, presenceGraceSeconds: 3600 },
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

function boot(clock: ManualClock, timers: ManualTimers, ids: SequentialIds): Engine {
  const db = openDatabase(join(dir, "parley.db"));
  const scheduler = new DeadlineScheduler({ store: createDeadlineRepository(db.db), clock, timers, logger: silent });
  const engine = createEngine({ config, clock, ids, stores: createEngineStores(db), scheduler, routing: () => leastBusyPicker });
  scheduler.start((d) => engine.handleDeadline(d.kind, d.conversationId, (d.payload ?? {}) as Record<string, unknown>));
  opened.push({ db, scheduler });
  return engine;
}

test("the maximum queue wait survives a restart and ends the conversation once, as queue_timeout", async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-queue-timeout-"));
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const ids = new SequentialIds();
  let engine = boot(clock, timers, ids);
  engine.operatorConnected("ann");
  engine.startConversation({ visitor: { id: "busy" } });
  const out = engine.startConversation({ visitor: { id: "v1" }, message: { text: "anyone?", clientId: "m1" } });
  const id = out.outcome === "queued" ? out.conversation.id : "";
  await timers.advance(6 * MIN);

  const running = opened.pop()!;
  await running.scheduler.stop();
  running.db.close();
  const restartTimers = new ManualTimers(clock);
  engine = boot(clock, restartTimers, ids);
  expect(engine.conversation(id)?.state).toBe("waiting");
  await restartTimers.advance(4 * MIN - 1);
  expect(engine.conversation(id)?.state).toBe("waiting");
  await restartTimers.advance(1);
  expect(engine.conversationDetails(id)).toMatchObject({ state: "ended", endReason: "queue_timeout" });
  const log = engine.history(id, visitor("v1"));
  expect(log.filter((e) => e.type === "notice").map((e) => e.payload)).toEqual([{ kind: "queue_timeout", offlineForm: true }]);
  expect(log.at(-1)).toMatchObject({ type: "conversation.ended", payload: { reason: "queue_timeout" } });
});
