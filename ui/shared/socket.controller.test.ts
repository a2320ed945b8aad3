import { beforeEach, describe, expect, test } from "bun:test";
import { backoffDelay, CommandError, DEFAULT_BACKOFF, NOT_CONNECTED, SocketController, type NetworkSignal, type SocketControllerOptions, type SocketTimers, type WebSocketLike } from "./socket.controller";
import type { EventFrameT } from "./protocol";

type Cmd = { type: string; id: string; [k: string]: unknown };
type Frame = { type: string; [k: string]: unknown };

/** A WebSocket the test drives: it records what the client sent and lets the test answer. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: Cmd[] = [];
  closed: { code?: number } | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closed = { code };
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(f: Frame) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  serverClose(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  sentOf(type: string) {
    return this.sent.filter((c) => c.type === type);
  }
}

/** Timers advanced by hand. */
class FakeTimers implements SocketTimers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.due.delete(handle as number);
  }
  advance(ms: number) {
    const until = this.now + ms;
    for (;;) {
      const first = [...this.due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!first) break;
      this.due.delete(first[0]);
      this.now = first[1].at;
      first[1].fn();
    }
    this.now = until;
  }
  get pending() {
    return [...this.due.values()].map((t) => t.at - this.now);
  }
}

class FakeNetwork implements NetworkSignal {
  isOnline = true;
  private listeners: ((online: boolean) => void)[] = [];
  online() {
    return this.isOnline;
  }
  subscribe(listener: (online: boolean) => void) {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }
  set(online: boolean) {
    this.isOnline = online;
    for (const l of this.listeners) l(online);
  }
}

const event = (seq: number | undefined, text = `m${seq}`, conversationId = "c1"): EventFrameT => ({
  type: "event",
  conversationId,
  ...(seq === undefined ? {} : { seq }),
  event: { type: "message", at: 1, sender: { kind: "operator", id: "op", name: "Ann" }, text, file: null, clientId: null },
});

let sockets: FakeSocket[];
let timers: FakeTimers;
let network: FakeNetwork;
let delivered: EventFrameT[];
let stored: Cmd[];
let statuses: string[];

function controller(extra: Partial<SocketControllerOptions<Cmd, Frame>> = {}) {
  return new SocketController<Cmd, Frame>(null, {
    url: () => "ws://parley.test/ws/visitor",
    hello: (seqs) => ({ type: "hello", id: `h${sockets.length}`, token: "t", conversationId: "c1", lastSeq: seqs.get("c1") ?? 0 }),
    snapshotEvents: (f) => (f.events as EventFrameT[]) ?? [],
    onEvent: (e) => delivered.push(e),
    onStatus: (s) => statuses.push(s),
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    network,
    random: () => 0.5,
    outbox: { load: () => [...stored], save: (c) => (stored = [...c]) },
    pingIntervalMs: 0,
    ...extra,
  });
}

const last = () => sockets[sockets.length - 1]!;
/** Opens the current socket and answers its hello with a snapshot holding `events`. */
function handshake(events: EventFrameT[] = []) {
  last().open();
  last().frame({ type: "snapshot", conversation: null, events });
}

beforeEach(() => {
  sockets = [];
  timers = new FakeTimers();
  network = new FakeNetwork();
  delivered = [];
  stored = [];
  statuses = [];
});

describe("backoff", () => {
  test("grows exponentially with jitter between half and all of the ceiling, capped", () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(250);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 1)).toBe(500);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(3000);
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 1)).toBe(30_000);
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0)).toBe(15_000);
  });

  test("reconnects after failures with growing waits, and resets once connected", () => {
    const c = controller();
    c.connect();
    last().serverClose();
    expect(timers.pending).toEqual([375]);
    timers.advance(375);
    expect(sockets).toHaveLength(2);
    last().serverClose();
    expect(timers.pending).toEqual([750]);
    timers.advance(750);
    handshake();
    expect(c.status).toBe("ready");
    expect(c.attempt).toBe(0);
    last().serverClose();
    expect(timers.pending).toEqual([375]);
    expect(statuses).toEqual(["connecting", "reconnecting", "ready", "reconnecting"]);
  });
});

