import { describe, expect, test } from "bun:test";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { harness, type Harness } from "../../core/conversation/engine.testkit";
import { createEngineStores } from "../../storage/repositories/conversation-stores";
import { CONSOLE, authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { conversationRoutes, widgetConversationRoutes } from "./conversations.routes";

const directory = { operator: (id: string) => ({ id, name: id.toUpperCase() }) };

async function setup(patch: (raw: Record<string, any>) => void = () => {}) {
  const config = await testConfig((raw) => {
    raw.routing = { mode: "department" };
    patch(raw);
  });
  let engine!: Harness;
  const t = await authApp(config, (h) => {
    engine = harness(config, { clock: h.clock, stores: createEngineStores(h.db) });
    const deps = { engine: engine.engine, auth: h.auth, db: h.db.db, directory };
    return [conversationRoutes(deps, testGuardOptions), widgetConversationRoutes(deps, testGuardOptions)];
  });
  const signIn = async (who: "olga" | "mia") => {
    const res = await t.call("/api/auth/login", consolePost({ email: `${who}@example.com`, password: PASSWORDS[who] }));
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = cookiePair(res);
    return {
      get: (path: string) => t.call(path, { headers: { cookie } }),
      send: (method: string, path: string, body?: unknown) =>
        t.call(path, { method, headers: { cookie, origin: CONSOLE, "x-csrf-token": csrfToken, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }),
    };
  };
  const start = (visitorId: string, department: string, name = visitorId) => {
    const out = engine.engine.startConversation({ visitor: { id: visitorId, name }, department });
    if (out.outcome === "refused") throw new Error(`refused: ${out.reason}`);
    return out.conversation.id;
  };
  return { t, engine: () => engine, signIn, start };
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

describe("GET /api/conversations", () => {
  test("an operator lists only what they may see; a manager sees all; filters apply", async () => {
    const s = await setup();
    s.engine().engine.operatorConnected("olga");
    const support = s.start("v1", "support", "Sam Support");
    s.engine().engine.operatorConnected("mia");
    const sales = s.start("v2", "sales", "Sally Sales");
    const olga = await s.signIn("olga");
    const mia = await s.signIn("mia");
    expect((await json(await olga.get("/api/conversations"))).body.items.map((c: any) => c.id)).toEqual([support]);
    const all = await json(await mia.get("/api/conversations?status=active&limit=10"));
    expect(all.body.items.map((c: any) => c.id).sort()).toEqual([sales, support].sort());
    expect(all.body.items[0]).toMatchObject({ state: "active", visitor: { name: expect.any(String) }, tags: [], important: false });
    expect((await json(await mia.get("/api/conversations?q=sally"))).body.items.map((c: any) => c.id)).toEqual([sales]);
    expect((await json(await olga.get("/api/conversations?assignedTo=me"))).body.items.map((c: any) => c.id)).toEqual([support]);
  });

  test("bad filters are refused with request.invalid naming the field", async () => {
    const s = await setup();
    const olga = await s.signIn("olga");
    const bad = await json(await olga.get("/api/conversations?status=open"));
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "request.invalid", message: expect.stringContaining("status") } } });
    expect((await olga.get("/api/conversations?limit=1000")).status).toBe(400);
    expect((await olga.get("/api/conversations?view=everything")).status).toBe(400);
  });

  test("requires a signed-in operator", async () => {
    const s = await setup();
    const res = await json(await s.t.call("/api/conversations"));
    expect(res).toMatchObject({ status: 401, body: { error: { code: "auth.required" } } });
  });
});

