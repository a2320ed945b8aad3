/**
 * One client WebSocket as the realtime layer sees it: what it is subscribed to, which conversations it
 * follows (with their resume gates), when it was last heard from, and a guarded `send` that drops a
 * client reading too slowly instead of buffering without bound.
 */
import type { Clock } from "../../core/clock";
import type { Audience, Hub, HubMessage, HubSubscriber } from "../../realtime/hub";
import { Topics } from "../../realtime/topics";
import { ConversationFeed } from "./conversation-feed";
import type { HeldAction, HeldTarget, OutputGate } from "./group-commit";
import { CLOSE_CODES, TYPING_THROTTLE_MS } from "./protocol";

/** The part of Bun's ServerWebSocket we use; tests pass a fake. */
export interface SocketLike {
  send(data: string): number;
  close(code?: number, reason?: string): void;
  getBufferedAmount(): number;
  ping(): unknown;
  /** Runs `fn` with writes batched into one (Bun's ServerWebSocket has it). */
  cork?<T>(fn: () => T): T;
}

/** Tunables of a connection. */
export interface ConnectionLimits {
  /** Close the socket once this many bytes wait in its send buffer. */
  readonly maxBufferedBytes: number;
  /** While a group-commit batch is open, frames wait here until its COMMIT. */
  readonly output?: OutputGate;
}

let nextConnectionId = 1;
/** Conversations whose last delivered seq a connection remembers after unfollowing them. */
const MAX_PAST_SEQS = 200;

/** A live client connection; subscribes to hub topics and receives their messages. */
export class Connection implements HubSubscriber, HeldTarget {
  readonly id = nextConnectionId++;
  readonly openedAt: number;
  /** Last time any frame or pong arrived (heartbeat). */
  lastSeenAt: number;
  /** Set once `hello` succeeded: the principal is known. */
  authenticated = false;
  private closed = false;
  private readonly topics = new Set<string>();
  private readonly feeds = new Map<string, ConversationFeed>();
  /** Last seq delivered of conversations no longer followed, so following again does not resend them (created on first use: most connections never need it). */
  private pastSeqs: Map<string, number> | null = null;
  /** When "typing on" last passed, per conversation, and which are on (created on first use). */
  private typing: Map<string, { at: number; on: boolean }> | null = null;

  constructor(
    private readonly socket: SocketLike,
    readonly audience: Audience,
    private readonly hub: Hub,
    private readonly clock: Clock,
    private readonly limits: ConnectionLimits,
    /** Counts sent frames (the WebSocket metrics); optional. */
    private readonly sentCounter?: { inc(): void },
  ) {
    this.openedAt = this.lastSeenAt = clock.now();
  }

  /** True once closed by either side; nothing is sent afterwards. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Note that the client is alive (any inbound frame or pong). */
  touch(): void {
    this.lastSeenAt = this.clock.now();
  }

  /** Send a frame object. */
  send(frame: object): void {
    this.sendText(JSON.stringify(frame));
  }

  /**
   * Send an already serialised frame. Inside a group-commit batch the frame is held until the
   * COMMIT (nothing leaves before it is durable); closes the socket if the client cannot keep up.
   */
  sendText(text: string): void {
    if (this.closed) return;
    const gate = this.limits.output;
    if (gate?.holding) return gate.push(this, { text });
    this.deliver(text);
  }

  /** Write a frame to the socket now. */
  deliver(text: string): void {
    if (this.closed) return;
    this.write(text);
    this.checkBackpressure();
  }

  private write(text: string): void {
    this.socket.send(text);
    this.sentCounter?.inc();
  }

