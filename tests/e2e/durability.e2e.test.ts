/**
 * Nothing acknowledged is lost: a visitor streams messages, the binary is killed with SIGKILL in
 * the middle, and restarted on the same data directory. Every message that was acked is in the
 * history with its seq, and retrying every message (same ids) creates no duplicate.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { BUILD_TIMEOUT_MS, E2E_TIMEOUT_MS, ensureBinary, freePort, startParley, stopAll } from "./harness";
import { operator, realtimeConfig, visitor, visitorHistory, visitorSocket } from "./realtime.fixtures";

setDefaultTimeout(E2E_TIMEOUT_MS * 2);
beforeAll(() => ensureBinary(), BUILD_TIMEOUT_MS);
afterAll(() => stopAll());

const TOTAL = 2000;

describe("durability", () => {
  test("acked messages survive SIGKILL; retries after the restart are deduplicated", async () => {
    const port = freePort();
    const config = await realtimeConfig(port);
    const first = await startParley({ config });
    const { client: olga } = await operator(first.url);
    await olga.ok({ type: "hello" });
    const { client: v, token } = await visitor(first.url);
    await v.ok({ type: "hello", token });
    const conversationId = (await v.ok({ type: "start" })).result.conversationId as string;

    // Stream every message without waiting; kill the server once a good part has been acked.
    const ids = Array.from({ length: TOTAL }, (_, i) => `dur-${i}`);
    const acked = new Map<string, number>();
    const killAt = TOTAL / 10;
    let killed: Promise<number> | null = null;
    const watch = setInterval(() => {
      for (const f of v.frames) if (f.type === "ack" && typeof f.id === "string" && f.id.startsWith("dur-")) acked.set(f.id, f.seq);
      if (!killed && acked.size >= killAt) killed = first.stop("SIGKILL");
    }, 0);
    for (const id of ids) v.send({ type: "message", id, text: `message ${id}` });
    await v.whenClosed();
    clearInterval(watch);
    for (const f of v.frames) if (f.type === "ack" && typeof f.id === "string" && f.id.startsWith("dur-")) acked.set(f.id, f.seq);
    await (killed ?? first.stop("SIGKILL"));
    expect(acked.size).toBeGreaterThanOrEqual(killAt);
    expect(acked.size).toBeLessThan(TOTAL); // killed mid-stream, not after the end

    const second = await startParley({ config: { ...config, storage: { dataDir: first.dataDir } } });
    const stored = await visitorHistory(second.url, token, conversationId);
    const bySender = new Map(stored.filter((e) => e.event.type === "message" && e.event.clientId).map((e) => [e.event.clientId as string, e.seq as number]));
    for (const [id, seq] of acked) expect(bySender.get(id)).toBe(seq);

    // The client retries everything it sent (it cannot know what was committed but not acked).
    const again = await visitorSocket(second.url);
    await again.ok({ type: "hello", token, conversationId });
    const retried = await Promise.all(ids.map((id) => again.ok({ type: "message", id, text: `message ${id}` })));
    retried.forEach((ack, i) => {
      const before = acked.get(ids[i]!);
      if (before !== undefined) expect(ack.seq).toBe(before);
    });
    const final = await visitorHistory(second.url, token, conversationId);
    const messages = final.filter((e) => e.event.type === "message" && typeof e.event.clientId === "string" && e.event.clientId.startsWith("dur-"));
    expect(messages.length).toBe(TOTAL);
    expect(new Set(messages.map((e) => e.event.clientId)).size).toBe(TOTAL);
    await second.stop();
  });
});
