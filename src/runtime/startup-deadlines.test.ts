/**
 * The composition's start-up order: deadlines that fell due while the server was down fire only once
 * every listener of the engine is subscribed, so what they do reaches all of them — here, a
 * conversation its inactivity timeout ends during the restart still owes the operator questionnaire.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testConfig } from "../auth/auth.fixtures";
import { leastBusyPicker } from "../core/conversation/engine.testkit";
import { ManualClock, SequentialIds } from "../core/clock";
import { createEngine } from "../core/engine";
import { DeadlineScheduler } from "../jobs/deadlines";
import { ManualTimers } from "../jobs/timer-driver";
import { startServer, type ParleyServer } from "../server";
import { databasePath, openDatabase } from "../storage/db";
import { createEngineStores } from "../storage/repositories/conversation-stores";
import { createDeadlineRepository } from "../storage/repositories/deadline.repository";

let dir = "";
let server: ParleyServer | null = null;
afterEach(async () => {
  await server?.shutdown("test over");
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a conversation an overdue timeout ends at start-up owes the operator questionnaire", async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-startup-deadlines-"));
  const config = await testConfig((raw) => {
    raw.server = { ...raw.server, host: "127.0.0.1", port: 0 };
    raw.storage = { dataDir: join(dir, "data") };
    raw.questionnaires = [{ id: "wrapup", plugin: "operator-wrapup", when: "operatorEnd" }];
    raw.timeouts = { visitorInactivityMinutes: 10 };
  });

  // Yesterday: olga answered a visitor who then fell silent; the server stopped before the timeout.
  const clock = new ManualClock(Date.now() - 24 * 60 * 60_000);
  const database = openDatabase(databasePath(config.storage.dataDir));
  const scheduler = new DeadlineScheduler({ store: createDeadlineRepository(database.db), clock, timers: new ManualTimers(clock), logger: { debug() {}, warn() {}, error() {} } });
  const engine = createEngine({ config, clock, ids: new SequentialIds(), stores: createEngineStores(database), scheduler, routing: () => leastBusyPicker });
  engine.operatorConnected("olga");
  const started = engine.startConversation({ visitor: { id: "v1", name: "Vera" }, department: "support", message: { text: "hello", clientId: "m1" } });
  if (started.outcome === "refused") throw new Error(started.reason);
  const id = started.conversation.id;
  engine.postMessage(id, { kind: "operator", id: "olga", role: "operator" }, { text: "Hello Vera, how can I help?", clientId: "a1" });
  await scheduler.stop();
  database.close();

  const configFile = join(dir, "parley.yaml");
  writeFileSync(configFile, "# the test passes its config object directly\n");
  server = await startServer({ configFile, config, logSink: () => {} });
  const owed = () => server!.database.sqlite.query("SELECT operator_id AS operatorId FROM operator_questionnaire_dues WHERE conversation_id = ?").get(id) as { operatorId: string } | null;
  // The overdue deadline fires on the event loop's next turns after the start.
  for (let turn = 0; turn < 100 && !owed(); turn++) await Bun.sleep(10);
  expect(owed()).toEqual({ operatorId: "olga" });
});
