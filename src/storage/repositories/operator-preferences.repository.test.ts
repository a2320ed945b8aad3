/** An operator's own capacity limit on a SQLite file: stored with the command, back after a restart. */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock, SequentialIds } from "../../core/clock";
import { createEngine } from "../../core/engine";
import { leastBusyPicker, makeConfig, operator, staff } from "../../core/conversation/engine.testkit";
import { openDatabase, type OpenDatabase } from "../db";
import { createEngineStores } from "./conversation-stores";

const config = makeConfig({ operators: [operator("ann", { maxConversations: 5 })] });
let dir = "";
const opened: OpenDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function boot(clock: ManualClock, ids: SequentialIds, engineConfig = config) {
  const db = openDatabase(join(dir, "parley.db"));
  opened.push(db);
  return createEngine({ config: engineConfig, clock, ids, stores: createEngineStores(db), routing: () => leastBusyPicker });
}

test("an operator's own limit is stored and applies again after a restart; back at the ceiling it follows the ceiling", () => {
  dir = mkdtempSync(join(tmpdir(), "parley-preferences-"));
  const clock = new ManualClock();
  const ids = new SequentialIds();
  boot(clock, ids).setOperatorCapacity("ann", 2, staff("ann"));
  opened.pop()!.close();
  const engine = boot(clock, ids);
  expect(engine.operator("ann")).toMatchObject({ capacity: 2, maxCapacity: 5 });
  engine.operatorConnected("ann");
  const outcomes = [1, 2, 3].map((n) => engine.startConversation({ visitor: { id: `v${n}` } }).outcome);
  expect(outcomes).toEqual(["assigned", "assigned", "queued"]);

  engine.setOperatorCapacity("ann", 5, staff("ann"));
  opened.pop()!.close();
  const raised = makeConfig({ operators: [operator("ann", { maxConversations: 8 })] });
  expect(boot(clock, ids, raised).operator("ann")).toMatchObject({ capacity: 8, maxCapacity: 8 });
});
