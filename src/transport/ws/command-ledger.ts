/**
 * Remembers the acknowledgement of recent commands per principal, so a client that retries a command
 * (same id) after a lost ack or a reconnect gets the original ack back instead of a second effect.
 * Messages are also idempotent in the engine itself (by client id, persisted, surviving restarts);
 * the ledger extends the guarantee to every other command (start, accept, end, transfer…) for as
 * long as a client can reasonably retry. Bounded in count and in age.
 */
import type { Clock } from "../../core/clock";

interface Entry {
  readonly text: string;
  readonly at: number;
}

/** Ledger sizing. */
export interface LedgerOptions {
  /** Acks remembered in all (oldest forgotten first). */
  readonly capacity: number;
  /** An ack older than this is forgotten. */
  readonly ttlMs: number;
}

/** Default: the last 100,000 acks, for 15 minutes. */
export const DEFAULT_LEDGER: LedgerOptions = { capacity: 100_000, ttlMs: 15 * 60_000 };

/**
 * Serialised ack frames by principal and command id. One map for everyone (insertion order is age),
 * so an idle visitor costs one entry per remembered command, not a map of their own.
 */
export class CommandLedger {
  private readonly acks = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly options: LedgerOptions = DEFAULT_LEDGER,
  ) {}

  /** The ack already sent for this principal's command id, if any and not expired. */
  recall(principal: string, commandId: string): string | undefined {
    const entry = this.acks.get(key(principal, commandId));
    if (!entry || this.clock.now() - entry.at > this.options.ttlMs) return undefined;
    return entry.text;
  }

  /** Remember the serialised ack of a command that took effect. */
  remember(principal: string, commandId: string, ackText: string): void {
    const k = key(principal, commandId);
    this.acks.delete(k);
    this.acks.set(k, { text: ackText, at: this.clock.now() });
    if (this.acks.size > this.options.capacity) this.acks.delete(this.acks.keys().next().value!);
  }

  /** Forget expired acks (they are the oldest, so the walk stops at the first live one); returns how many. */
  sweep(): number {
    const cutoff = this.clock.now() - this.options.ttlMs;
    let n = 0;
    for (const [k, entry] of this.acks) {
      if (entry.at >= cutoff) break;
      this.acks.delete(k);
      n++;
    }
    return n;
  }

  /** Acks currently remembered (metrics, tests). */
  get size(): number {
    return this.acks.size;
  }
}

const key = (principal: string, commandId: string) => `${principal}\u0000${commandId}`;
