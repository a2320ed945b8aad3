/**
 * Which conversation a visitor is in, so a widget that reconnects without remembering its
 * conversation id (a new tab, another device of an identified visitor) resumes it. Fed by the
 * engine's `conversation.created` events and seeded from the open conversations at start.
 * Bounded: the least recently started entries are forgotten past `maxEntries`.
 */
export class VisitorConversationIndex {
  private readonly latest = new Map<string, string>();

  constructor(private readonly maxEntries = 200_000) {}

  /** The visitor's most recent conversation, if known. */
  get(visitorId: string): string | undefined {
    return this.latest.get(visitorId);
  }

  /** Record a visitor's new conversation. */
  set(visitorId: string, conversationId: string): void {
    this.latest.delete(visitorId);
    this.latest.set(visitorId, conversationId);
    if (this.latest.size > this.maxEntries) this.latest.delete(this.latest.keys().next().value!);
  }

  get size(): number {
    return this.latest.size;
  }
}
