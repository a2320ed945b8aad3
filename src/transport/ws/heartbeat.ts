/**
 * Finds dead connections. A TCP connection can die without a close (laptop lid, mobile handover),
 * and a dead operator socket would keep the operator "present" and receiving conversations forever.
 * Each tick pings connections that have been silent for an interval and closes those silent for
 * `maxMissed` intervals; connections that never said `hello` are closed after `helloTimeoutMs`.
 * Time comes from the injected clock, so the rule is tested without waiting.
 */
import type { Clock } from "../../core/clock";
import { CLOSE_CODES } from "./protocol";

/** What the monitor needs from a connection. */
export interface Heartbeating {
  readonly openedAt: number;
  readonly lastSeenAt: number;
  readonly authenticated: boolean;
  ping(): void;
  close(code: number, reason: string): void;
}

/** Heartbeat tunables. */
export interface HeartbeatOptions {
  /** Ping a connection silent for this long. */
  readonly intervalMs: number;
  /** Close a connection silent for this many intervals. */
  readonly maxMissed: number;
  /** Close a connection that has not authenticated within this long. */
  readonly helloTimeoutMs: number;
}

/** Default heartbeat: ping after 25 s of silence, close after 3 missed (75 s), hello within 10 s. */
export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 25_000, maxMissed: 3, helloTimeoutMs: 10_000 };

/** Tracks connections and applies the heartbeat rules on each {@link tick}. */
export class HeartbeatMonitor<C extends Heartbeating = Heartbeating> {
  private readonly tracked = new Set<C>();

  constructor(
    private readonly clock: Clock,
    private readonly options: HeartbeatOptions = DEFAULT_HEARTBEAT,
  ) {}

  /** Start watching a connection. */
  track(connection: C): void {
    this.tracked.add(connection);
  }

  /** Stop watching a connection (it closed). */
  untrack(connection: C): void {
    this.tracked.delete(connection);
  }

  /** Every connection watched (shutdown closes them all). */
  connections(): C[] {
    return [...this.tracked];
  }

  /** Number of connections watched. */
  get size(): number {
    return this.tracked.size;
  }

  /** Apply the rules once; returns how many connections were closed. Call every `intervalMs / 2` or so. */
  tick(): number {
    const now = this.clock.now();
    const { intervalMs, maxMissed, helloTimeoutMs } = this.options;
    let closed = 0;
    for (const c of [...this.tracked]) {
      if (!c.authenticated && now - c.openedAt >= helloTimeoutMs) {
        this.tracked.delete(c);
        c.close(CLOSE_CODES.helloTimeout, `no hello within ${Math.round(helloTimeoutMs / 1000)} s`);
        closed++;
        continue;
      }
      const silent = now - c.lastSeenAt;
      if (silent >= intervalMs * maxMissed) {
        this.tracked.delete(c);
        c.close(CLOSE_CODES.heartbeatTimeout, `no heartbeat for ${Math.round(silent / 1000)} s`);
        closed++;
      } else if (silent >= intervalMs) {
        c.ping();
      }
    }
    return closed;
  }
}
