/**
 * The realtime layer's start-up step for the composition root (src/server.ts): the hub and both
 * sockets, the conversation REST API, canned responses, knowledge search and offline messages. It
 * registers its shutdown (sockets closed with 1001 "server restarting" in the `connections` phase,
 * so clients reconnect and resume) and follows config reloads (operator sessions are re-checked at
 * once: a removed operator or changed role is disconnected, changed permissions apply).
 */
import type { AnyElysia } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { ConfigStore } from "../../config/store";
import type { Clock, IdGenerator } from "../../core/clock";
import type { Engine } from "../../core/engine";
import type { ShutdownHooks } from "../../lifecycle/shutdown";
import type { Logger } from "../../observability/logger";
import type { Metrics } from "../../observability/metrics";
import { OfflineMessageService, type OfflineNotifier } from "../../offline/offline.service";
import { pushOfflineMessage } from "../../offline/offline.push";
import type { OpenDatabase } from "../../storage/db";
import { createCommandAckRepository } from "../../storage/repositories/command-acks.repository";
import { OfflineMessageRepository } from "../../storage/repositories/offline-messages.repository";
import { cannedRoutes } from "../http/canned.routes";
import { conversationRoutes, widgetConversationRoutes } from "../http/conversations.routes";
import { knowledgeRoutes } from "../http/knowledge.routes";
import { offlineRoutes } from "../http/offline.routes";
import type { QuestionnaireAnswers, RealtimeDeps } from "./realtime.deps";
import { createRealtime, type RealtimeModule } from "./realtime.module";

/** What the step needs from the composition root. */
export interface RealtimeStepDeps {
  readonly store: ConfigStore;
  readonly database: OpenDatabase;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly shutdownHooks: ShutdownHooks;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly engine: Engine;
  readonly auth: AuthModule;
  readonly files?: RealtimeDeps["files"];
  readonly questionnaires?: QuestionnaireAnswers;
  /** Chat between operators, stored (built by the console step's `startTeamChat`). */
  readonly teamChat: RealtimeDeps["teamChat"];
  /** E-mails offline messages to the operators who receive them (the mail module). */
  readonly offlineNotifier?: OfflineNotifier;
  /**
   * A group commit failed (disk full, I/O error): the engine's memory is ahead of the store. By
   * default the process exits with status 1 so the supervisor restarts it from the store; clients
   * reconnect and resume, and resend what was not acked.
   */
  readonly onCommitFailure?: (error: unknown) => void;
}

/** The running realtime layer and its routes for `createApp`. */
export interface RealtimeStep {
  readonly realtime: RealtimeModule;
  readonly routes: AnyElysia[];
}

/** Builds and wires the realtime layer. */
export function startRealtime(deps: RealtimeStepDeps): RealtimeStep {
  const { store, engine, auth, logger } = deps;
  const config = () => store.current();
  const log = logger.child({ module: "realtime" });
  const tx = deps.database.sqlite.transaction((fn: () => unknown) => fn());
  const realtime = createRealtime({
    engine,
    auth,
    config,
    clock: deps.clock,
    logger: log,
    metrics: deps.metrics,
    files: deps.files,
    questionnaires: deps.questionnaires,
    teamChat: deps.teamChat,
    batch: (fn) => tx.immediate(fn) as ReturnType<typeof fn>,
    acks: createCommandAckRepository(deps.database.db),
    onCommitFailure:
      deps.onCommitFailure ??
      (() => {
        log.error("the database refused a commit; exiting so the server restarts from the stored state");
        setTimeout(() => process.exit(1), 100);
      }),
  });
  const offlineRepository = new OfflineMessageRepository(deps.database.db);
  const offline = new OfflineMessageService(offlineRepository, config, deps.clock, deps.ids, log, deps.offlineNotifier);
  const unsubscribe = store.subscribe(() => realtime.operators.checkSessions());
  const stopOfflinePush = offline.onStored((row) => pushOfflineMessage(realtime.operators, row));
  deps.shutdownHooks.add("connections", "realtime", () => {
    unsubscribe();
    stopOfflinePush();
    realtime.stop();
  });
  const directory = realtime.directory;
  return {
    realtime,
    routes: [
      ...realtime.routes,
      conversationRoutes({ engine, auth, db: deps.database.db, directory }),
      widgetConversationRoutes({ engine, auth, directory }),
      cannedRoutes({ auth, engine, config }),
      knowledgeRoutes({ auth, config }),
      offlineRoutes({ auth, service: offline, repository: offlineRepository }),
    ],
  };
}
