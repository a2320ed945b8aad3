import { afterEach, describe, expect, test } from "bun:test";
import { realtimeFixture, type RealtimeFixture } from "./realtime.fixtures";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

describe("operator asks the visitor for a file", () => {
  test("a persisted event with a seq: the visitor gets it live and again after reconnecting; the ack carries the seq", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator("olga");
    const { client: visitor, token, conversationId } = await fx.startedVisitor();
    const ack = await olga.ok({ type: "request.file", conversationId, message: "A photo of the label, please" });
    expect(ack.seq).toBeGreaterThan(0);
    const live = await visitor.waitFor((f) => f.type === "event" && f.event.type === "file.requested");
    expect(live).toMatchObject({ seq: ack.seq, event: { operator: { id: "olga", name: "Olga Operator" }, message: "A photo of the label, please" } });
    expect(olga.events(conversationId, "file.requested").map((f) => f.seq)).toEqual([ack.seq]);

    // A reload: the widget resumes from scratch and finds the request in its snapshot.
    visitor.close();
    const { client: again } = await fx.visitor();
    await again.ok({ type: "hello", token, conversationId, lastSeq: 0 });
    expect(again.allEvents(conversationId).filter((f) => f.event.type === "file.requested").map((f) => f.seq)).toEqual([ack.seq]);
  });

  test("a retried command does not ask twice", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator("olga");
    const { conversationId } = await fx.startedVisitor();
    const first = await olga.ok({ type: "request.file", id: "rf-retry-1", conversationId });
    const retried = await olga.ok({ type: "request.file", id: "rf-retry-1", conversationId });
    expect(retried.seq).toBe(first.seq);
    expect(fx.engine.engine.history(conversationId, { kind: "visitor", id: fx.engine.engine.conversation(conversationId)!.visitorId }).filter((e) => e.type === "file.requested")).toHaveLength(1);
  });

  test("refused without the requestFile permission (permission.disabled): nothing is stored", async () => {
    fx = await realtimeFixture((raw) => (raw.permissions = { operator: { requestFile: false } }));
    const olga = await fx.operator("olga");
    const { conversationId } = await fx.startedVisitor();
    expect(await olga.request({ type: "request.file", conversationId })).toMatchObject({ type: "error", code: "permission.disabled" });
    expect(fx.engine.engine.history(conversationId, { kind: "operator", id: "olga", role: "operator" }).map((e) => e.type)).not.toContain("file.requested");
  });

  test("refused to an operator who does not handle the chat", async () => {
    fx = await realtimeFixture((raw) => (raw.operators[1].role = "operator"));
    await fx.operator("olga");
    const { conversationId } = await fx.startedVisitor();
    expect(fx.engine.engine.conversation(conversationId)?.operatorId).toBe("olga");
    const mia = await fx.operator("mia");
    expect(await mia.request({ type: "request.file", conversationId })).toMatchObject({ type: "error", code: "auth.forbidden" });
  });
});

describe("the visitor's time zone", () => {
  test("sent with start, stored, and shown to the staff in the conversation view", async () => {
    fx = await realtimeFixture();
    const olga = await fx.operator("olga");
    const { conversationId } = await fx.startedVisitor({ timezone: "Asia/Tokyo" });
    const summary = await olga.waitFor((f) => f.type === "conversation" && f.conversation.id === conversationId);
    expect(summary.conversation.visitor.timezone).toBe("Asia/Tokyo");
    expect(fx.engine.engine.conversationDetails(conversationId)?.visitor.timezone).toBe("Asia/Tokyo");
  });

  test("a malformed zone is refused precisely; an unknown well-formed one is dropped", async () => {
    fx = await realtimeFixture();
    await fx.operator("olga");
    const { client, token } = await fx.visitor();
    await client.ok({ type: "hello", token });
    const bad = await client.request({ type: "start", timezone: "<script>" });
    expect(bad).toMatchObject({ type: "error", code: "request.invalid" });
    expect(bad.message).toContain("timezone");
    const ack = await client.ok({ type: "start", timezone: "Atlantis/Lost_City" });
    expect(fx.engine.engine.conversationDetails(ack.result.conversationId)?.visitor.timezone).toBeNull();
  });
});
