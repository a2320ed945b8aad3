import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../core/clock";
import { HeartbeatMonitor, type Heartbeating } from "./heartbeat";
import { CLOSE_CODES } from "./protocol";

class FakeConn implements Heartbeating {
  pings = 0;
  closedWith: number | null = null;
  authenticated = true;
  constructor(public openedAt: number, public lastSeenAt: number) {}
  ping(): void {
    this.pings++;
  }
  close(code: number): void {
    this.closedWith = code;
  }
}

describe("HeartbeatMonitor", () => {
  const options = { intervalMs: 1000, maxMissed: 3, helloTimeoutMs: 500 };

  test("pings a silent connection, closes it after the allowed number of missed beats", () => {
    const clock = new ManualClock();
    const hb = new HeartbeatMonitor(clock, options);
    const c = new FakeConn(clock.now(), clock.now());
    hb.track(c);
    clock.advance(999);
    hb.tick();
    expect(c.pings).toBe(0);
    clock.advance(1);
    hb.tick();
    expect(c.pings).toBe(1);
    clock.advance(1999);
    hb.tick();
    expect(c.closedWith).toBeNull();
    clock.advance(1);
    expect(hb.tick()).toBe(1);
    expect(c.closedWith).toBe(CLOSE_CODES.heartbeatTimeout);
    expect(hb.size).toBe(0);
  });

  test("a connection that answers stays open", () => {
    const clock = new ManualClock();
    const hb = new HeartbeatMonitor(clock, options);
    const c = new FakeConn(clock.now(), clock.now());
    hb.track(c);
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      hb.tick();
      c.lastSeenAt = clock.now(); // pong
    }
    expect(c.closedWith).toBeNull();
    expect(c.pings).toBe(20);
  });

  test("a connection that never says hello is closed after the hello timeout", () => {
    const clock = new ManualClock();
    const hb = new HeartbeatMonitor(clock, options);
    const c = new FakeConn(clock.now(), clock.now());
    c.authenticated = false;
    hb.track(c);
    clock.advance(499);
    hb.tick();
    expect(c.closedWith).toBeNull();
    clock.advance(1);
    hb.tick();
    expect(c.closedWith).toBe(CLOSE_CODES.helloTimeout);
  });
});
