/**
 * Per-connection, per-conversation delivery gate that makes resume gap-free and duplicate-free.
 *
 * Resume runs in three steps: subscribe to the conversation's topic with the feed *buffering*, read
 * the missed events from the store and send them, then go live by flushing the buffer while dropping
 * every event whose seq was already replayed. Live events published between the subscribe and the
 * replay therefore are neither lost (they were buffered) nor doubled (their seq is ≤ the replayed one).
 * Once live, any event at or below the last delivered seq is dropped too, so a message arriving on
 * two paths is shown once.
 */
export class ConversationFeed {
  private buffer: { seq: number | undefined; text: string }[] | null = [];

  constructor(private delivered: number) {}

  /** Highest seq handed to the client so far. */
  get lastSeq(): number {
    return this.delivered;
  }

  /** True until {@link goLive} is called. */
  get buffering(): boolean {
    return this.buffer !== null;
  }

  /**
   * Decide about one event from the hub: buffered while replaying, dropped when already delivered.
   * Returns true when the caller should send it now. Events without seq (typing, queue position) are
   * never dropped, only buffered.
   */
  admit(seq: number | undefined, text: string): boolean {
    if (this.buffer) {
      this.buffer.push({ seq, text });
      return false;
    }
    if (seq === undefined) return true;
    if (seq <= this.delivered) return false;
    this.delivered = seq;
    return true;
  }

  /** Record that replayed events up to `seq` were sent as part of a snapshot. */
  markReplayed(seq: number): void {
    if (seq > this.delivered) this.delivered = seq;
  }

  /** Leave buffering mode; returns the buffered frames still to send, in publish order. */
  goLive(): string[] {
    const pending = this.buffer ?? [];
    this.buffer = null;
    const out: string[] = [];
    for (const item of pending) {
      if (item.seq === undefined) out.push(item.text);
      else if (item.seq > this.delivered) {
        this.delivered = item.seq;
        out.push(item.text);
      }
    }
    return out;
  }
}
