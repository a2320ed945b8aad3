import { afterEach, describe, expect, test } from "bun:test";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { VisitorAdditionalInfoService } from "../../visitors/additional-info.service";
import { VisitorAdditionalInfoRepository } from "../../storage/repositories/visitor-additional-info.repository";
import { erasureWorld, type ErasureWorld } from "../../visitors/visitor-erasure.fixtures";
import { VisitorErasureService } from "../../visitors/visitor-erasure.service";
import { CONSOLE, authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { visitorsRoutes } from "./visitors.routes";

let world: ErasureWorld;
afterEach(() => world?.close());

async function setup() {
  const config = await testConfig((raw) => {
    raw.routing = { mode: "department" };
    raw.visitors = {
      additionalInfoFields: [
        { id: "account", label: "Account", maxLength: 10 },
        { id: "segment", label: "Segment", type: "select", options: ["Consumer", "Enterprise"] },
        { id: "due", label: "Follow up", type: "date" },
      ],
    };
  });
  const closed: string[] = [];
  const t = await authApp(config, (h) => {
    world = erasureWorld(h.config, h.db, h.clock);
    const additionalInfo = new VisitorAdditionalInfoService({ repository: new VisitorAdditionalInfoRepository(h.db.db), config: () => h.config, clock: h.clock });
    const erasure = new VisitorErasureService({
      store: world.store,
      openConversationOf: (visitorId) => world.engine.engine.openConversations().find((c) => c.visitorId === visitorId)?.id ?? null,
      blobs: world.files,
      sockets: { closeVisitor: (id) => (closed.push(id), 1) },
      logger: { info() {}, warn() {} },
    });
    return [visitorsRoutes({ auth: h.auth, engine: world.engine.engine, additionalInfo, erasure }, testGuardOptions)];
  });
  const signIn = async (who: keyof typeof PASSWORDS) => {
    const res = await t.call("/api/auth/login", consolePost({ email: `${who}@example.com`, password: PASSWORDS[who] }));
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = cookiePair(res);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await t.call(path, { method, headers: { cookie, origin: CONSOLE, "x-csrf-token": csrfToken, "content-type": "application/json" }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    return { get: (path: string) => call("GET", path), patch: (path: string, body: unknown) => call("PATCH", path, body), del: (path: string) => call("DELETE", path) };
  };
  return { signIn, closed };
}

const info = (id: string) => `/api/conversations/${id}/visitor/additional-info`;

describe("the visitor's additional information over HTTP", () => {
  test("the handling operator edits it; it shows again in the visitor's next conversation with who changed it", async () => {
    const s = await setup();
    const [first] = (await world.seedVisitor("v-vera", "x")).conversationIds;
    const olga = await s.signIn("olga");
    // Olga handled the (ended) first conversation: she may see it and edit the record through it.
    const edited = await olga.patch(info(first!), { values: { account: " A-42 ", segment: "Enterprise" } });
    expect(edited.status).toBe(200);
    expect(edited.body.fields.find((f: any) => f.id === "account")).toMatchObject({ value: "A-42", updatedBy: "olga", updatedByName: "Olga Operator", updatedAt: expect.any(Number) });
    const next = world.openConversation("v-vera");
    const again = await olga.get(info(next));
    expect(again.body).toMatchObject({ visitorId: "v-vera" });
    expect(again.body.fields.map((f: any) => [f.id, f.value])).toEqual([["account", "A-42"], ["segment", "Enterprise"], ["due", null]]);
    expect((await olga.patch(info(next), { values: { segment: null } })).body.fields[1].value).toBeNull();
  });

  test("bad edits are refused precisely and change nothing", async () => {
    const s = await setup();
    const [id] = (await world.seedVisitor("v-vera", "x")).conversationIds;
    const olga = await s.signIn("olga");
    const expectError = async (body: unknown, status: number, code: string, message?: string) => {
      const res = await olga.patch(info(id!), body);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (message) expect(res.body.error.message).toContain(message);
    };
    await expectError({ values: { plan: "Pro" } }, 400, "field.unknown", 'unknown additional information field "plan"');
    await expectError({ values: { segment: "Gold" } }, 400, "field.invalid", "is not one of the options");
    await expectError({ values: { due: "31/12/2026" } }, 400, "field.invalid", "YYYY-MM-DD");
    await expectError({ values: { account: "12345678901" } }, 400, "field.invalid", "at most 10 characters");
    await expectError({ values: { account: 42 } }, 400, "request.invalid");
    await expectError({ values: {}, extra: true }, 400, "request.invalid", "extra");
    await expectError({ vals: {} }, 400, "request.invalid");
    await expectError("not json", 400, "request.invalid");
    expect((await olga.get(info(id!))).body.fields.map((f: any) => f.value)).toEqual(["A-42", null, null]); // as seeded
  });

  test("only staff who may see one of the visitor's conversations see or edit the record", async () => {
    const s = await setup();
    const [id] = (await world.seedVisitor("v-vera", "x")).conversationIds;
    const mia = await s.signIn("mia"); // a manager sees every conversation
    expect((await mia.get(info(id!))).status).toBe(200);
    // Olga is in support; a sales conversation Mia handles is not hers to see.
    world.engine.engine.operatorConnected("mia");
    const out = world.engine.engine.startConversation({ visitor: { id: "v-sam", name: "Sam" }, department: "sales" });
    if (out.outcome === "refused") throw new Error(out.reason);
    expect(out.conversation).toMatchObject({ state: "active", operatorId: "mia" });
    const olga = await s.signIn("olga");
    expect((await olga.get(info(out.conversation.id))).body.error.code).toBe("conversation.not_found");
    expect((await olga.patch(info(out.conversation.id), { values: { account: "X" } })).status).toBe(404);
    expect((await olga.get(info("nope"))).status).toBe(404);
  });
});

describe("erasing a visitor over HTTP", () => {
  test("a manager erases a visitor: everything goes and the answer counts it", async () => {
    const s = await setup();
    await world.seedVisitor("v-vera", "x");
    const mia = await s.signIn("mia");
    const res = await mia.del("/api/visitors/v-vera");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ visitorId: "v-vera", erased: { conversations: 2, offlineMessages: 1, additionalInfo: 1, tokens: 1, visitor: 1 }, blobsRemoved: 1, socketsClosed: 1 });
    expect(s.closed).toEqual(["v-vera"]);
    expect((await mia.del("/api/visitors/v-vera")).body.error.code).toBe("not_found");
  });

  test("an operator may not erase; an open conversation must be ended first; bad ids are refused", async () => {
    const s = await setup();
    await world.seedVisitor("v-vera", "x");
    const olga = await s.signIn("olga");
    const forbidden = await olga.del("/api/visitors/v-vera");
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("auth.forbidden");
    const open = world.openConversation("v-vera");
    const mia = await s.signIn("mia");
    const refused = await mia.del("/api/visitors/v-vera");
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conversation.invalid_state", details: { conversationId: open } });
    expect((await mia.del("/api/visitors/bad%20id")).body.error.code).toBe("request.invalid");
  });
});
