import { afterEach, describe, expect, test } from "bun:test";
import { CLOSE_CODES } from "./protocol";
import { CONSOLE, realtimeFixture, type RealtimeFixture } from "./realtime.fixtures";
import { WsTestClient, commandId } from "./ws-client.testing";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

/** Start a visitor in `department` and return it with its conversation (the fixture routes by department). */
const departmentsConfig = (raw: Record<string, any>) => (raw.routing = { mode: "department" });

describe("operator socket: connection", () => {
  test("the upgrade needs the session cookie and the console's origin", async () => {
    fx = await realtimeFixture();
    await expect(WsTestClient.open(`${fx.ws}/ws/operator`, { origin: CONSOLE })).rejects.toThrow();
    const { cookie } = await fx.operatorSocket();
    await expect(WsTestClient.open(`${fx.ws}/ws/operator`, { origin: "https://evil.example", cookie })).rejects.toThrow();
  });

  test("commands before hello are refused; hello gives the snapshot and puts the operator online", async () => {
    fx = await realtimeFixture();
    const { client } = await fx.operatorSocket("olga");
    expect(await client.request({ type: "accept", conversationId: "x" })).toMatchObject({ type: "error", code: "request.invalid", message: "send hello first" });
    await client.ok({ type: "hello" });
    const snapshot = client.first((f) => f.type === "snapshot");
    expect(snapshot.operator).toMatchObject({ id: "olga", role: "operator", status: "connected", departments: ["support"] });
    expect(snapshot.operator.permissions.sendFile).toBe(false);
    expect(snapshot).toMatchObject({ conversations: [], queue: { count: 0 } });
    expect(fx.engine.engine.operator("olga")?.presence).toBe("online");
  });

  test("closing the last socket takes the operator out of presence (grace period)", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator("olga");
    olga.close();
    await olga.whenClosed();
    for (let i = 0; i < 50 && fx.engine.engine.operator("olga")?.presence === "online"; i++) await Bun.sleep(2);
    expect(fx.engine.engine.operator("olga")?.presence).not.toBe("online");
  });

  test("a silent connection is pinged, then closed after the missed heartbeats; one without hello is closed too", async () => {
    fx = await realtimeFixture(undefined, { heartbeat: { intervalMs: 1000, maxMissed: 2, helloTimeoutMs: 500 } });
    const olga = await fx.operator();
    const { client: mute } = await fx.operatorSocket("mia");
    fx.auth.clock.advance(600);
    fx.realtime.tick();
    expect((await mute.whenClosed()).code).toBe(CLOSE_CODES.helloTimeout);
    fx.auth.clock.advance(2000);
    fx.realtime.tick();
    expect((await olga.whenClosed()).code).toBe(CLOSE_CODES.heartbeatTimeout);
  });

  test("a revoked session closes the operator's sockets with the unauthorized code", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator();
    expect(fx.realtime.closeOperator("olga", "Your role changed; please sign in again.")).toBe(1);
    expect(await olga.waitFor((f) => f.type === "error")).toMatchObject({ code: "auth.session_expired" });
    expect((await olga.whenClosed()).code).toBe(CLOSE_CODES.unauthorized);
  });
});

