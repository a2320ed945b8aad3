/**
 * Remembers the acknowledgement of recent commands per principal, so a client that retries a command
 * (same id) after a lost ack or a reconnect gets the original ack back instead of a second effect.
 * Messages are also idempotent in the engine itself (by client id, persisted, surviving restarts);
 * the ledger extends the guarantee to every other command (start, accept, end, transfer…) for as
 * long as a client can reasonably retry. Bounded: a fixed number of ids per principal, and
 * principals idle past the TTL are forgotten by {@link sweep}.
 */
import type { Clock } from "../../core/clock";

interface Entry {
  readonly acks: Map<string, string>;
  touchedAt: number;
}

/** Ledger sizing. */
export interface LedgerOptions {
  /** Acks remembered per principal (oldest forgotten first). */
  readonly perPrincipal: number;
  /** A principal silent this long is forgotten entirely. */
  readonly ttlMs: number;
}

/** Default: the last 256 commands of each principal, for 15 minutes of silence. */
export const DEFAULT_LEDGER: LedgerOptions = { perPrincipal: 256, ttlMs: 15 * 60_000 };

/** Per-principal memory of serialised ack frames by command id. */
export class CommandLedger {
  private readonly principals = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly options: LedgerOptions = DEFAULT_LEDGER,
  ) {}

  /** The ack already sent for this command id, if any. */
  recall(principal: string, commandId: string): string | undefined {
    const entry = this.principals.get(principal);
    if (!entry) return undefined;
    entry.touchedAt = this.clock.now();
    return entry.acks.get(commandId);
  }

  /** Remember the serialised ack of a command that took effect. */
  remember(principal: string, commandId: string, ackText: string): void {
    let entry = this.principals.get(principal);
    if (!entry) this.principals.set(principal, (entry = { acks: new Map(), touchedAt: 0 }));
    entry.touchedAt = this.clock.now();
    entry.acks.set(commandId, ackText);
    if (entry.acks.size > this.options.perPrincipal) {
      const oldest = entry.acks.keys().next().value;
      if (oldest !== undefined) entry.acks.delete(oldest);
    }
  }

  /** Forget principals idle past the TTL; returns how many were forgotten. */
  sweep(): number {
    const cutoff = this.clock.now() - this.options.ttlMs;
    let n = 0;
    for (const [key, entry] of this.principals) {
      if (entry.touchedAt < cutoff) {
        this.principals.delete(key);
        n++;
      }
    }
    return n;
  }

  /** Principals currently remembered (metrics, tests). */
  get size(): number {
    return this.principals.size;
  }
}
