import { afterEach, describe, expect, test } from "bun:test";
import { cheapHasher, PASSWORDS } from "../auth/auth.fixtures";
import { CONSOLE, realtimeFixture, type RealtimeFixture } from "../transport/ws/realtime.fixtures";
import { commandId } from "../transport/ws/ws-client.testing";

let fx: RealtimeFixture;
afterEach(async () => {
  await fx?.stop();
});

/** Ada (admin) gets a password so she can sign in as the third operator. */
const adaHash = await cheapHasher.hash(PASSWORDS.ada);
const withAda = (raw: Record<string, any>) => (raw.operators[0].passwordHash = adaHash);

/** Signs in over HTTP: the cookie and CSRF token for REST calls. */
async function signIn(who: keyof typeof PASSWORDS): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${fx.base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: CONSOLE },
    body: JSON.stringify({ email: `${who}@example.com`, password: PASSWORDS[who] }),
  });
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: body.csrfToken };
}

async function thread(cookie: string, other: string, query = ""): Promise<{ status: number; body: any }> {
  const res = await fetch(`${fx.base}/api/team-chat/threads/${other}/messages${query}`, { headers: { cookie, origin: CONSOLE } });
  return { status: res.status, body: await res.json() };
}

describe("chat between operators, stored", () => {
  test("a colleague who was offline sees the unread count and the history when they connect, then reads it everywhere", async () => {
    fx = await realtimeFixture(withAda, { groupCommit: true });
    const mia = await fx.operator("mia");
    const first = await mia.ok({ type: "op.message", toOperatorId: "olga", text: "<b>lunch?</b>" });
    expect(first.result).toMatchObject({ delivered: false, messageId: expect.any(String) });
    await mia.ok({ type: "op.message", toOperatorId: "olga", text: "at noon" });

    const olgaTab1 = await fx.operator("olga");
    expect(olgaTab1.first((f) => f.type === "op.unread")).toEqual({ type: "op.unread", counts: { mia: 2 } });
    const { cookie } = await signIn("olga");
    const history = await thread(cookie, "mia");
    expect(history.status).toBe(200);
    expect(history.body.items.map((m: any) => [m.from.id, m.to, m.text, m.readAt])).toEqual([
      ["mia", "olga", "<b>lunch?</b>", null],
      ["mia", "olga", "at noon", null],
    ]);
    expect(history.body.olderCursor).toBeNull();

    const olgaTab2 = await fx.operator("olga");
    const read = await olgaTab1.ok({ type: "op.read", operatorId: "mia" });
    expect(read.result).toEqual({ read: 2 });
    expect(await olgaTab2.waitFor((f) => f.type === "op.unread" && Object.keys(f.counts).length === 0)).toEqual({ type: "op.unread", counts: {} });
    const again = await fx.operator("olga");
    expect(again.first((f) => f.type === "op.unread")).toEqual({ type: "op.unread", counts: {} });
  });

  test("a live message reaches every tab of the recipient and the sender's other tabs, once", async () => {
    fx = await realtimeFixture();
    const miaTab1 = await fx.operator("mia");
    const miaTab2 = await fx.operator("mia");
    const olgaTab1 = await fx.operator("olga");
    const olgaTab2 = await fx.operator("olga");
    const sent = await miaTab1.ok({ type: "op.message", toOperatorId: "olga", text: "meeting in 5" });
    expect(sent.result).toMatchObject({ delivered: true });
    for (const tab of [olgaTab1, olgaTab2, miaTab2]) {
      expect(await tab.waitFor((f) => f.type === "op.message")).toMatchObject({ id: sent.result.messageId, clientId: sent.id, from: { id: "mia", name: "Mia Manager" }, to: "olga", text: "meeting in 5" });
    }
    for (const tab of [olgaTab1, olgaTab2, miaTab1, miaTab2]) {
      await tab.roundTrip();
      expect(tab.frames.filter((f) => f.type === "op.message")).toHaveLength(1);
    }
  });

  test("a retried command id is acknowledged the same and stored and delivered once", async () => {
    fx = await realtimeFixture(() => {}, { groupCommit: true });
    const mia = await fx.operator("mia");
    const olga = await fx.operator("olga");
    const id = commandId("opm");
    const a = await mia.ok({ type: "op.message", id, toOperatorId: "olga", text: "ping" });
    const b = await mia.ok({ type: "op.message", id, toOperatorId: "olga", text: "ping" });
    expect(b).toEqual(a);
    // After a reconnection the ledger of acks is gone; the stored row still answers.
    const miaAgain = await fx.operator("mia");
    const c = await miaAgain.ok({ type: "op.message", id, toOperatorId: "olga", text: "ping" });
    expect(c.result.messageId).toBe(a.result.messageId);
    await olga.roundTrip();
    expect(olga.frames.filter((f) => f.type === "op.message")).toHaveLength(1);
    expect(fx.teamChat.history("olga", "mia").items).toHaveLength(1);
  });

  test("an operator whose role has operatorChat off is refused with permission.disabled and nothing is stored", async () => {
    fx = await realtimeFixture((raw) => (raw.permissions = { operator: { sendFile: false, operatorChat: false } }));
    const olga = await fx.operator("olga");
    expect(await olga.request({ type: "op.message", toOperatorId: "mia", text: "hi" })).toMatchObject({ type: "error", code: "permission.disabled" });
    expect(await olga.request({ type: "op.message", toOperatorId: "nobody", text: "hi" })).toMatchObject({ type: "error", code: "permission.disabled" });
    expect(fx.teamChat.history("mia", "olga").items).toEqual([]);
    const mia = await fx.operator("mia");
    expect(await mia.request({ type: "op.message", toOperatorId: "nobody", text: "hi" })).toMatchObject({ type: "error", code: "operator.not_found" });
  });

  test("a third operator cannot read the thread of two others, and the routes need a session", async () => {
    fx = await realtimeFixture(withAda);
    const mia = await fx.operator("mia");
    await mia.ok({ type: "op.message", toOperatorId: "olga", text: "between us" });
    const ada = await signIn("ada");
    expect((await thread(ada.cookie, "olga")).body.items).toEqual([]);
    expect((await thread(ada.cookie, "mia")).body.items).toEqual([]);
    const unread = await fetch(`${fx.base}/api/team-chat/unread`, { headers: { cookie: ada.cookie, origin: CONSOLE } });
    expect(await unread.json()).toEqual({ counts: {} });
    expect((await thread("", "mia")).status).toBe(401);
    const olga = await signIn("olga");
    expect((await thread(olga.cookie, "mia")).body.items.map((m: any) => m.text)).toEqual(["between us"]);
  });

  test("REST: unread counts, paging back with olderCursor, marking read (CSRF required) updates the badges on every tab", async () => {
    fx = await realtimeFixture();
    const mia = await fx.operator("mia");
    for (const text of ["one", "two", "three"]) await mia.ok({ type: "op.message", toOperatorId: "olga", text });
    const olga = await signIn("olga");
    const headers = { cookie: olga.cookie, origin: CONSOLE };
    expect(await (await fetch(`${fx.base}/api/team-chat/unread`, { headers })).json()).toEqual({ counts: { mia: 3 } });
    const newest = await thread(olga.cookie, "mia", "?limit=2");
    expect(newest.body.items.map((m: any) => m.text)).toEqual(["two", "three"]);
    const older = await thread(olga.cookie, "mia", `?limit=2&cursor=${newest.body.olderCursor}`);
    expect(older.body).toMatchObject({ items: [{ text: "one" }], olderCursor: null });
    expect((await thread(olga.cookie, "mia", "?limit=0")).status).toBe(400);
    expect((await thread(olga.cookie, "mia", "?cursor=bogus")).body).toMatchObject({ error: { code: "request.invalid" } });

    const tab = await fx.operator("olga");
    const url = `${fx.base}/api/team-chat/threads/mia/read`;
    expect((await fetch(url, { method: "POST", headers })).status).toBe(403);
    const res = await fetch(url, { method: "POST", headers: { ...headers, "x-csrf-token": olga.csrf } });
    expect(await res.json()).toEqual({ read: 3, counts: {} });
    expect(await tab.waitFor((f) => f.type === "op.unread" && Object.keys(f.counts).length === 0)).toBeTruthy();
  });

  test("messages past rateLimits.teamMessage are refused with rate.limited and a retry delay; a retry of a stored one is not", async () => {
    fx = await realtimeFixture((raw) => (raw.rateLimits.teamMessage = { perMinute: 2 }));
    const mia = await fx.operator("mia");
    await mia.ok({ type: "op.message", toOperatorId: "olga", text: "one", id: "tm-1" });
    await mia.ok({ type: "op.message", toOperatorId: "olga", text: "two" });
    expect((await mia.request({ type: "op.message", toOperatorId: "olga", text: "one", id: "tm-1" })).type).toBe("ack");
    const refused = await mia.request({ type: "op.message", toOperatorId: "olga", text: "three" });
    expect(refused).toMatchObject({ type: "error", code: "rate.limited" });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    // Another operator has their own budget.
    const olga = await fx.operator("olga");
    await olga.ok({ type: "op.message", toOperatorId: "mia", text: "hi" });
    fx.auth.clock.advance(refused.retryAfterMs);
    expect((await mia.request({ type: "op.message", toOperatorId: "olga", text: "three, later" })).type).toBe("ack");
  });
});
