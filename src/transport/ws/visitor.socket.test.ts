import { afterEach, describe, expect, test } from "bun:test";
import { CLOSE_CODES } from "./protocol";
import { SHOP, realtimeFixture, type RealtimeFixture } from "./realtime.fixtures";
import { WsTestClient, commandId } from "./ws-client.testing";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

describe("visitor socket: connection and authentication", () => {
  test("the upgrade is refused from a site not allowed to embed the widget", async () => {
    fx = await realtimeFixture();
    await expect(WsTestClient.open(`${fx.ws}/ws/visitor`, { origin: "https://evil.example" })).rejects.toThrow();
    const res = await fetch(`${fx.base}/ws/visitor`, { headers: { origin: "https://evil.example", upgrade: "websocket", connection: "upgrade", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", "sec-websocket-version": "13" } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("auth.origin");
  });

  test("commands before hello are refused and the connection stays usable", async () => {
    fx = await realtimeFixture();
    const { client, token } = await fx.visitor();
    const refused = await client.request({ type: "message", text: "hi" });
    expect(refused).toMatchObject({ type: "error", code: "auth.required" });
    expect((await client.ok({ type: "hello", token })).result).toEqual({ visitorId: expect.any(String), conversationId: null });
    expect(client.first((f) => f.type === "snapshot")).toEqual({ type: "snapshot", conversation: null, events: [] });
  });

  test("an unknown token gets auth.required and the socket is closed with the unauthorized code", async () => {
    fx = await realtimeFixture();
    const { client } = await fx.visitor();
    const answer = await client.request({ type: "hello", token: "not-a-real-token-0123456789" });
    expect(answer).toMatchObject({ type: "error", code: "auth.required" });
    expect((await client.whenClosed()).code).toBe(CLOSE_CODES.unauthorized);
  });

  test("malformed frames get precise error codes and never cost the connection", async () => {
    fx = await realtimeFixture((raw) => (raw.conversations = { maxMessageLength: 50 }));
    await fx.operator();
    const { client } = await fx.startedVisitor();
    const errors = async (frame: string | object) => {
      const mark = client.frames.length;
      client.send(frame);
      return client.waitFor((f) => f.type === "error", { from: mark });
    };
    expect(await errors("this is not json")).toMatchObject({ code: "request.invalid" });
    expect(await errors({ type: "explode", id: "x1" })).toMatchObject({ code: "request.invalid", id: "x1" });
    expect(await errors({ type: "read", id: "r1", seq: "five" })).toMatchObject({ code: "request.invalid", id: "r1", message: expect.stringContaining("seq") });
    expect(await errors({ type: "message", id: "big", text: "x".repeat(17_000) })).toMatchObject({ code: "request.too_large" });
    expect(await errors({ type: "message", id: "long", text: "y".repeat(51) })).toMatchObject({ code: "request.too_large", id: "long", message: "text is longer than 50 characters" });
    expect(await errors({ type: "message", id: "empty" })).toMatchObject({ code: "request.invalid", id: "empty" });
    client.send({ type: "ping", id: "p-1" });
    expect(await client.waitFor((f) => f.type === "pong")).toEqual({ type: "pong", id: "p-1" });
    const ack = await client.ok({ type: "message", text: "still here" });
    expect(ack.seq).toBeGreaterThan(0);
    expect(client.closed).toBeNull();
  });
});

describe("visitor socket: frame size", () => {
  test("a frame over 16 KB gets request.too_large; one over 64 KiB is not even read (close 1009)", async () => {
    fx = await realtimeFixture();
    const { client, token } = await fx.visitor();
    await client.ok({ type: "hello", token });
    const mark = client.frames.length;
    client.send(JSON.stringify({ type: "ping", id: "big", pad: "x".repeat(20_000) }));
    expect(await client.waitFor((f) => f.type === "error", { from: mark })).toMatchObject({ code: "request.too_large" });
    client.send("x".repeat(70_000));
    expect((await client.whenClosed()).code).toBe(1009);
  });
});

describe("visitor socket: conversation", () => {
  test("start assigns an online operator; messages flow both ways with acks and seqs", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator("olga");
    const { client: visitor, conversationId } = await fx.startedVisitor({ pageUrl: "https://shop.example.com/cart" });
    const snapshot = visitor.first((f) => f.type === "snapshot" && f.conversation);
    expect(snapshot.conversation).toMatchObject({ id: conversationId, state: "active", operator: { id: "olga", name: "Olga Operator" } });
    expect(snapshot.events.map((e: any) => e.event.type)).toContain("conversation.assigned");

    await olga.waitFor((f) => f.type === "conversation" && f.conversation.id === conversationId);
    const sent = await visitor.ok({ type: "message", text: "Where is my order?" });
    const received = await olga.waitFor((f) => f.type === "event" && f.event.type === "message" && f.seq === sent.seq);
    expect(received.event).toMatchObject({ sender: { kind: "visitor" }, text: "Where is my order?", clientId: sent.id });

    const reply = await olga.ok({ type: "message", conversationId, text: "Let me check." });
    const shown = await visitor.waitFor((f) => f.type === "event" && f.seq === reply.seq);
    expect(shown.event).toMatchObject({ type: "message", sender: { kind: "operator", id: "olga", name: "Olga Operator" }, text: "Let me check." });
    expect(reply.seq).toBe(sent.seq + 1);
  });

  test("a retried message id returns the original ack and never duplicates the message", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator();
    const { client: visitor, conversationId } = await fx.startedVisitor();
    const first = await visitor.ok({ type: "message", id: "m-retry-1", text: "once" });
    const again = await visitor.ok({ type: "message", id: "m-retry-1", text: "once" });
    expect(again.seq).toBe(first.seq);
    const other = await visitor.ok({ type: "message", text: "next" });
    await olga.waitFor((f) => f.type === "event" && f.seq === other.seq);
    expect(olga.events(conversationId, "message").filter((f) => f.event.text === "once").length).toBe(1);
    const history = fx.engine.engine.history(conversationId, { kind: "visitor", id: fx.engine.engine.conversation(conversationId)!.visitorId });
    expect(history.filter((e) => e.type === "message" && e.body === "once").length).toBe(1);
  });

  test("a reconnecting visitor gets exactly the events after its last seq, then live ones", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator();
    const { client: first, token, conversationId } = await fx.startedVisitor();
    const a = await first.ok({ type: "message", text: "a" });
    first.close();
    await first.whenClosed();
    const b = await olga.ok({ type: "message", conversationId, text: "b (sent while away)" });
    const c = await olga.ok({ type: "message", conversationId, text: "c (sent while away)" });

    const { client: second } = await fx.visitor();
    await second.ok({ type: "hello", token, conversationId, lastSeq: a.seq });
    const snapshot = second.first((f) => f.type === "snapshot");
    expect(snapshot.events.map((e: any) => e.seq)).toEqual([b.seq, c.seq]);
    const d = await olga.ok({ type: "message", conversationId, text: "d (live)" });
    await second.waitFor((f) => f.type === "event" && f.seq === d.seq);
    const seqs = second.allEvents(conversationId).map((e) => e.seq).filter((s) => s !== undefined);
    expect(seqs).toEqual([b.seq, c.seq, d.seq]);
  });

  test("hello without a conversation id resumes the visitor's latest conversation", async () => {
    fx = await realtimeFixture();
    await fx.operator();
    const { token, conversationId } = await fx.startedVisitor();
    const { client } = await fx.visitor();
    expect((await client.ok({ type: "hello", token })).result.conversationId).toBe(conversationId);
  });

  test("a visitor cannot resume someone else's conversation", async () => {
    fx = await realtimeFixture();
    await fx.operator();
    const { conversationId } = await fx.startedVisitor();
    const { client, token } = await fx.visitor();
    expect(await client.request({ type: "hello", token, conversationId })).toMatchObject({ type: "error", code: "conversation.not_found" });
    expect(client.frames.some((f) => f.type === "snapshot")).toBe(false);
  });

  test("without any operator online the start is refused with the offline-form answer", async () => {
    fx = await realtimeFixture();
    const { client, token } = await fx.visitor();
    await client.ok({ type: "hello", token });
    const answer = await client.request({ type: "start" });
    expect(answer).toMatchObject({ type: "error", code: "operator.unavailable", details: { reason: "no_operator", offlineForm: true } });
  });

  test("internal notes and typing of the visitor never reach the visitor; operator typing does, throttled", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator();
    const { client: visitor, conversationId } = await fx.startedVisitor();
    await olga.waitFor((f) => f.type === "conversation" && f.conversation.id === conversationId);
    const note = await olga.ok({ type: "note", conversationId, text: "VIP customer" });
    olga.send({ type: "typing", id: commandId(), conversationId, on: true });
    olga.send({ type: "typing", id: commandId(), conversationId, on: true });
    visitor.send({ type: "typing", id: commandId(), on: true });
    const marker = await olga.ok({ type: "message", conversationId, text: "marker" });
    await visitor.waitFor((f) => f.type === "event" && f.seq === marker.seq);
    await olga.waitFor((f) => f.type === "event" && f.event.type === "typing" && f.event.sender === "visitor");
    await visitor.roundTrip();
    expect(visitor.allEvents(conversationId).some((e) => e.seq === note.seq || e.event.type === "note")).toBe(false);
    expect(visitor.events(conversationId, "typing").map((f) => f.event)).toEqual([{ type: "typing", sender: "operator", name: "Olga Operator", on: true }]);
  });

  test("read receipts reach the other side live and survive a reconnect", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator();
    const { client: visitor, token, conversationId } = await fx.startedVisitor();
    const sent = await visitor.ok({ type: "message", text: "hello?" });
    await olga.ok({ type: "read", conversationId, seq: sent.seq });
    expect((await visitor.waitFor((f) => f.type === "event" && f.event.type === "read")).event).toEqual({ type: "read", reader: "operator", upToSeq: sent.seq });
    const { client: again } = await fx.visitor();
    await again.ok({ type: "hello", token, conversationId, lastSeq: sent.seq });
    expect(again.first((f) => f.type === "snapshot").conversation.operatorReadSeq).toBe(sent.seq);
  });

  test("waiting visitors are told their queue position, coalesced, and move up when served", async () => {
    fx = await realtimeFixture((raw) => (raw.operators[2].maxConversations = 1));
    const olga = await fx.operator();
    const first = await fx.startedVisitor();
    const second = await fx.startedVisitor();
    const third = await fx.startedVisitor();
    expect(second.client.first((f) => f.type === "ack" && f.result?.outcome).result).toMatchObject({ outcome: "queued", position: 1 });
    expect(third.client.first((f) => f.type === "snapshot" && f.conversation).conversation.queue).toMatchObject({ position: 2 });
    await olga.ok({ type: "end", conversationId: first.conversationId });
    fx.flush();
    const moved = await third.client.waitFor((f) => f.type === "event" && f.event.type === "queue.position");
    expect(moved.event).toMatchObject({ position: 1 });
    await second.client.waitFor((f) => f.type === "event" && f.event.type === "conversation.assigned");
  });

  test("messages over the per-visitor limit are refused with rate.limited and a retry delay", async () => {
    fx = await realtimeFixture((raw) => (raw.rateLimits.sendMessage = { perMinute: 2 }));
    await fx.operator();
    const { client } = await fx.startedVisitor();
    await client.ok({ type: "message", text: "one" });
    await client.ok({ type: "message", text: "two" });
    const refused = await client.request({ type: "message", text: "three" });
    expect(refused).toMatchObject({ type: "error", code: "rate.limited" });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    fx.auth.clock.advance(refused.retryAfterMs);
    expect((await client.request({ type: "message", text: "three, later" })).type).toBe("ack");
  });

  test("a retried start returns the original ack instead of opening a second conversation", async () => {
    fx = await realtimeFixture();
    await fx.operator();
    const { client, token } = await fx.visitor();
    await client.ok({ type: "hello", token });
    const a = await client.ok({ type: "start", id: "start-1" });
    const b = await client.ok({ type: "start", id: "start-1" });
    expect(b).toEqual(a);
    const c = await client.ok({ type: "start", id: "start-2" });
    expect(c.result).toMatchObject({ conversationId: a.result.conversationId, outcome: "existing" });
  });
});
