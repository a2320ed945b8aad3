import { expect, test } from "bun:test";
import { openDatabase } from "../db";
import { OperatorMessageRepository } from "./operator-messages.repository";

const message = (n: number, at: number) => ({ id: `m${n}`, senderId: "mia", recipientId: "olga", clientId: `c${n}`, text: `line ${n}`, createdAt: at, readAt: null });

test("retention deletes every old message, in batches, and keeps the recent ones", () => {
  const database = openDatabase(":memory:");
  const repo = new OperatorMessageRepository(database.db);
  for (let n = 0; n < 2500; n++) repo.insert(message(n, 1000 + n));
  expect(repo.deleteOlderThan(1000 + 2400)).toBe(2400);
  expect(repo.newestOfThread("olga", "mia", 1000, null).map((m) => m.id)).toHaveLength(100);
  expect(repo.unreadBySender("olga")).toEqual({ mia: 100 });
  database.close();
});

test("the store refuses a second row with the same sender and command id", () => {
  const database = openDatabase(":memory:");
  const repo = new OperatorMessageRepository(database.db);
  repo.insert(message(1, 1));
  expect(() => repo.insert({ ...message(1, 2), id: "other" })).toThrow();
  expect(repo.findByClientId("mia", "c1")).toEqual(message(1, 1));
  database.close();
});
