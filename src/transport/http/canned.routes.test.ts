import { describe, expect, test } from "bun:test";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { harness, type Harness } from "../../core/conversation/engine.testkit";
import { createEngineStores } from "../../storage/repositories/conversation-stores";
import { authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { cannedRoutes } from "./canned.routes";
import { knowledgeRoutes } from "./knowledge.routes";

async function setup(permissions: Record<string, unknown> = {}) {
  const config = await testConfig((raw) => {
    raw.routing = { mode: "department" };
    raw.permissions = { operator: { sendFile: false, ...permissions } };
    raw.cannedResponses = [
      { shortcut: "hi", topic: "Greetings", text: "Hi %VISITOR%, %OPERATOR% here." },
      { shortcut: "refund", topic: "Billing", text: "Refunds take 5 days.", department: "sales" },
      { shortcut: "reset", topic: "Account", text: "Use the reset link.", department: "support" },
    ];
    raw.knowledgeBase = { articles: [{ title: "Reset your password", body: "Settings → Security → Reset.", tags: ["account"] }, { title: "Shipping", body: "Two days.", tags: [] }] };
  });
  let engine!: Harness;
  const t = await authApp(config, (h) => {
    engine = harness(config, { clock: h.clock, stores: createEngineStores(h.db) });
    return [cannedRoutes({ auth: h.auth, engine: engine.engine, config: () => h.config }, testGuardOptions), knowledgeRoutes({ auth: h.auth, config: () => h.config }, testGuardOptions)];
  });
  const login = await t.call("/api/auth/login", consolePost({ email: "olga@example.com", password: PASSWORDS.olga }));
  const cookie = cookiePair(login);
  const get = async (path: string) => {
    const res = await t.call(path, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { get, engine: () => engine.engine };
}

describe("GET /api/canned-responses", () => {
  test("without a conversation: global ones and those of my departments, placeholders for me", async () => {
    const s = await setup();
    const res = await s.get("/api/canned-responses");
    expect(res.body.responses).toEqual([
      { shortcut: "reset", topic: "Account", text: "Use the reset link.", department: "support" },
      { shortcut: "hi", topic: "Greetings", text: "Hi, Olga Operator here.", department: null },
    ]);
  });

  test("for a conversation: its department's responses, expanded with the visitor's name", async () => {
    const s = await setup();
    s.engine().operatorConnected("olga");
    const out = s.engine().startConversation({ visitor: { id: "v1", name: "Vera" }, department: "support" });
    if (out.outcome === "refused") throw new Error("refused");
    const res = await s.get(`/api/canned-responses?conversationId=${out.conversation.id}`);
    expect(res.body.responses.map((r: any) => r.text)).toEqual(["Use the reset link.", "Hi Vera, Olga Operator here."]);
    expect((await s.get("/api/canned-responses?conversationId=nope")).status).toBe(404);
  });

  test("refused with permission.disabled when the role may not use them", async () => {
    const s = await setup({ cannedResponses: false });
    expect(await s.get("/api/canned-responses")).toMatchObject({ status: 403, body: { error: { code: "permission.disabled" } } });
  });
});

describe("GET /api/knowledge/search", () => {
  test("returns ranked hits; an empty query is invalid; the permission is enforced", async () => {
    const s = await setup();
    const res = await s.get("/api/knowledge/search?q=passw");
    expect(res.body.results.map((r: any) => r.title)).toEqual(["Reset your password"]);
    expect((await s.get("/api/knowledge/search?q=")).status).toBe(400);
    const off = await setup({ knowledgeSearch: false });
    expect(await off.get("/api/knowledge/search?q=x")).toMatchObject({ status: 403, body: { error: { code: "permission.disabled" } } });
  });
});
