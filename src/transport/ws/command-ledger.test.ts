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

  test("keeps only the most recent ids of a principal", () => {
    const ledger = new CommandLedger(new ManualClock(), { perPrincipal: 2, ttlMs: 1000 });
    ledger.remember("p", "a", "A");
    ledger.remember("p", "b", "B");
    ledger.remember("p", "c", "C");
    expect(ledger.recall("p", "a")).toBeUndefined();
    expect(ledger.recall("p", "c")).toBe("C");
  });

  test("forgets principals idle past the TTL, keeps active ones", () => {
    const clock = new ManualClock();
    const ledger = new CommandLedger(clock, { perPrincipal: 10, ttlMs: 1000 });
    ledger.remember("idle", "a", "A");
    ledger.remember("busy", "a", "A");
    clock.advance(800);
    ledger.recall("busy", "a");
    clock.advance(300);
    expect(ledger.sweep()).toBe(1);
    expect(ledger.recall("idle", "a")).toBeUndefined();
    expect(ledger.recall("busy", "a")).toBe("A");
  });
});