describe("conversation actions", () => {
  test("history pages backwards with hasMore; notes are staff-only and idempotent", async () => {
    const s = await setup();
    s.engine().engine.operatorConnected("olga");
    const id = s.start("v1", "support");
    for (let i = 0; i < 5; i++) s.engine().engine.postMessage(id, { kind: "visitor", id: "v1" }, { text: `m${i}`, clientId: `c${i}` });
    const olga = await s.signIn("olga");
    const note = await json(await olga.send("POST", `/api/conversations/${id}/notes`, { text: "check the invoice", clientId: "n1" }));
    expect(note.status).toBe(201);
    expect((await json(await olga.send("POST", `/api/conversations/${id}/notes`, { text: "check the invoice", clientId: "n1" }))).body.seq).toBe(note.body.seq);
    const latest = await json(await olga.get(`/api/conversations/${id}/events?limit=3`));
    expect(latest.body.hasMore).toBe(true);
    expect(latest.body.events.map((e: any) => e.seq)).toEqual([note.body.seq - 2, note.body.seq - 1, note.body.seq]);
    expect(latest.body.events.at(-1).event).toMatchObject({ type: "note", text: "check the invoice" });
    const older = await json(await olga.get(`/api/conversations/${id}/events?before=${latest.body.events[0].seq}&limit=100`));
    expect(older.body.hasMore).toBe(false);
    expect(older.body.events.at(-1).seq).toBe(latest.body.events[0].seq - 1);
  });

  test("tags, priority and importance; importance needs its permission", async () => {
    const s = await setup((raw) => (raw.permissions = { operator: { sendFile: false, markImportant: false } }));
    s.engine().engine.operatorConnected("olga");
    const id = s.start("v1", "support");
    const olga = await s.signIn("olga");
    expect((await json(await olga.send("PUT", `/api/conversations/${id}/tags`, { tags: ["billing", " billing ", "vip"] }))).body.tags).toEqual(["billing", "vip"]);
    expect((await json(await olga.send("PUT", `/api/conversations/${id}/priority`, { priority: "high" }))).body.priority).toBe("high");
    expect(await json(await olga.send("PUT", `/api/conversations/${id}/important`, { important: true }))).toMatchObject({ status: 403, body: { error: { code: "permission.disabled" } } });
    expect((await olga.send("PUT", `/api/conversations/${id}/priority`, { priority: "extreme" })).status).toBe(400);
  });

  test("state-changing calls need the CSRF token", async () => {
    const s = await setup();
    s.engine().engine.operatorConnected("olga");
    const id = s.start("v1", "support");
    const login = await s.t.call("/api/auth/login", consolePost({ email: "olga@example.com", password: PASSWORDS.olga }));
    const cookie = cookiePair(login);
    const noCsrf = await s.t.call(`/api/conversations/${id}/end`, { method: "POST", headers: { cookie, origin: CONSOLE } });
    expect((await json(noCsrf)).body.error.code).toBe("auth.csrf");
  });

  test("another department's operator gets conversation.not_found; a manager may assign; the assignee may end", async () => {
    const s = await setup((raw) => (raw.operators[2].maxConversations = 1));
    s.engine().engine.operatorConnected("olga");
    s.start("v1", "support");
    const waiting = s.start("v2", "support");
    const mia = await s.signIn("mia");
    const olga = await s.signIn("olga");
    expect((await json(await olga.send("POST", `/api/conversations/${waiting}/assign-to-me`))).body.error.code).toBe("operator.at_capacity");
    expect((await json(await olga.send("POST", `/api/conversations/${waiting}/assign`, { operatorId: "olga" }))).body.error.code).toBe("auth.forbidden");
    const assigned = await json(await mia.send("POST", `/api/conversations/${waiting}/assign`, { operatorId: "olga", overrideCapacity: true }));
    expect(assigned.body).toMatchObject({ state: "active", operatorId: "olga" });
    const ended = await json(await olga.send("POST", `/api/conversations/${waiting}/end`));
    expect(ended.body).toMatchObject({ state: "ended", endReason: "operator" });
    const sales = await json(await olga.get(`/api/conversations/unknown-id`));
    expect(sales).toMatchObject({ status: 404, body: { error: { code: "conversation.not_found" } } });
  });

  test("transfer to an operator is a request; to a department it is immediate", async () => {
    const s = await setup((raw) => (raw.operators[1].departments = ["support", "sales"]));
    s.engine().engine.operatorConnected("olga");
    const id = s.start("v1", "support");
    s.engine().engine.operatorConnected("mia");
    const olga = await s.signIn("olga");
    const requested = await json(await olga.send("POST", `/api/conversations/${id}/transfer`, { toOperatorId: "mia", message: "VIP" }));
    expect(requested.body.transferId).toEqual(expect.any(String));
    expect(requested.body.conversation.operatorId).toBe("olga");
    expect((await json(await olga.send("POST", `/api/conversations/${id}/transfer`, { toOperatorId: "mia", toDepartmentId: "sales" }))).status).toBe(400);
    const moved = await json(await olga.send("POST", `/api/conversations/${id}/transfer`, { toDepartmentId: "sales" }));
    expect(moved.body.conversation).toMatchObject({ department: "sales" });
  });
});

describe("GET /api/widget/conversations/:id/events", () => {
  test("the visitor pages their own history without staff-only events; others get not_found", async () => {
    const s = await setup();
    s.engine().engine.operatorConnected("olga");
    const bootstrap = await s.t.call("/api/widget/session", { method: "POST", headers: { origin: "https://shop.example.com", "content-type": "application/json" }, body: "{}" });
    const { token, visitor } = (await bootstrap.json()) as { token: string; visitor: { id: string } };
    const id = s.start(visitor.id, "support");
    s.engine().engine.addNote(id, { kind: "operator", id: "olga", role: "operator" }, { text: "secret", clientId: "n1" });
    s.engine().engine.postMessage(id, { kind: "operator", id: "olga", role: "operator" }, { text: "hello", clientId: "m1" });
    const res = await json(await s.t.call(`/api/widget/conversations/${id}/events`, { headers: { authorization: `Bearer ${token}`, origin: "https://shop.example.com" } }));
    expect(res.status).toBe(200);
    expect(res.body.events.some((e: any) => e.event.type === "note")).toBe(false);
    expect(res.body.events.at(-1).event).toMatchObject({ type: "message", text: "hello" });
    const other = s.start("someone-else", "support");
    expect((await s.t.call(`/api/widget/conversations/${other}/events`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });
});