describe("operator socket: conversations", () => {
  test("a resuming console gets its conversations with exactly the missed events", async () => {
    fx = await realtimeFixture();
    const first = await fx.operator();
    const { client: visitor, conversationId } = await fx.startedVisitor();
    const seen = await first.ok({ type: "message", conversationId, text: "hi" });
    first.close();
    await first.whenClosed();
    const missed = await visitor.ok({ type: "message", text: "are you there?" });
    const { client: again } = await fx.operatorSocket();
    await again.ok({ type: "hello", lastSeqs: { [conversationId]: seen.seq } });
    const snapshot = again.first((f) => f.type === "snapshot");
    expect(snapshot.conversations.map((c: any) => c.conversation.id)).toEqual([conversationId]);
    expect(snapshot.conversations[0].events.map((e: any) => e.seq)).toEqual([missed.seq]);
  });

  test("a waiting conversation of my department can be accepted; its history follows", async () => {
    fx = await realtimeFixture((raw) => {
      departmentsConfig(raw);
      raw.operators[2].maxConversations = 1;
    });
    const olga = await fx.operator("olga");
    await fx.startedVisitor({ department: "support" });
    const { client: waiting, conversationId } = await fx.startedVisitor({ department: "support" });
    await waiting.ok({ type: "message", text: "first question" });
    fx.flush();
    expect((await olga.waitFor((f) => f.type === "queue" && f.count === 1)).count).toBe(1);
    expect(await olga.request({ type: "accept", conversationId })).toMatchObject({ type: "error", code: "operator.at_capacity" });
    const mia = await fx.operator("mia");
    const accepted = await mia.ok({ type: "accept", conversationId });
    expect(accepted.result).toEqual({ conversationId });
    const question = await mia.waitFor((f) => f.type === "event" && f.conversationId === conversationId && f.event.type === "message");
    expect(question.event.text).toBe("first question");
    await waiting.waitFor((f) => f.type === "event" && f.event.type === "conversation.assigned" && f.event.operator.id === "mia");
  });

  test("an operator of another department can neither watch nor annotate a conversation", async () => {
    fx = await realtimeFixture((raw) => {
      departmentsConfig(raw);
      raw.operators[1].role = "operator";
    });
    await fx.operator("olga");
    const { conversationId } = await fx.startedVisitor({ department: "support" });
    expect(fx.engine.engine.conversation(conversationId)!.operatorId).toBe("olga");
    const mia = await fx.operator("mia");
    expect(await mia.request({ type: "watch", conversationId })).toMatchObject({ type: "error", code: "conversation.not_found" });
    expect(await mia.request({ type: "note", conversationId, text: "peek" })).toMatchObject({ type: "error", code: "conversation.not_found" });
    expect(await mia.request({ type: "message", conversationId, text: "hi" })).toMatchObject({ type: "error", code: "auth.forbidden" });
    await mia.roundTrip();
    expect(mia.frames.some((f) => f.type === "event" && f.conversationId === conversationId)).toBe(false);
  });

  test("a manager may watch any conversation and then follows it live", async () => {
    fx = await realtimeFixture(departmentsConfig);
    await fx.operator("olga");
    const { client: visitor, conversationId } = await fx.startedVisitor({ department: "support" });
    const mia = await fx.operator("mia");
    await mia.ok({ type: "watch", conversationId });
    expect(mia.frames.some((f) => f.type === "conversation" && f.conversation.id === conversationId)).toBe(true);
    const live = await visitor.ok({ type: "message", text: "can someone help?" });
    expect((await mia.waitFor((f) => f.type === "event" && f.seq === live.seq)).event.text).toBe("can someone help?");
    await mia.ok({ type: "unwatch", conversationId });
    const after = await visitor.ok({ type: "message", text: "anyone?" });
    await mia.roundTrip();
    expect(mia.frames.some((f) => f.type === "event" && f.seq === after.seq)).toBe(false);
  });

  test("a transfer request is offered to the target; on accept the conversation moves and the visitor sees the new operator", async () => {
    fx = await realtimeFixture((raw) => (raw.operators[1].departments = ["support"]));
    const olga = await fx.operator("olga");
    const { client: visitor, conversationId } = await fx.startedVisitor();
    const owner = fx.engine.engine.conversation(conversationId)!.operatorId;
    expect(owner).toBe("olga");
    const mia = await fx.operator("mia");
    const requested = await olga.ok({ type: "transfer", conversationId, toOperatorId: "mia", message: "billing question" });
    const offer = await mia.waitFor((f) => f.type === "transfer");
    expect(offer).toMatchObject({ transferId: requested.result.transferId, conversation: { id: conversationId }, from: { id: "olga" }, message: "billing question" });
    await mia.ok({ type: "transfer.accept", transferId: offer.transferId });
    await visitor.waitFor((f) => f.type === "event" && f.event.type === "conversation.assigned" && f.event.operator.id === "mia");
    const afterMove = await visitor.ok({ type: "message", text: "hello again" });
    await mia.waitFor((f) => f.type === "event" && f.seq === afterMove.seq);
    await olga.waitFor((f) => f.type === "conversation" && f.conversation.id === conversationId && f.conversation.operatorId === "mia");
    await olga.roundTrip();
    expect(olga.events(conversationId).some((f) => f.seq === afterMove.seq)).toBe(false);
    expect(await olga.request({ type: "message", conversationId, text: "still mine?" })).toMatchObject({ type: "error", code: "auth.forbidden" });
  });

  test("operator chat reaches the other operator", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator("olga");
    const mia = await fx.operator("mia");
    const sent = await mia.ok({ type: "op.message", toOperatorId: "olga", text: "lunch?" });
    expect(sent.result).toMatchObject({ delivered: true });
    expect(await olga.waitFor((f) => f.type === "op.message")).toMatchObject({ from: { id: "mia", name: "Mia Manager" }, to: "olga", text: "lunch?" });
  });

  test("operator chat switched off for a role is refused with permission.disabled, from and to that role", async () => {
    fx = await realtimeFixture((raw) => (raw.permissions = { operator: { sendFile: false, operatorChat: false } }));
    const olga = await fx.operator("olga");
    const mia = await fx.operator("mia");
    expect(await olga.request({ type: "op.message", toOperatorId: "mia", text: "yes" })).toMatchObject({ type: "error", code: "permission.disabled" });
    expect(await mia.request({ type: "op.message", toOperatorId: "olga", text: "and you?" })).toMatchObject({ type: "error", code: "permission.disabled" });
  });

  test("status changes are acknowledged and broadcast to operators who may list them", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator("olga");
    const mia = await fx.operator("mia");
    const ack = await olga.ok({ type: "status", status: "break" });
    expect(ack.result).toMatchObject({ id: "olga", status: "break" });
    fx.flush();
    const list = await mia.waitFor((f) => f.type === "presence" && f.full && f.operators.some((o: any) => o.id === "olga" && o.status === "break"));
    expect(list.operators.length).toBe(3);
    expect(await olga.request({ type: "status", status: "no-such-status" })).toMatchObject({ type: "error" });
  });

  test("a retried accept returns the original ack", async () => {
    fx = await realtimeFixture((raw) => {
      departmentsConfig(raw);
      raw.operators[2].maxConversations = 1;
    });
    await fx.operator("olga");
    await fx.startedVisitor({ department: "support" });
    const { conversationId } = await fx.startedVisitor({ department: "support" });
    expect(fx.engine.engine.conversation(conversationId)!.state).toBe("waiting");
    const mia = await fx.operator("mia");
    const id = commandId("accept");
    const a = await mia.ok({ type: "accept", id, conversationId });
    const b = await mia.ok({ type: "accept", id, conversationId });
    expect(b).toEqual(a);
    expect(await mia.request({ type: "accept", conversationId })).toMatchObject({ type: "error", code: "conversation.invalid_state" });
  });
});
