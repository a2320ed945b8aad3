import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../core/clock";
import { Hub, HubMessage } from "../../realtime/hub";
import { Topics } from "../../realtime/topics";
import { Connection, type SocketLike } from "./connection";
import { OutputGate } from "./group-commit";
import { CLOSE_CODES } from "./protocol";

class FakeSocket implements SocketLike {
  sent: string[] = [];
  closed: { code?: number; reason?: string } | null = null;
  buffered = 0;
  pings = 0;
  send(data: string): number {
    this.sent.push(data);
    return data.length;
  }
  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }
  getBufferedAmount(): number {
    return this.buffered;
  }
  ping(): void {
    this.pings++;
  }
}

const setup = (audience: "visitor" | "staff" = "visitor") => {
  const hub = new Hub();
  const clock = new ManualClock();
  const socket = new FakeSocket();
  const conn = new Connection(socket, audience, hub, clock, { maxBufferedBytes: 1000 });
  return { hub, clock, socket, conn };
};
const ev = (conversationId: string, seq: number | undefined, body: string) =>
  new HubMessage({ visitor: { seq, body }, staff: { seq, body } }, conversationId, seq);
const seqs = (socket: FakeSocket) => socket.sent.map((s) => JSON.parse(s).seq);

describe("Connection resume", () => {
  test("events published between subscribe and replay are neither lost nor doubled", () => {
    const { hub, socket, conn } = setup();
    const topic = Topics.conversation("c1");
    // The client saw up to seq 3. Store has 4..6. While we read the store, 6 and 7 are published live.
    conn.beginFollow("c1", 3);
    hub.publish(topic, ev("c1", 6, "six"));
    hub.publish(topic, ev("c1", 7, "seven"));
    expect(socket.sent).toEqual([]); // buffered, nothing leaks before the snapshot
    socket.send(JSON.stringify({ snapshot: [4, 5, 6] }));
    conn.markReplayed("c1", 6);
    conn.goLive("c1");
    hub.publish(topic, ev("c1", 8, "eight"));
    expect(socket.sent.slice(1).map((s) => JSON.parse(s).seq)).toEqual([7, 8]);
  });

  test("once live, a duplicate or stale seq is dropped, live-only events always pass", () => {
    const { hub, socket, conn } = setup();
    const topic = Topics.conversation("c1");
    conn.beginFollow("c1", 0);
    conn.goLive("c1");
    hub.publish(topic, ev("c1", 1, "a"));
    hub.publish(topic, ev("c1", 1, "a again"));
    hub.publish(topic, ev("c1", undefined, "typing"));
    hub.publish(topic, ev("c1", 2, "b"));
    expect(seqs(socket)).toEqual([1, undefined, 2]);
  });

  test("live-only events during replay are kept, in order", () => {
    const { hub, socket, conn } = setup();
    conn.beginFollow("c1", 0);
    hub.publish(Topics.conversation("c1"), ev("c1", undefined, "typing"));
    conn.goLive("c1");
    expect(socket.sent.map((s) => JSON.parse(s).body)).toEqual(["typing"]);
  });

  test("following twice does not replay twice; unfollow stops delivery", () => {
    const { hub, socket, conn } = setup();
    expect(conn.beginFollow("c1", 0)).toBe(0);
    expect(conn.beginFollow("c1", 0)).toBeNull();
    conn.goLive("c1");
    conn.unfollow("c1");
    hub.publish(Topics.conversation("c1"), ev("c1", 1, "x"));
    expect(socket.sent).toEqual([]);
    expect(hub.topicCount).toBe(0);
  });
});

describe("Connection delivery", () => {
  test("visitor connections never get staff-only frames", () => {
    const { hub, socket, conn } = setup("visitor");
    conn.beginFollow("c1", 0);
    conn.goLive("c1");
    hub.publish(Topics.conversation("c1"), new HubMessage({ visitor: null, staff: { note: 1 } }, "c1", 1));
    expect(socket.sent).toEqual([]);
  });

  test("a client that cannot keep up is closed with the backpressure code and unsubscribed", () => {
    const { hub, socket, conn } = setup();
    conn.subscribe("queue");
    socket.buffered = 5000;
    conn.send({ type: "queue", count: 1 });
    expect(socket.closed?.code).toBe(CLOSE_CODES.backpressure);
    expect(conn.isClosed).toBe(true);
    expect(hub.subscriberCount("queue")).toBe(0);
    conn.send({ type: "queue", count: 2 });
    expect(socket.sent.length).toBe(1);
  });

  test("a group-commit batch is written in one cork, then a client that cannot keep up is closed with the backpressure code", () => {
    const hub = new Hub();
    const output = new OutputGate();
    const socket = Object.assign(new FakeSocket(), { corked: 0, cork<T>(fn: () => T): T { this.corked++; return fn(); } });
    const conn = new Connection(socket, "visitor", hub, new ManualClock(), { maxBufferedBytes: 1000, output });
    output.hold();
    conn.send({ type: "queue", count: 1 });
    conn.send({ type: "queue", count: 2 });
    socket.buffered = 5000;
    output.release();
    expect(socket.corked).toBe(1);
    expect(socket.sent.map((f) => JSON.parse(f).count)).toEqual([1, 2]);
    expect(socket.closed?.code).toBe(CLOSE_CODES.backpressure);
  });

  test("dispose removes every subscription", () => {
    const { hub, conn } = setup("staff");
    conn.subscribe("presence");
    conn.beginFollow("c1", 0);
    conn.dispose();
    expect(hub.topicCount).toBe(0);
  });
});

describe("typing throttle", () => {
  test("at most one 'on' per 2 s; 'off' only after an 'on' that passed", () => {
    const { clock, conn } = setup();
    expect(conn.allowTyping("c1", true)).toBe(true);
    clock.advance(500);
    expect(conn.allowTyping("c1", true)).toBe(false);
    expect(conn.allowTyping("c1", false)).toBe(true);
    expect(conn.allowTyping("c1", false)).toBe(false);
    clock.advance(500);
    expect(conn.allowTyping("c1", true)).toBe(false);
    clock.advance(1000);
    expect(conn.allowTyping("c1", true)).toBe(true);
    expect(conn.allowTyping("c2", true)).toBe(true);
  });
});

describe("Connection re-follow", () => {
  test("following a conversation again resumes after what this connection already delivered", () => {
    const { hub, conn } = setup("staff");
    conn.beginFollow("c1", 0);
    conn.goLive("c1");
    hub.publish(Topics.conversation("c1"), ev("c1", 1, "a"));
    hub.publish(Topics.conversation("c1"), ev("c1", 2, "b"));
    conn.unfollow("c1");
    expect(conn.beginFollow("c1", 0)).toBe(2);
  });
});
