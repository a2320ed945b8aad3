import { afterEach, describe, expect, test } from "bun:test";
import { openDatabase, type OpenDatabase } from "../db";
import { createCommandAckRepository } from "./command-acks.repository";

let database: OpenDatabase;
afterEach(() => database?.close());

describe("command ack repository", () => {
  test("finds an ack by principal kind, id and client id; the first save wins", () => {
    database = openDatabase(":memory:");
    const acks = createCommandAckRepository(database.db);
    acks.save({ kind: "operator", id: "olga" }, "c1", '{"type":"ack","id":"c1","seq":3}', 1000);
    acks.save({ kind: "operator", id: "olga" }, "c1", '{"type":"ack","id":"c1","seq":9}', 2000);
    expect(acks.find({ kind: "operator", id: "olga" }, "c1", 0)).toBe('{"type":"ack","id":"c1","seq":3}');
    expect(acks.find({ kind: "visitor", id: "olga" }, "c1", 0)).toBeUndefined();
    expect(acks.find({ kind: "operator", id: "oscar" }, "c1", 0)).toBeUndefined();
    expect(acks.find({ kind: "operator", id: "olga" }, "c2", 0)).toBeUndefined();
  });

  test("an ack older than the window is not answered, and pruning deletes it", () => {
    database = openDatabase(":memory:");
    const acks = createCommandAckRepository(database.db);
    acks.save({ kind: "visitor", id: "v1" }, "old", "A", 1000);
    acks.save({ kind: "visitor", id: "v1" }, "new", "B", 5000);
    expect(acks.find({ kind: "visitor", id: "v1" }, "old", 2000)).toBeUndefined();
    acks.pruneBefore(2000);
    expect(acks.find({ kind: "visitor", id: "v1" }, "old", 0)).toBeUndefined();
    expect(acks.find({ kind: "visitor", id: "v1" }, "new", 0)).toBe("B");
  });
});
