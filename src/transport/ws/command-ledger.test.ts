import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../core/clock";
import { CommandLedger } from "./command-ledger";

describe("CommandLedger", () => {
  test("a retried command id returns the original ack, per principal", () => {
    const ledger = new CommandLedger(new ManualClock());
    ledger.remember("visitor:v1", "cmd-1", '{"type":"ack","id":"cmd-1","seq":4}');
    expect(ledger.recall("visitor:v1", "cmd-1")).toBe('{"type":"ack","id":"cmd-1","seq":4}');
    expect(ledger.recall("visitor:v2", "cmd-1")).toBeUndefined();
    expect(ledger.recall("visitor:v1", "cmd-2")).toBeUndefined();
  });

  test("keeps only the most recent acks when full", () => {
    const ledger = new CommandLedger(new ManualClock(), { capacity: 2, ttlMs: 1000 });
    ledger.remember("p", "a", "A");
    ledger.remember("q", "b", "B");
    ledger.remember("p", "c", "C");
    expect(ledger.recall("p", "a")).toBeUndefined();
    expect(ledger.recall("q", "b")).toBe("B");
    expect(ledger.recall("p", "c")).toBe("C");
  });

  test("acks expire after the TTL; the sweep frees them", () => {
    const clock = new ManualClock();
    const ledger = new CommandLedger(clock, { capacity: 10, ttlMs: 1000 });
    ledger.remember("p", "old", "A");
    clock.advance(800);
    ledger.remember("p", "new", "B");
    clock.advance(300);
    expect(ledger.recall("p", "old")).toBeUndefined();
    expect(ledger.recall("p", "new")).toBe("B");
    expect(ledger.sweep()).toBe(1);
    expect(ledger.size).toBe(1);
  });
});
