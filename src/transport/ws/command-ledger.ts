/**
 * Remembers the acknowledgement of state-changing commands per principal, so a client that retries
 * a command (same id) after a lost ack, a reconnect or a server restart gets the original ack back
 * instead of an error ("already ended") or a second effect. Messages (and notes, file requests) are
 * idempotent in the engine itself (by client id, in the event log); the ledger extends the guarantee
 * to every other command (start, accept, end, transfer, status…).
 *
 * Two layers: a bounded in-memory cache (the fast path, recent acks) and, when a store is given, the
 * `command_acks` table. `remember` runs inside the command's group-commit transaction, so the stored
 * ack commits exactly with the command's effect; `recall` asks the table only when memory misses.
 */
import type { Clock } from "../../core/clock";
import type { AckPrincipal, CommandAckStore } from "../../storage/repositories/command-acks.repository";

export type { AckPrincipal } from "../../storage/repositories/command-acks.repository";

interface Entry {
  readonly text: string;
  readonly at: number;
}

/** Ledger sizing. */
export interface LedgerOptions {
  /** Acks cached in memory in all (oldest forgotten first). */
  readonly capacity: number;
  /** An ack older than this leaves the memory cache (it stays answerable from the store). */
  readonly ttlMs: number;
  /** How long a stored ack answers retries; older rows are pruned by `sweep`. */
  readonly retentionMs: number;
}

/** Default: the last 100,000 acks in memory for 15 minutes; every ack stored for 24 hours. */
export const DEFAULT_LEDGER: LedgerOptions = { capacity: 100_000, ttlMs: 15 * 60_000, retentionMs: 24 * 60 * 60_000 };

/**
 * Serialised ack frames by principal and command id. One map for everyone (insertion order is age),
 * so an idle visitor costs one entry per remembered command, not a map of their own.
 */
export class CommandLedger {
  private readonly acks = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly options: LedgerOptions = DEFAULT_LEDGER,
    private readonly store: CommandAckStore | null = null,
  ) {}

  /** The ack already sent for this principal's command id, if any and still within the retention window. */
  recall(principal: AckPrincipal, commandId: string): string | undefined {
    const now = this.clock.now();
    const k = key(principal, commandId);
    const entry = this.acks.get(k);
    if (entry && now - entry.at <= this.options.ttlMs) return entry.text;
    if (!this.store) return undefined;
    const stored = this.store.find(principal, commandId, now - this.options.retentionMs);
    if (stored !== undefined) this.cache(k, stored, now);
    return stored;
  }

  /** Remember the serialised ack of a command that took effect (call inside its transaction). */
  remember(principal: AckPrincipal, commandId: string, ackText: string): void {
    const now = this.clock.now();
    this.store?.save(principal, commandId, ackText, now);
    this.cache(key(principal, commandId), ackText, now);
  }

  /** Forget expired acks, in memory and in the store; returns how many left memory. */
  sweep(): number {
    const now = this.clock.now();
    const cutoff = now - this.options.ttlMs;
    let n = 0;
    // They are the oldest first, so the walk stops at the first live one.
    for (const [k, entry] of this.acks) {
      if (entry.at >= cutoff) break;
      this.acks.delete(k);
      n++;
    }
    this.store?.pruneBefore(now - this.options.retentionMs);
    return n;
  }

  /** Acks currently cached in memory (metrics, tests). */
  get size(): number {
    return this.acks.size;
  }

  private cache(k: string, text: string, at: number): void {
    this.acks.delete(k);
    this.acks.set(k, { text, at });
    if (this.acks.size > this.options.capacity) this.acks.delete(this.acks.keys().next().value!);
  }
}

const key = (principal: AckPrincipal, commandId: string) => `${principal.kind}\u0000${principal.id}\u0000${commandId}`;
