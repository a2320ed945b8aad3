/**
 * The realtime protocol against the compiled binary: a visitor starts a chat, the operator gets it,
 * messages go both ways with acks and seqs, a reconnect with lastSeq resumes with no gap and no
 * duplicate, and malformed frames get error codes without costing the connection.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { BUILD_TIMEOUT_MS, E2E_TIMEOUT_MS, ensureBinary, startParley, stopAll, type ParleyProcess } from "./harness";
import { SHOP, operator, realtimeConfig, visitor, visitorSocket } from "./realtime.fixtures";
import { WsTestClient } from "../../src/transport/ws/ws-client.testing";

setDefaultTimeout(E2E_TIMEOUT_MS);
let parley: ParleyProcess;
beforeAll(async () => {
  await ensureBinary();
  parley = await startParley({ config: await realtimeConfig() });
}, BUILD_TIMEOUT_MS);
afterAll(() => stopAll());

describe("realtime chat against the binary", () => {
  test("visitor → operator → both ways, acks and seqs, resume without gap or duplicate", async () => {
    const { client: olga } = await operator(parley.url);
    await olga.ok({ type: "hello" });
    const { client: v, token } = await visitor(parley.url);
    await v.ok({ type: "hello", token });
    const started = await v.ok({ type: "start", pageUrl: `${SHOP}/pricing` });
    const conversationId = started.result.conversationId as string;
    expect(started.result.outcome).toBe("assigned");

    const summary = await olga.waitFor((f) => f.type === "conversation" && f.conversation.id === conversationId);
    expect(summary.conversation).toMatchObject({ state: "active", operatorId: "olga", visitor: { pageUrl: `${SHOP}/pricing` } });

    const q = await v.ok({ type: "message", text: "Do you ship to Norway?" });
    const delivered = await olga.waitFor((f) => f.type === "event" && f.seq === q.seq);
    expect(delivered.event).toMatchObject({ type: "message", text: "Do you ship to Norway?", sender: { kind: "visitor" } });
    const a = await olga.ok({ type: "message", conversationId, text: "Yes, in 3 days." });
    expect(a.seq).toBe(q.seq + 1);
    expect((await v.waitFor((f) => f.type === "event" && f.seq === a.seq)).event).toMatchObject({ text: "Yes, in 3 days.", sender: { name: "Olga Operator" } });

    v.close();
    await v.whenClosed();
    const missed = [];
    for (const text of ["still there?", "here is the link", "anything else?"]) missed.push((await olga.ok({ type: "message", conversationId, text })).seq);

    const back = await visitorSocket(parley.url);
    await back.ok({ type: "hello", token, conversationId, lastSeq: a.seq });
    const snapshot = back.first((f) => f.type === "snapshot");
    expect(snapshot.events.map((e: any) => e.seq)).toEqual(missed);
    const live = await olga.ok({ type: "message", conversationId, text: "live again" });
    await back.waitFor((f) => f.type === "event" && f.seq === live.seq);
    const seqs = back.allEvents(conversationId).flatMap((e) => (e.seq === undefined ? [] : [e.seq]));
    expect(seqs).toEqual([...missed, live.seq]);
  });

  test("malformed frames get stable error codes and the connection stays up", async () => {
    const { client, token } = await visitor(parley.url);
    await client.ok({ type: "hello", token });
    const errorFor = async (frame: string | object) => {
      const mark = client.frames.length;
      client.send(frame);
      return client.waitFor((f) => f.type === "error", { from: mark });
    };
    expect((await errorFor("{not json")).code).toBe("request.invalid");
    expect(await errorFor({ type: "teleport", id: "t1" })).toMatchObject({ code: "request.invalid", id: "t1" });
    expect(await errorFor({ type: "typing", id: "t2", on: "yes" })).toMatchObject({ code: "request.invalid", id: "t2" });
    expect(await errorFor({ type: "message", id: "t3", text: "z".repeat(20_000) })).toMatchObject({ code: "request.too_large" });
    expect(await errorFor({ type: "message", id: "t4", text: "z".repeat(4001) })).toMatchObject({ code: "request.too_large", id: "t4" });
    expect(await errorFor({ type: "message", id: "t5", text: "no conversation yet" })).toMatchObject({ code: "conversation.not_found", id: "t5" });
    await client.roundTrip();
    expect(client.closed).toBeNull();
  });

  test("the upgrades check origins and credentials", async () => {
    await expect(WsTestClient.open(`${parley.url.replace("http", "ws")}/ws/visitor`, { origin: "https://evil.example" })).rejects.toThrow();
    await expect(WsTestClient.open(`${parley.url.replace("http", "ws")}/ws/operator`, { origin: parley.url })).rejects.toThrow();
    const { cookie } = await operator(parley.url);
    await expect(WsTestClient.open(`${parley.url.replace("http", "ws")}/ws/operator`, { origin: SHOP, cookie })).rejects.toThrow();
  });
});
