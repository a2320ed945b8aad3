/**
 * The operator console's server side, as start-up steps for the composition root:
 * `startQuestionnaireResponses` and `startTeamChat` before the realtime layer (the visitor socket
 * records survey answers through the first, the operator socket stores team chat through the
 * second), and `startConsole` after it (console configuration, transcript e-mail into
 * the mail outbox, manager assistance pushed through the hub, operator questionnaire, visitor
 * history, chat between operators, the visitor record: additional information and erasure), the manager dashboard's figures and its reports.
 */
import type { AnyElysia } from "elysia";
import { AssistanceService } from "../assistance/assistance.service";
import type { AuthModule } from "../auth/auth.module";
import type { ConfigStore } from "../config/store";
import type { Clock, IdGenerator } from "../core/clock";
import type { Engine } from "../core/engine";
import type { Logger } from "../observability/logger";
import type { PluginService } from "../plugins/plugin.service";
import type { QuestionnaireResponseService } from "../questionnaire/questionnaire-response.service";
import type { OpenDatabase } from "../storage/db";
import { MailJobRepository } from "../storage/repositories/mail-jobs.repository";
import { OperatorMessageRepository } from "../storage/repositories/operator-messages.repository";
import { TeamChatService } from "../team-chat/team-chat.service";
import { TranscriptService } from "../transcript/transcript.service";
import { consoleActionsRoutes } from "../transport/http/console-actions.routes";
import { consoleConfigRoutes } from "../transport/http/console-config.routes";
import { managerRoutes } from "../transport/http/manager.routes";
import { reportsRoutes } from "../transport/http/reports.routes";
import { operatorQuestionnaireRoutes } from "../transport/http/operator-questionnaire.routes";
import { teamChatRoutes } from "../transport/http/team-chat.routes";
import { visitorsRoutes } from "../transport/http/visitors.routes";
import { VisitorAdditionalInfoRepository } from "../storage/repositories/visitor-additional-info.repository";
import { VisitorErasureRepository } from "../storage/repositories/visitor-erasure.repository";
import { VisitorAdditionalInfoService } from "../visitors/additional-info.service";
import { pushConversationsRemoved } from "../visitors/visitor-erasure.push";
import { VisitorErasureService } from "../visitors/visitor-erasure.service";
import type { RealtimeModule } from "../transport/ws/realtime.module";

/** What both steps share. */
interface CoreDeps {
  readonly store: ConfigStore;
  readonly database: OpenDatabase;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly engine: Engine;
}

/** Questionnaire answers and operator dues: built in ./questionnaire.step, re-exported for the composition root. */
export { startQuestionnaireResponses } from "./questionnaire.step";

/** Chat between operators, stored; built before the realtime layer (its socket sends through it). */
export function startTeamChat(deps: CoreDeps & { readonly auth: AuthModule }): TeamChatService {
  return new TeamChatService({ store: new OperatorMessageRepository(deps.database.db), config: () => deps.store.current(), clock: deps.clock, ids: deps.ids, limiter: deps.auth.limiters.teamMessage });
}

/** The console routes. */
export function startConsole(
  deps: CoreDeps & {
    readonly auth: AuthModule;
    readonly realtime: RealtimeModule;
    readonly plugins: PluginService;
    readonly questionnaires: QuestionnaireResponseService;
    readonly teamChat: TeamChatService;
    readonly logger: Logger;
    /** The mail outbox (the mail module's, which wakes its worker); a plain repository otherwise. */
    readonly outbox?: MailJobRepository;
    /** The file store, so erasing a visitor deletes their files' contents from disk. */
    readonly files: { removeBlobsIfUnreferenced(sha256s: readonly string[]): Promise<number> };
  },
): { routes: AnyElysia[] } {
  const config = () => deps.store.current();
  const { engine, clock, ids } = deps;
  const directory = deps.realtime.directory;
  const transcripts = new TranscriptService({ engine, directory, outbox: deps.outbox ?? new MailJobRepository(deps.database.db), config, clock, ids });
  const assistance = new AssistanceService({ engine, hub: deps.realtime.hub, directory, config, clock, ids });
  const logger = deps.logger.child({ module: "console" });
  return {
    routes: [
      consoleConfigRoutes({ auth: deps.auth, config, questionnaires: deps.plugins, logger }),
      consoleActionsRoutes({ auth: deps.auth, engine, db: deps.database.db, transcripts, assistance, questionnaires: deps.questionnaires, questions: (id) => deps.plugins.questionnaire(id).questions() }),
      operatorQuestionnaireRoutes({ auth: deps.auth, engine, questionnaires: deps.questionnaires }),
      managerRoutes({ auth: deps.auth, db: deps.database.db, clock }),
      reportsRoutes({ auth: deps.auth, db: deps.database.db, clock, config }),
      teamChatRoutes({ auth: deps.auth, teamChat: deps.teamChat, hub: deps.realtime.hub, directory }),
      visitorsRoutes({
        auth: deps.auth,
        engine,
        additionalInfo: new VisitorAdditionalInfoService({ repository: new VisitorAdditionalInfoRepository(deps.database.db), config, clock }),
        erasure: new VisitorErasureService({
          store: new VisitorErasureRepository(deps.database.db),
          openConversationOf: (visitorId) => engine.openConversations().find((c) => c.visitorId === visitorId)?.id ?? null,
          blobs: deps.files,
          sockets: deps.realtime,
          consoles: { conversationsRemoved: (conversations) => pushConversationsRemoved(deps.realtime.hub, conversations) },
          logger: deps.logger.child({ module: "visitors" }),
        }),
      }),
    ],
  };
}
