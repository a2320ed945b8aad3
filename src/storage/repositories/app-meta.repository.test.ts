import { expect, test } from "bun:test";
import { ManualClock, SequentialIds } from "../../core/clock";
import { openDatabase } from "../db";
import { ensureInstance, readMeta, writeMeta } from "./app-meta.repository";

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

test("metadata values can be written, overwritten and read back", () => {
  const { db, close } = openDatabase(":memory:");
  expect(readMeta(db, "k")).toBeNull();
  writeMeta(db, "k", "a", 1);
  writeMeta(db, "k", "b", 2);
  expect(readMeta(db, "k")).toBe("b");
  close();
});