describe("resume and deduplication", () => {
  test("hello carries the last seq seen; replayed and doubled events are delivered once, in order", () => {
    const c = controller();
    c.connect();
    expect(sockets[0]!.sent).toEqual([]);
    handshake([event(1), event(2)]);
    expect(sockets[0]!.sent[0]).toMatchObject({ type: "hello", lastSeq: 0 });
    last().frame(event(3));
    last().frame(event(3)); // the same event twice (live + replay race)
    last().serverClose();
    timers.advance(1000);
    last().open();
    expect(last().sent[0]).toMatchObject({ type: "hello", lastSeq: 3 });
    // The server replays from 3 but overlaps by one; live continues.
    last().frame({ type: "snapshot", conversation: null, events: [event(3), event(4)] });
    last().frame(event(4));
    last().frame(event(5));
    expect(delivered.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(c.lastSeq("c1")).toBe(5);
  });

  test("a later snapshot (another conversation attached) is delivered like the first, without resending the outbox", () => {
    const snapshots: number[] = [];
    const c = controller({ onSnapshot: (f) => snapshots.push((f.events as unknown[]).length) });
    c.connect();
    handshake();
    last().frame({ type: "snapshot", conversation: { id: "c2" }, events: [event(1, "created", "c2"), event(2, "joined", "c2")] });
    expect(snapshots).toEqual([0, 2]);
    expect(delivered.map((e) => [e.conversationId, e.seq])).toEqual([["c2", 1], ["c2", 2]]);
    expect(last().sentOf("hello")).toHaveLength(1);
  });

  test("live-only events without seq are never dropped, and seqs are tracked per conversation", () => {
    const c = controller();
    c.connect();
    handshake([event(7)]);
    last().frame(event(undefined, "typing"));
    last().frame(event(undefined, "typing"));
    last().frame(event(2, "other conversation", "c2"));
    expect(delivered.map((e) => [e.conversationId, e.seq ?? null])).toEqual([["c1", 7], ["c1", null], ["c1", null], ["c2", 2]]);
    expect(c.lastSeq("c2")).toBe(2);
  });
});

describe("offline queue", () => {
  test("messages sent while disconnected wait, then go out once after the hello, and resolve with their ack", async () => {
    const c = controller();
    c.connect();
    const acked = c.send({ type: "message", id: "m-1", text: "hello?" });
    expect(stored.map((s) => s.id)).toEqual(["m-1"]);
    handshake();
    expect(last().sent.map((s) => s.type)).toEqual(["hello", "message"]);
    last().frame({ type: "ack", id: "m-1", seq: 4 });
    expect(await acked).toEqual({ type: "ack", id: "m-1", seq: 4 });
    expect(stored).toEqual([]);
  });

  test("a message in flight when the socket drops is sent again with the same id on the next socket, never twice on one", () => {
    const c = controller();
    c.connect();
    handshake();
    void c.send({ type: "message", id: "m-2", text: "are you there" });
    void c.send({ type: "message", id: "m-2", text: "are you there" });
    expect(last().sentOf("message")).toHaveLength(1);
    last().serverClose();
    void c.send({ type: "message", id: "m-3", text: "typed while offline" });
    timers.advance(1000);
    handshake();
    expect(last().sentOf("message").map((m) => m.id)).toEqual(["m-2", "m-3"]);
    expect(c.outbox.map((m) => m.id)).toEqual(["m-2", "m-3"]);
  });

  test("the outbox survives a reload: a new controller sends what the old one could not", () => {
    const first = controller();
    first.connect();
    void first.send({ type: "message", id: "m-9", text: "before reload" });
    first.disconnect();
    const second = controller();
    second.connect();
    handshake();
    expect(last().sentOf("message").map((m) => m.id)).toEqual(["m-9"]);
  });

  test("a refused durable command leaves the outbox and is reported; rate limits retry later", async () => {
    const errors: string[] = [];
    const c = controller({ onCommandError: (cmd, e) => errors.push(`${cmd.id}:${e.code}`) });
    c.connect();
    handshake();
    const refused = c.send({ type: "message", id: "m-4", text: "x" });
    last().frame({ type: "error", id: "m-4", code: "conversation.ended", message: "ended" });
    await expect(refused).rejects.toMatchObject({ code: "conversation.ended" });
    expect(errors).toEqual(["m-4:conversation.ended"]);
    void c.send({ type: "message", id: "m-5", text: "y" });
    last().frame({ type: "error", id: "m-5", code: "rate.limited", message: "slow down", retryAfterMs: 2000 });
    expect(c.outbox.map((m) => m.id)).toEqual(["m-5"]);
    expect(stored.map((m) => m.id)).toEqual(["m-5"]);
    timers.advance(1999);
    expect(last().sentOf("message").filter((m) => m.id === "m-5")).toHaveLength(1);
    timers.advance(1);
    expect(last().sentOf("message").filter((m) => m.id === "m-5")).toHaveLength(2);
  });

  test("typing is not queued: it fails at once when not connected", async () => {
    const c = controller();
    c.connect();
    await expect(c.send({ type: "typing", id: "t-1", on: true })).rejects.toBeInstanceOf(CommandError);
    await expect(c.send({ type: "typing", id: "t-2", on: true })).rejects.toMatchObject({ code: NOT_CONNECTED });
    expect(stored).toEqual([]);
  });
});

describe("network and authentication", () => {
  test("going offline closes the socket and stops retrying; coming back reconnects at once", () => {
    const c = controller();
    c.connect();
    handshake();
    network.set(false);
    expect(c.status).toBe("offline");
    expect(sockets[0]!.closed).not.toBeNull();
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
    network.set(true);
    expect(sockets).toHaveLength(2);
    expect(c.status).toBe("connecting");
  });

  test("an unauthorized close stops reconnecting and asks the app to authenticate again", () => {
    let asked = 0;
    const c = controller({ onUnauthorized: () => asked++ });
    c.connect();
    last().open();
    last().frame({ type: "error", id: "h1", code: "auth.required", message: "bad token" });
    expect(c.status).toBe("unauthorized");
    expect(asked).toBe(1);
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
    c.connect();
    expect(sockets).toHaveLength(2);
  });

  test("a refused hello lets the app adjust, then retries", () => {
    let conversation: string | undefined = "gone";
    const c = controller({
      hello: () => ({ type: "hello", id: `h-${sockets.length}`, token: "t", ...(conversation ? { conversationId: conversation } : {}) }),
      onHelloRefused: () => (conversation = undefined),
    });
    c.connect();
    last().open();
    last().frame({ type: "error", id: "h-1", code: "conversation.not_found", message: "no such conversation" });
    expect(c.status).toBe("reconnecting");
    timers.advance(1000);
    last().open();
    expect(last().sent[0]).toEqual({ type: "hello", id: "h-2", token: "t" });
  });

  test("an unanswered ping closes the dead socket and reconnects", () => {
    const c = controller({ pingIntervalMs: 25_000, pongTimeoutMs: 10_000 });
    c.connect();
    handshake();
    timers.advance(25_000);
    expect(last().sentOf("ping")).toHaveLength(1);
    last().frame({ type: "pong", id: last().sentOf("ping")[0]!.id });
    timers.advance(25_000);
    expect(sockets).toHaveLength(1);
    timers.advance(10_000);
    expect(sockets[0]!.closed).not.toBeNull();
    expect(c.status).toBe("reconnecting");
  });
});
