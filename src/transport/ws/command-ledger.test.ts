import { afterEach, describe, expect, test } from "bun:test";
import { ManualClock } from "../../core/clock";
import { openDatabase, type OpenDatabase } from "../../storage/db";
import { createCommandAckRepository } from "../../storage/repositories/command-acks.repository";
import { CommandLedger, DEFAULT_LEDGER, type AckPrincipal } from "./command-ledger";

const v1: AckPrincipal = { kind: "visitor", id: "v1" };
const v2: AckPrincipal = { kind: "visitor", id: "v2" };
const p: AckPrincipal = { kind: "operator", id: "p" };
const q: AckPrincipal = { kind: "operator", id: "q" };

let database: OpenDatabase | undefined;
afterEach(() => {
  database?.close();
  database = undefined;
});

describe("CommandLedger", () => {
  test("a retried command id returns the original ack, per principal", () => {
    const ledger = new CommandLedger(new ManualClock());
    ledger.remember(v1, "cmd-1", '{"type":"ack","id":"cmd-1","seq":4}');
    expect(ledger.recall(v1, "cmd-1")).toBe('{"type":"ack","id":"cmd-1","seq":4}');
    expect(ledger.recall(v2, "cmd-1")).toBeUndefined();
    expect(ledger.recall({ kind: "operator", id: "v1" }, "cmd-1")).toBeUndefined();
    expect(ledger.recall(v1, "cmd-2")).toBeUndefined();
  });

  test("keeps only the most recent acks when full", () => {
    const ledger = new CommandLedger(new ManualClock(), { capacity: 2, ttlMs: 1000, retentionMs: 5000 });
    ledger.remember(p, "a", "A");
    ledger.remember(q, "b", "B");
    ledger.remember(p, "c", "C");
    expect(ledger.recall(p, "a")).toBeUndefined();
    expect(ledger.recall(q, "b")).toBe("B");
    expect(ledger.recall(p, "c")).toBe("C");
  });

  test("acks expire after the TTL; the sweep frees them", () => {
    const clock = new ManualClock();
    const ledger = new CommandLedger(clock, { capacity: 10, ttlMs: 1000, retentionMs: 5000 });
    ledger.remember(p, "old", "A");
    clock.advance(800);
    ledger.remember(p, "new", "B");
    clock.advance(300);
    expect(ledger.recall(p, "old")).toBeUndefined();
    expect(ledger.recall(p, "new")).toBe("B");
    expect(ledger.sweep()).toBe(1);
    expect(ledger.size).toBe(1);
  });

  test("with a store, a new ledger on the same database (a restart) still answers the retry", () => {
    database = openDatabase(":memory:");
    const clock = new ManualClock();
    const store = createCommandAckRepository(database.db);
    new CommandLedger(clock, DEFAULT_LEDGER, store).remember(p, "end-1", '{"type":"ack","id":"end-1","seq":7}');
    clock.advance(60 * 60_000); // an hour later: long past the memory TTL
    const restarted = new CommandLedger(clock, DEFAULT_LEDGER, store);
    expect(restarted.recall(p, "end-1")).toBe('{"type":"ack","id":"end-1","seq":7}');
    expect(restarted.recall(q, "end-1")).toBeUndefined();
  });

  test("stored acks answer for the retention window only; the sweep prunes them", () => {
    database = openDatabase(":memory:");
    const clock = new ManualClock();
    const store = createCommandAckRepository(database.db);
    const options = { capacity: 10, ttlMs: 1000, retentionMs: 10_000 };
    new CommandLedger(clock, options, store).remember(p, "old", "A");
    clock.advance(10_001);
    const ledger = new CommandLedger(clock, options, store);
    ledger.remember(p, "new", "B");
    expect(ledger.recall(p, "old")).toBeUndefined();
    ledger.sweep();
    expect(store.find(p, "old", 0)).toBeUndefined();
    expect(store.find(p, "new", 0)).toBe("B");
  });
});
