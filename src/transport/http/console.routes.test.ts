import { describe, expect, test } from "bun:test";
import { consoleRoutesSetup as setup } from "./console-routes.fixtures";

describe("GET /api/console/config", () => {
  test("statuses, departments, field labels, the role's permissions and the operator questionnaire", async () => {
    const s = await setup();
    const olga = await s.signIn("olga");
    const { status, body } = await olga.get("/api/console/config");
    expect(status).toBe(200);
    expect(body.statuses.map((x: any) => [x.id, x.builtin, x.acceptsNewConversations])).toEqual([
      ["connected", true, true],
      ["break", true, false],
      ["offline", true, false],
      ["phone", false, false],
    ]);
    expect(body.departments).toEqual([{ id: "sales", name: "Sales" }, { id: "support", name: "Support" }]);
    expect(body.visitorFields).toEqual([{ id: "order", label: "Order number", source: "preChat" }, { id: "plan", label: "Plan", source: "profile" }]);
    expect(body.permissions).toMatchObject({ sendFile: false, emailTranscript: false, print: true });
    expect(body.operatorQuestionnaire).toMatchObject({ id: "wrapup", title: "Wrap-up", showCancelButton: true });
    expect(body.operatorQuestionnaire.questions.map((q: any) => q.id)).toEqual(["resolution", "category", "notes"]);
    expect(body.mailConfigured).toBe(false);
    const mia = await s.signIn("mia");
    expect((await mia.get("/api/console/config")).body.permissions.emailTranscript).toBe(true);
  });

  test("requires a signed-in operator", async () => {
    const s = await setup();
    const res = await s.t.call("/api/console/config");
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("auth.required");
  });
});

describe("POST /api/conversations/:id/transcript/email", () => {
  test("refused with permission.disabled when the role has it off; queued for a manager's address", async () => {
    const s = await setup();
    const id = s.supportChat();
    const olga = await s.signIn("olga");
    expect(await olga.post(`/api/conversations/${id}/transcript/email`)).toMatchObject({ status: 403, body: { error: { code: "permission.disabled" } } });
    const mia = await s.signIn("mia");
    const queued = await mia.post(`/api/conversations/${id}/transcript/email`);
    expect(queued).toMatchObject({ status: 202, body: { to: "mia@example.com", mailConfigured: false } });
    const job = s.outbox().get(queued.body.jobId);
    expect(job).toMatchObject({ kind: "transcript", toAddress: "mia@example.com", status: "queued" });
    expect(job?.subject).toContain("Acme help — conversation with Sam Visitor");
    expect(job?.bodyText).toContain("Sam Visitor: My order is late");
    expect(job?.bodyText).not.toContain("courier delay");
    expect(await mia.post(`/api/conversations/nope/transcript/email`)).toMatchObject({ status: 404, body: { error: { code: "conversation.not_found" } } });
  });
});

describe("POST /api/conversations/:id/assistance", () => {
  test("records a note and alerts every manager and admin; says how many are online", async () => {
    const s = await setup();
    const id = s.supportChat();
    s.online.add("operator:mia");
    const olga = await s.signIn("olga");
    const res = await olga.post(`/api/conversations/${id}/assistance`, { message: "Angry customer" });
    expect(res).toMatchObject({ status: 200, body: { notified: 1 } });
    expect(s.published).toHaveLength(1);
    expect([...s.published[0]!.topics].sort()).toEqual(["operator:ada", "operator:mia"]);
    expect(s.published[0]!.frame).toMatchObject({ type: "assistance", conversation: { id }, from: { id: "olga", name: "Olga Operator" }, message: "Angry customer" });
    const notes = s.engine().engine.history(id, { kind: "operator", id: "olga", role: "operator" }).filter((e) => e.type === "note").map((e) => e.body);
    expect(notes).toContain("Manager assistance requested: Angry customer");
  });

  test("an ended conversation needs no help; bad input is refused precisely", async () => {
    const s = await setup();
    const id = s.supportChat();
    const olga = await s.signIn("olga");
    expect((await olga.post(`/api/conversations/${id}/assistance`, { message: "x".repeat(1001) })).body.error.code).toBe("request.invalid");
    s.engine().engine.endConversation(id, { kind: "operator", id: "olga", role: "operator" });
    expect(await olga.post(`/api/conversations/${id}/assistance`, {})).toMatchObject({ status: 409, body: { error: { code: "conversation.ended" } } });
  });
});

describe("GET /api/conversations/:id/visitor-history", () => {
  test("the visitor's other conversations, newest first, with their notes", async () => {
    const s = await setup();
    const first = s.supportChat("v7");
    s.engine().engine.endConversation(first, { kind: "operator", id: "olga", role: "operator" });
    s.engine().clock.advance(60_000);
    const second = s.supportChat("v7");
    const other = s.supportChat("v8");
    const olga = await s.signIn("olga");
    const res = await olga.get(`/api/conversations/${second}/visitor-history`);
    expect(res.status).toBe(200);
    expect(res.body.conversations.map((c: any) => c.id)).toEqual([first]);
    expect(res.body.notes).toEqual([{ conversationId: first, text: "Checked: courier delay", author: "Olga Operator", at: expect.any(Number) }]);
    expect(res.body.conversations.map((c: any) => c.id)).not.toContain(other);
    const mia = await s.signIn("mia");
    expect((await mia.get(`/api/conversations/${second}/visitor-history`)).status).toBe(200);
  });
});

describe("GET /api/manager/figures", () => {
  test("managers get the day's figures; operators are refused; a bad period is refused precisely", async () => {
    const s = await setup();
    s.supportChat();
    const mia = await s.signIn("mia");
    const now = s.engine().clock.now();
    const figures = await mia.get(`/api/manager/figures?since=${now - 3600_000}`);
    expect(figures).toMatchObject({ status: 200, body: { started: 1, answered: 1, activeNow: 1, byOperator: [{ operatorId: "olga", handled: 1 }] } });
    expect((await mia.get(`/api/manager/figures?since=${now + 1}`)).body.error.code).toBe("request.invalid");
    const olga = await s.signIn("olga");
    expect(await olga.get("/api/manager/figures")).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
  });
});
