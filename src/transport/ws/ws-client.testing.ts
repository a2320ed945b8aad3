/**
 * A WebSocket test client speaking the realtime protocol: records every frame, waits for frames by
 * predicate (with a timeout, never a sleep), and sends commands awaiting their ack or error. Used
 * by the in-process socket tests and the end-to-end tests against the binary.
 */

/** Any frame as received (JSON-decoded). */
export type Frame = Record<string, any>;

interface Waiter {
  readonly predicate: (f: Frame) => boolean;
  readonly from: number;
  readonly resolve: (f: Frame) => void;
  readonly reject: (e: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

let commandCounter = 0;

/** A unique command id for tests. */
export function commandId(prefix = "c"): string {
  return `${prefix}-${++commandCounter}-${Date.now().toString(36)}`;
}

/** A protocol client over one WebSocket. */
export class WsTestClient {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Waiter[] = [];
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.onmessage = (e) => this.receive(JSON.parse(String(e.data)) as Frame);
    ws.onclose = (e) => {
      this.closed = { code: e.code, reason: e.reason };
      for (const w of this.closeWaiters) w(this.closed);
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(new Error(`socket closed (${e.code} ${e.reason}) while waiting`));
      }
      this.waiters = [];
    };
  }

  /** Opens a socket with the given headers (Origin, Cookie) as a browser would send them. */
  static open(url: string, headers: Record<string, string> = {}): Promise<WsTestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers } as unknown as string[]);
      ws.onopen = () => resolve(new WsTestClient(ws));
      ws.onerror = () => reject(new Error(`cannot open ${url}`));
      ws.onclose = (e) => reject(new Error(`refused: ${e.code} ${e.reason}`));
    });
  }

  /** Send a frame (object → JSON) or raw text. */
  send(frame: object | string): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Send a command (an `id` is added when missing) and wait for its ack or error. */
  async request(frame: Record<string, unknown>, timeoutMs = 3000): Promise<Frame> {
    const id = (frame.id as string | undefined) ?? commandId(String(frame.type));
    const mark = this.frames.length;
    this.send({ ...frame, id });
    return this.waitFor((f) => (f.type === "ack" || f.type === "error") && f.id === id, { from: mark, timeoutMs });
  }

  /** Like `request` but fails unless acknowledged. */
  async ok(frame: Record<string, unknown>, timeoutMs?: number): Promise<Frame> {
    const answer = await this.request(frame, timeoutMs);
    if (answer.type !== "ack") throw new Error(`${String(frame.type)} refused: ${answer.code} ${answer.message}`);
    return answer;
  }

  /** The first frame (received at index ≥ `from`) matching the predicate, waiting for it if needed. */
  waitFor(predicate: (f: Frame) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<Frame> {
    const from = options.from ?? 0;
    const found = this.frames.slice(from).find(predicate);
    if (found) return Promise.resolve(found);
    if (this.closed) return Promise.reject(new Error(`socket closed (${this.closed.code} ${this.closed.reason})`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no matching frame within ${options.timeoutMs ?? 3000} ms; got ${JSON.stringify(this.frames.slice(from)).slice(0, 1500)}`));
      }, options.timeoutMs ?? 3000);
      this.waiters.push({ predicate, from, resolve, reject, timer });
    });
  }

  /**
   * Ping and wait for the pong: every frame the server queued on this socket before handling the
   * ping has then arrived, so a test may assert that something was *not* delivered.
   */
  async roundTrip(): Promise<void> {
    const id = commandId("sync");
    const mark = this.frames.length;
    this.send({ type: "ping", id });
    await this.waitFor((f) => f.type === "pong" && f.id === id, { from: mark });
  }

  /** The first frame already received that matches; throws when there is none. */
  first(predicate: (f: Frame) => boolean): Frame {
    const found = this.frames.find(predicate);
    if (!found) throw new Error(`no matching frame among ${JSON.stringify(this.frames).slice(0, 1500)}`);
    return found;
  }

  /** Event frames of a conversation (optionally of one event type), in arrival order. */
  events(conversationId: string, type?: string): Frame[] {
    return this.frames.filter((f) => f.type === "event" && f.conversationId === conversationId && (type === undefined || f.event.type === type));
  }

  /** Every event frame of a conversation including those inside snapshots, in arrival order. */
  allEvents(conversationId: string): Frame[] {
    return this.frames.flatMap((f) => {
      if (f.type === "snapshot" && Array.isArray(f.events)) return f.events.filter((e: Frame) => e.conversationId === conversationId);
      if (f.type === "snapshot" && Array.isArray(f.conversations)) return f.conversations.flatMap((c: Frame) => c.events).filter((e: Frame) => e.conversationId === conversationId);
      return f.type === "event" && f.conversationId === conversationId ? [f] : [];
    });
  }

  /** Resolves when the socket is closed. */
  whenClosed(): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  close(): void {
    this.ws.close();
  }

  private receive(frame: Frame): void {
    this.frames.push(frame);
    const index = this.frames.length - 1;
    for (const w of [...this.waiters]) {
      if (index >= w.from && w.predicate(frame)) {
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(frame);
      }
    }
  }
}
