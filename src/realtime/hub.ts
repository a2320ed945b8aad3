/**
 * The realtime hub: topics → subscribed connections. Publishers hand it one message per topic; the
 * hub serialises it at most once per audience and hands the same string to every subscriber, so a
 * fan-out to thousands of sockets costs one `JSON.stringify` per audience.
 *
 * The hub knows nothing about WebSockets: a subscriber is anything with `receive`, which keeps the
 * fan-out logic testable without sockets and lets each connection apply its own sequencing rules.
 */

/** Who reads a message: the visitor of a conversation, or staff (operators, managers, admins). */
export type Audience = "visitor" | "staff";

/** A frame per audience; `null` means that audience must not see it (e.g. internal notes for visitors). */
export interface AudienceFrames {
  readonly visitor: object | null;
  readonly staff: object | null;
}

/**
 * One published message. `conversationId` + `seq` identify a persisted conversation event, which lets
 * a resuming connection drop what it has already replayed.
 */
export class HubMessage {
  private visitorText: string | null | undefined;
  private staffText: string | null | undefined;

  constructor(
    readonly frames: AudienceFrames,
    readonly conversationId?: string,
    readonly seq?: number,
  ) {}

  /** The serialised frame for an audience, or null if that audience must not see it. Computed once. */
  textFor(audience: Audience): string | null {
    if (this.frames.visitor === this.frames.staff) {
      // One frame for everyone (most messages): serialise it once for both audiences.
      if (this.staffText === undefined) this.staffText = this.frames.staff === null ? null : JSON.stringify(this.frames.staff);
      return this.staffText;
    }
    if (audience === "visitor") {
      if (this.visitorText === undefined) this.visitorText = this.frames.visitor === null ? null : JSON.stringify(this.frames.visitor);
      return this.visitorText;
    }
    if (this.staffText === undefined) this.staffText = this.frames.staff === null ? null : JSON.stringify(this.frames.staff);
    return this.staffText;
  }
}

/** Anything the hub can deliver to: in production a client connection. */
export interface HubSubscriber {
  readonly audience: Audience;
  receive(message: HubMessage, topic: string): void;
}

/** Topic → subscribers registry with fan-out. */
export class Hub {
  private readonly topics = new Map<string, Set<HubSubscriber>>();

  /** Add a subscriber to a topic (idempotent). */
  subscribe(topic: string, subscriber: HubSubscriber): void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(subscriber);
  }

  /** Remove a subscriber from a topic; empty topics are forgotten so the map does not grow forever. */
  unsubscribe(topic: string, subscriber: HubSubscriber): void {
    const set = this.topics.get(topic);
    if (!set) return;
    set.delete(subscriber);
    if (set.size === 0) this.topics.delete(topic);
  }

  /**
   * Deliver to every subscriber of `topic`. A subscriber that throws is isolated (the others still
   * receive); returns how many subscribers were handed the message.
   */
  publish(topic: string, message: HubMessage): number {
    const set = this.topics.get(topic);
    if (!set) return 0;
    let delivered = 0;
    // Copy first: a receiver may unsubscribe itself (e.g. on an `ended` event) while we iterate.
    for (const subscriber of [...set]) {
      try {
        subscriber.receive(message, topic);
        delivered++;
      } catch (err) {
        this.onSubscriberError(err, topic);
      }
    }
    return delivered;
  }

  /**
   * Deliver one message to the union of several topics' subscribers, each subscriber once (a
   * supervisor subscribed to a department and to their own topic gets a summary once, not twice).
   */
  publishToTopics(topics: readonly string[], message: HubMessage): number {
    if (topics.length === 1) return this.publish(topics[0]!, message);
    const seen = new Set<HubSubscriber>();
    let delivered = 0;
    for (const topic of topics) {
      const set = this.topics.get(topic);
      if (!set) continue;
      for (const subscriber of [...set]) {
        if (seen.has(subscriber)) continue;
        seen.add(subscriber);
        try {
          subscriber.receive(message, topic);
          delivered++;
        } catch (err) {
          this.onSubscriberError(err, topic);
        }
      }
    }
    return delivered;
  }

  /** Number of subscribers of a topic (presence, metrics, tests). */
  subscriberCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  /** Number of topics with at least one subscriber. */
  get topicCount(): number {
    return this.topics.size;
  }

  /** Hook for logging a failing subscriber; replaced by the composition root. */
  onSubscriberError: (error: unknown, topic: string) => void = () => {};
}
