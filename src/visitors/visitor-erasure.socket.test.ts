import { afterEach, describe, expect, test } from "bun:test";
import { VisitorErasureRepository } from "../storage/repositories/visitor-erasure.repository";
import { realtimeFixture, type RealtimeFixture } from "../transport/ws/realtime.fixtures";
import { pushConversationsRemoved } from "./visitor-erasure.push";
import { VisitorErasureService } from "./visitor-erasure.service";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

/** The erasure service as the console step wires it, over the fixture's database, sockets and hub. */
function erasure(): VisitorErasureService {
  return new VisitorErasureService({
    store: new VisitorErasureRepository(fx.auth.db.db),
    openConversationOf: (visitorId) => fx.engine.engine.openConversations().find((c) => c.visitorId === visitorId)?.id ?? null,
    blobs: { removeBlobsIfUnreferenced: async () => 0 },
    sockets: fx.realtime,
    consoles: { conversationsRemoved: (conversations) => pushConversationsRemoved(fx.realtime.hub, conversations) },
    logger: { info() {}, warn() {} },
  });
}

/** A visitor who started a support conversation and ended it (erasure is refused while one is open). */
async function visitorWithEndedConversation(): Promise<{ visitorId: string; conversationId: string }> {
  const { client, token } = await fx.visitor();
  const hello = await client.ok({ type: "hello", token });
  const started = await client.ok({ type: "start", department: "support" });
  await client.ok({ type: "message", text: "My order 4521 is late" });
  await client.ok({ type: "end" });
  return { visitorId: hello.result.visitorId as string, conversationId: started.result.conversationId as string };
}

describe("erasing a visitor updates the consoles that showed their conversations", () => {
  test("operators connected while a manager erases the visitor get conversation.removed for it, and for nobody else's", async () => {
    fx = await realtimeFixture((raw) => (raw.routing = { mode: "department" }), { groupCommit: true });
    const olga = await fx.operator("olga");
    const mia = await fx.operator("mia");
    const erased = await visitorWithEndedConversation();
    const kept = await visitorWithEndedConversation();
    await olga.waitFor((f) => f.type === "conversation" && f.conversation.id === kept.conversationId && f.conversation.state === "ended");

    const report = await erasure().erase(erased.visitorId, { id: "mia", role: "manager" });
    expect(report.erased.conversations).toBe(1);

    const expected = { type: "conversation.removed", conversationId: erased.conversationId, reason: "visitor_erased" };
    expect(await olga.waitFor((f) => f.type === "conversation.removed")).toEqual(expected);
    expect(await mia.waitFor((f) => f.type === "conversation.removed")).toEqual(expected);
    // Exactly one frame each (department and operator topics are one delivery), none for the visitor kept.
    await olga.roundTrip();
    expect(olga.frames.filter((f) => f.type === "conversation.removed")).toEqual([expected]);
  });
});
