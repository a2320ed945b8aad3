import { afterEach, describe, expect, test } from "bun:test";
import { realtimeFixture, type RealtimeFixture } from "./realtime.fixtures";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

/** The socket behaviour with the engine on SQLite and group commit on, as in production. */
describe("sockets with group commit", () => {
  test("many visitors' messages sent at once are all acked once, with their seqs, and delivered", async () => {
    fx = await realtimeFixture((raw) => (raw.operators[2].maxConversations = 10), { groupCommit: true });
    const olga = await fx.operator();
    const visitors = await Promise.all(Array.from({ length: 5 }, () => fx.startedVisitor()));
    const acks = await Promise.all(visitors.flatMap((v) => [1, 2, 3].map((n) => v.client.ok({ type: "message", text: `m${n}` }))));
    expect(acks.length).toBe(15);
    for (const v of visitors) {
      const mine = acks.filter((a) => v.client.frames.includes(a)).map((a) => a.seq);
      expect(mine).toEqual([mine[0], mine[0] + 1, mine[0] + 2]);
      await olga.waitFor((f) => f.type === "event" && f.conversationId === v.conversationId && f.seq === mine[2]);
    }
  });

  test("a refused command in a batch does not affect the others; retries return the same seq", async () => {
    fx = await realtimeFixture(undefined, { groupCommit: true });
    await fx.operator();
    const a = await fx.startedVisitor();
    const b = await fx.startedVisitor();
    await b.client.ok({ type: "end" });
    const [ok, refused] = await Promise.all([a.client.request({ type: "message", id: "same-1", text: "hi" }), b.client.request({ type: "message", text: "after end" })]);
    expect(ok.type).toBe("ack");
    expect(refused).toMatchObject({ type: "error", code: "conversation.ended" });
    expect((await a.client.ok({ type: "message", id: "same-1", text: "hi" })).seq).toBe(ok.seq);
  });

  test("resume after a reconnect replays exactly the missed events", async () => {
    fx = await realtimeFixture(undefined, { groupCommit: true });
    const olga = await fx.operator();
    const { client, token, conversationId } = await fx.startedVisitor();
    const seen = await client.ok({ type: "message", text: "one" });
    client.close();
    await client.whenClosed();
    const missed = await olga.ok({ type: "message", conversationId, text: "while away" });
    const { client: again } = await fx.visitor();
    await again.ok({ type: "hello", token, conversationId, lastSeq: seen.seq });
    expect(again.first((f) => f.type === "snapshot").events.map((e: any) => e.seq)).toEqual([missed.seq]);
  });

  test("an unknown token: the error frame arrives before the close", async () => {
    fx = await realtimeFixture(undefined, { groupCommit: true });
    const { client } = await fx.visitor();
    expect(await client.request({ type: "hello", token: "not-a-real-token-0123456789" })).toMatchObject({ code: "auth.required" });
    expect((await client.whenClosed()).code).toBe(4003);
  });
});