  /** Close a client that reads too slowly (its unsent frames pile up in the server's memory). */
  private checkBackpressure(): void {
    if (!this.closed && this.socket.getBufferedAmount() > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.backpressure, `send buffer over ${this.limits.maxBufferedBytes} bytes`);
    }
  }

  /**
   * Performs actions held during a group-commit batch, corked into one write; the send buffer is
   * checked once, after it (a batch is bounded, so what it adds is too).
   */
  flushHeld(actions: readonly HeldAction[]): void {
    if (!this.socket.cork || actions.length === 1 || this.closed) {
      for (const action of actions) this.perform(action);
      return;
    }
    this.socket.cork(() => {
      for (const action of actions) {
        if (this.closed) return;
        if ("text" in action) this.write(action.text);
        else this.perform(action);
      }
    });
    this.checkBackpressure();
  }

  private perform(action: HeldAction): void {
    if ("text" in action) this.deliver(action.text);
    else this.close(action.close[0], action.close[1]);
  }

  /** Protocol-level ping (browsers answer it on their own). */
  ping(): void {
    if (!this.closed) this.socket.ping();
  }

  /**
   * Close with a code and a reason the client can show or log; unsubscribes from everything. Inside
   * a group-commit batch the close happens after the frames sent before it.
   */
  close(code: number, reason: string): void {
    if (this.closed) return;
    const gate = this.limits.output;
    if (gate?.holding) return gate.push(this, { close: [code, reason] });
    this.dispose();
    try {
      this.socket.close(code, reason);
    } catch {
      // already gone
    }
  }

  /** Forget every subscription; called when the socket closed from the client side. */
  dispose(): void {
    this.closed = true;
    for (const topic of this.topics) this.hub.unsubscribe(topic, this);
    this.topics.clear();
    this.feeds.clear();
  }

  /** Subscribe to a topic that carries no sequenced conversation events (queue, presence, operator:…). */
  subscribe(topic: string): void {
    if (this.closed) return;
    this.topics.add(topic);
    this.hub.subscribe(topic, this);
  }

  /** Unsubscribe from a topic. */
  unsubscribe(topic: string): void {
    this.topics.delete(topic);
    this.hub.unsubscribe(topic, this);
  }

  /** Whether this connection currently follows a conversation. */
  follows(conversationId: string): boolean {
    return this.feeds.has(conversationId);
  }

  /** Conversations currently followed. */
  followedConversations(): string[] {
    return [...this.feeds.keys()];
  }

  /**
   * Start following a conversation after `afterSeq`: subscribes now and buffers live events until
   * {@link goLive}; the caller replays the missed events in between. Returns the seq to replay
   * after: `afterSeq`, or more if this connection already delivered later events of the conversation
   * before it stopped following it (unless `exact`: the client said where it stands). Returns null
   * when already following (nothing to replay twice).
   */
  beginFollow(conversationId: string, afterSeq: number, exact = false): number | null {
    if (this.closed || this.feeds.has(conversationId)) return null;
    const start = exact ? afterSeq : Math.max(afterSeq, this.pastSeqs?.get(conversationId) ?? 0);
    this.feeds.set(conversationId, new ConversationFeed(start));
    this.subscribe(Topics.conversation(conversationId));
    return start;
  }

  /** The replay sent events up to `seq` (inclusive) for this conversation. */
  markReplayed(conversationId: string, seq: number): void {
    this.feeds.get(conversationId)?.markReplayed(seq);
  }

  /** End the replay of a conversation: flush buffered live events that were not replayed. */
  goLive(conversationId: string): void {
    const feed = this.feeds.get(conversationId);
    if (!feed) return;
    for (const text of feed.goLive()) this.sendText(text);
  }

  /** Stop following a conversation (ended for this operator, transferred away, unwatched). */
  unfollow(conversationId: string): void {
    const feed = this.feeds.get(conversationId);
    if (!feed) return;
    this.feeds.delete(conversationId);
    this.unsubscribe(Topics.conversation(conversationId));
    const past = (this.pastSeqs ??= new Map());
    past.delete(conversationId);
    past.set(conversationId, feed.lastSeq);
    if (past.size > MAX_PAST_SEQS) past.delete(past.keys().next().value!);
  }

  /** Highest seq delivered for a followed conversation. */
  lastSeqOf(conversationId: string): number | undefined {
    return this.feeds.get(conversationId)?.lastSeq;
  }

  /** Hub delivery: filter by audience, gate sequenced events through the conversation's feed. */
  receive(message: HubMessage): void {
    const text = message.textFor(this.audience);
    if (text === null || this.closed) return;
    if (message.conversationId !== undefined) {
      const feed = this.feeds.get(message.conversationId);
      if (feed && !feed.admit(message.seq, text)) return;
    }
    this.sendText(text);
    this.onReceive?.(message);
  }

  /** Optional observer of delivered hub messages (operator sockets follow newly assigned conversations). */
  onReceive?: (message: HubMessage) => void;

  /**
   * Typing throttle: "typing on" for a key passes at most once per {@link TYPING_THROTTLE_MS};
   * "typing off" passes only after an "on" that passed, so the indicator never sticks and an
   * on/off storm costs at most two frames per window.
   */
  allowTyping(key: string, on: boolean): boolean {
    const typing = (this.typing ??= new Map());
    const state = typing.get(key);
    if (!on) {
      if (!state?.on) return false;
      state.on = false;
      return true;
    }
    const now = this.clock.now();
    if (state && now - state.at < TYPING_THROTTLE_MS) return false;
    typing.set(key, { at: now, on: true });
    return true;
  }
}
