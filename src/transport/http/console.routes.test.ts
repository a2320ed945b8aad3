import { describe, expect, test } from "bun:test";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { AssistanceService } from "../../assistance/assistance.service";
import { SequentialIds } from "../../core/clock";
import { harness, type Harness } from "../../core/conversation/engine.testkit";
import { silentLogger } from "../../observability/logger";
import { PluginService } from "../../plugins/plugin.service";
import { QuestionnaireResponseService } from "../../questionnaire/questionnaire-response.service";
import type { HubMessage } from "../../realtime/hub";
import type { Db } from "../../storage/db";
import { createEngineStores } from "../../storage/repositories/conversation-stores";
import { MailJobRepository } from "../../storage/repositories/mail-jobs.repository";
import { QuestionnaireResponseRepository } from "../../storage/repositories/questionnaire-responses.repository";
import { TranscriptService } from "../../transcript/transcript.service";
import { CONSOLE, authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { consoleActionsRoutes } from "./console-actions.routes";
import { consoleConfigRoutes } from "./console-config.routes";
import { managerRoutes } from "./manager.routes";

const directory = { operator: (id: string) => ({ id, name: id === "olga" ? "Olga Operator" : id === "mia" ? "Mia Manager" : id }) };

async function setup() {
  const config = await testConfig((raw) => {
    raw.permissions = { operator: { sendFile: false, emailTranscript: false } };
    raw.statuses = [{ id: "phone", label: "Phone" }];
    raw.widget = { title: "Acme help", preChatFields: [{ id: "order", label: "Order number" }], visitorProfileFields: [{ id: "plan", label: "Plan" }] };
    raw.questionnaires = [
      { id: "wrapup", plugin: "operator-wrapup", when: "operatorEnd", title: "Wrap-up" },
      { id: "exit", plugin: "csat", when: "visitorEnd" },
    ];
  });
  const plugins = new PluginService({ version: "test", clock: { now: () => 0 }, logger: silentLogger });
  await plugins.load(config);
  const published: { topics: readonly string[]; frame: any }[] = [];
  const online = new Set<string>();
  const hub = {
    publishToTopics: (topics: readonly string[], message: HubMessage) => (published.push({ topics, frame: message.frames.staff }), topics.length),
    subscriberCount: (topic: string) => (online.has(topic) ? 1 : 0),
  };
  let engine!: Harness;
  let outbox!: MailJobRepository;
  let db!: Db;
  const t = await authApp(config, (h) => {
    engine = harness(config, { clock: h.clock, stores: createEngineStores(h.db) });
    db = h.db.db;
    outbox = new MailJobRepository(h.db.db);
    const ids = new SequentialIds();
    const common = { engine: engine.engine, config: () => config, clock: h.clock, ids };
    const questionnaires = new QuestionnaireResponseService({
      repository: new QuestionnaireResponseRepository(h.db.db),
      questionnaires: plugins,
      conversation: (id) => {
        const c = engine.engine.conversationDetails(id);
        return c ? { visitorId: c.visitor.id, state: c.state, operatorId: c.operatorId, previousOperatorIds: c.previousOperatorIds } : null;
      },
      config: () => config,
      clock: h.clock,
      ids,
    });
    return [
      consoleConfigRoutes({ auth: h.auth, config: () => config, questionnaires: plugins }, testGuardOptions),
      consoleActionsRoutes(
        {
          auth: h.auth,
          engine: engine.engine,
          db: h.db.db,
          transcripts: new TranscriptService({ ...common, directory, outbox }),
          assistance: new AssistanceService({ ...common, hub, directory }),
          questionnaires,
        },
        testGuardOptions,
      ),
      managerRoutes({ auth: h.auth, db: h.db.db, clock: h.clock }, testGuardOptions),
    ];
  });
  const signIn = async (who: "olga" | "mia") => {
    const res = await t.call("/api/auth/login", consolePost({ email: `${who}@example.com`, password: PASSWORDS[who] }));
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = cookiePair(res);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await t.call(path, { method, headers: { cookie, origin: CONSOLE, "x-csrf-token": csrfToken, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    return { get: (path: string) => call("GET", path), post: (path: string, body?: unknown) => call("POST", path, body) };
  };
  /** A support conversation handled by Olga, with a visitor message and a note. */
  const supportChat = (visitorId = "v1") => {
    const e = engine.engine;
    e.operatorConnected("olga");
    const out = e.startConversation({ visitor: { id: visitorId, name: "Sam Visitor", email: "sam@example.com" }, department: "support" });
    if (out.outcome === "refused") throw new Error(out.reason);
    const id = out.conversation.id;
    e.postMessage(id, { kind: "visitor", id: visitorId }, { text: "My order is late", file: null, clientId: `m-${id}` });
    e.addNote(id, { kind: "operator", id: "olga", role: "operator" }, { text: "Checked: courier delay", clientId: `n-${id}` });
    return id;
  };
  return { t, engine: () => engine, signIn, supportChat, published, online, outbox: () => outbox, db: () => db };
}

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
    expect(body.visitorFields).toEqual([{ id: "order", label: "Order number" }, { id: "plan", label: "Plan" }]);
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

describe("POST /api/conversations/:id/operator-questionnaire", () => {
  test("the handling operator's answers are checked, scored and stored once", async () => {
    const s = await setup();
    const id = s.supportChat();
    s.engine().engine.endConversation(id, { kind: "operator", id: "olga", role: "operator" });
    const olga = await s.signIn("olga");
    const bad = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers: { resolution: "Maybe" } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "questionnaire.invalid_answers" } } });
    const answers = { resolution: "Resolved", category: "Billing", notes: "Courier refunded" };
    const first = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers });
    expect(first).toMatchObject({ status: 200, body: { summary: "Wrap-up: Resolved · Billing — Courier refunded" } });
    const again = await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "wrapup", answers: { resolution: "Unresolved", category: "Other" } });
    expect(again.body.summary).toBe(first.body.summary);
    expect(new QuestionnaireResponseRepository(s.db()).forConversation(id)).toHaveLength(1);
  });

  test("a visitor questionnaire cannot be answered as the operator one", async () => {
    const s = await setup();
    const id = s.supportChat();
    const olga = await s.signIn("olga");
    expect(await olga.post(`/api/conversations/${id}/operator-questionnaire`, { questionnaireId: "exit", answers: {} })).toMatchObject({ status: 404, body: { error: { code: "questionnaire.not_found" } } });
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
