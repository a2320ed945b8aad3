import { expect, test } from "bun:test";
import { ManualClock, SequentialIds } from "../../core/clock";
import { openDatabase } from "../db";
import { ensureInstance } from "./app-meta.repository";

test("the instance id is minted on first start and never changes on later starts", () => {
  const { db, close } = openDatabase(":memory:");
  const clock = new ManualClock(1_000);
  const ids = new SequentialIds();
  const first = ensureInstance(db, clock, ids);
  clock.advance(60_000);
  const again = ensureInstance(db, clock, ids);
  expect(first).toEqual({ instanceId: "inst_1", firstStartedAt: 1_000 });
  expect(again).toEqual(first);
  close();
});
