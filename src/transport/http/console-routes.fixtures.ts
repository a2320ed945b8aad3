/**
 * The console routes' in-process fixture: the console config, actions and manager routes over the
 * real engine on SQLite, the real plugin service and questionnaire answers, Olga (operator, support)
 * and Mia (manager) able to sign in. `patch` edits the raw config after the defaults.
 */
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { AssistanceService } from "../../assistance/assistance.service";
import { SequentialIds } from "../../core/clock";
import { harness, type Harness } from "../../core/conversation/engine.testkit";
import { silentLogger } from "../../observability/logger";
import { PluginService } from "../../plugins/plugin.service";
import { OperatorQuestionnaireDues } from "../../questionnaire/operator-questionnaire-dues.service";
import { QuestionnaireResponseService } from "../../questionnaire/questionnaire-response.service";
import type { HubMessage } from "../../realtime/hub";
import type { Db } from "../../storage/db";
import { createEngineStores } from "../../storage/repositories/conversation-stores";
import { MailJobRepository } from "../../storage/repositories/mail-jobs.repository";
import { OperatorQuestionnaireDueRepository } from "../../storage/repositories/operator-questionnaire-dues.repository";
import { QuestionnaireResponseRepository } from "../../storage/repositories/questionnaire-responses.repository";
import { TranscriptService } from "../../transcript/transcript.service";
import { CONSOLE, authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { consoleActionsRoutes } from "./console-actions.routes";
import { consoleConfigRoutes } from "./console-config.routes";
import { managerRoutes } from "./manager.routes";
import { operatorQuestionnaireRoutes } from "./operator-questionnaire.routes";

const directory = { operator: (id: string) => ({ id, name: id === "olga" ? "Olga Operator" : id === "mia" ? "Mia Manager" : id }) };

/** Builds the fixture. */
export async function consoleRoutesSetup(patch: (raw: Record<string, any>) => void = () => {}) {
  const config = await testConfig((raw) => {
    raw.permissions = { operator: { sendFile: false, emailTranscript: false } };
    raw.statuses = [{ id: "phone", label: "Phone" }];
    raw.widget = { title: "Acme help", preChatFields: [{ id: "order", label: "Order number" }], visitorProfileFields: [{ id: "plan", label: "Plan" }] };
    raw.questionnaires = [
      { id: "wrapup", plugin: "operator-wrapup", when: "operatorEnd", title: "Wrap-up" },
      { id: "exit", plugin: "csat", when: "visitorEnd" },
    ];
    patch(raw);
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
  let questionnaires!: QuestionnaireResponseService;
  const t = await authApp(config, (h) => {
    engine = harness(config, { clock: h.clock, stores: createEngineStores(h.db) });
    db = h.db.db;
    outbox = new MailJobRepository(h.db.db);
    const ids = new SequentialIds();
    const common = { engine: engine.engine, config: () => config, clock: h.clock, ids };
    const dues = new OperatorQuestionnaireDues({
      repository: new OperatorQuestionnaireDueRepository(h.db.db),
      config: () => config,
      answered: (conversationId, questionnaireId, operatorId) => questionnaires.operatorAnswered(conversationId, questionnaireId, operatorId),
    });
    engine.engine.subscribe(dues.onEngineEvent);
    questionnaires = new QuestionnaireResponseService({
      dues,
      repository: new QuestionnaireResponseRepository(h.db.db),
      questionnaires: plugins,
      conversation: (id) => {
        const c = engine.engine.conversationDetails(id);
        return c ? { visitorId: c.visitor.id, state: c.state, operatorId: c.operatorId, previousOperatorIds: c.previousOperatorIds } : null;
      },
      config: () => config,
      clock: h.clock,
      ids,
      visitorAnswered: (a) => engine.engine.recordQuestionnaireAnswer(a.conversationId, { kind: "visitor", id: a.visitorId }, a).seq,
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
          questions: (id) => plugins.questionnaire(id).questions(),
        },
        testGuardOptions,
      ),
      operatorQuestionnaireRoutes({ auth: h.auth, engine: engine.engine, questionnaires }, testGuardOptions),
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
  return { t, engine: () => engine, signIn, supportChat, published, online, outbox: () => outbox, db: () => db, questionnaires: () => questionnaires };
}
