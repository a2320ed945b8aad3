/**
 * The composition root: the one place that builds every long-lived object and wires them together,
 * in dependency order — config → logging/metrics → database → plugins → core → transport → jobs →
 * listen — and registers how each is stopped. Modules never construct their own dependencies; they
 * receive them here. Each owner adds their piece as one clearly named step.
 */
import { mkdirSync } from "node:fs";
import type { AnyElysia } from "elysia";
import { VERSION } from "./cli/version";
import type { Config } from "./config/schema";
import { ConfigStore } from "./config/store";
import { watchConfig } from "./config/watch";
import { ShutdownHooks, type ShutdownReport } from "./lifecycle/shutdown";
import { createLogger, type LogSink, type RootLogger } from "./observability/logger";
import type { PluginService } from "./plugins/plugin.service";
import { startPlugins } from "./plugins/plugins.step";
import { startAuth } from "./runtime/auth.step";
import { startConsole, startQuestionnaireResponses, startTeamChat } from "./runtime/console.step";
import { startEngine } from "./runtime/engine.step";
import { startFiles } from "./runtime/files.step";
import { serverBodyCap } from "./transport/http/body-limit";
import { startMail } from "./runtime/mail.step";
import { createRetentionStore } from "./storage/repositories/retention.repository";
import { pluginRoutes } from "./transport/http/plugins.routes";
import { startRealtime } from "./transport/ws/realtime.step";
import { createMetrics, type Metrics } from "./observability/metrics";
import { databasePath, openDatabase, type OpenDatabase } from "./storage/db";
import { startIdleRelease } from "./lifecycle/idle-memory";
import { startWalCheckpointerOnFirstWrite } from "./storage/wal-checkpointer";
import { checkSmtpInChildProcess } from "./mail/smtp-check.process";
import { selfCommand } from "./cli/self";
import { migrationStatus } from "./storage/migrations";
import { ensureInstance, type InstanceInfo } from "./storage/repositories/app-meta.repository";
import { randomIds, systemClock } from "./system";
import { createApp, type ParleyApp } from "./transport/http/app";
import { Readiness } from "./transport/http/health.routes";
import { loadUiBundle } from "./transport/http/ui-assets";
import { widgetConfigRoutes } from "./transport/http/widget-config.routes";

/** What `startServer` needs: an already validated config (the CLI loaded it and reported errors). */
export interface StartOptions {
  /** Absolute path of the config file, watched for hot reload. */
  readonly configFile: string;
  readonly config: Config;
  /** Warnings from loading, logged once the logger exists. */
  readonly warnings?: readonly string[];
  /** Log destination (stdout by default). */
  readonly logSink?: LogSink;
}

/** A running Parley server and the handles other code (CLI, tests) may need. */
export interface ParleyServer {
  readonly url: string;
  readonly port: number;
  readonly logger: RootLogger;
  readonly metrics: Metrics;
  readonly config: ConfigStore;
  readonly database: OpenDatabase;
  readonly instance: InstanceInfo;
  readonly app: ParleyApp;
  /** Routing strategies and questionnaires (built-in and from plugins.dir), under guard. */
  readonly plugins: PluginService;
  /** Register here anything that must be closed on shutdown (sockets, jobs…). */
  readonly shutdownHooks: ShutdownHooks;
  /** Stops gracefully (idempotent); resolves when the database is closed. */
  shutdown(reason: string): Promise<ShutdownReport>;
}

/** Starts Parley. Throws (after releasing what it opened) when it cannot listen or open the database. */
export async function startServer(options: StartOptions): Promise<ParleyServer> {
  const { config } = options;
  const shutdownHooks = new ShutdownHooks();

  // Logging and metrics: the level follows the config on every reload.
  const logger = createLogger({ level: config.server.logLevel, sink: options.logSink });
  const metrics = createMetrics({ version: VERSION });
  for (const warning of options.warnings ?? []) logger.warn("config warning", { warning });
  // Start-up profile at debug level: ms since the process started at the end of each step (module
  // loading and config parsing come before "server"; the cold start budget is 150 ms).
  const stepDone = (step: string) => logger.debug("start-up step", { step, ms: Math.round(performance.now() * 10) / 10 });
  stepDone("server");

  // Config: one live snapshot, hot-reloaded on file change and SIGHUP.
  const store = new ConfigStore(options.configFile, config, { logger });
  store.subscribe((next) => logger.setLevel(next.server.logLevel));
  const stopWatching = watchConfig(store, { logger });
  shutdownHooks.add("work", "config-watcher", stopWatching);

  // Storage: the database, migrated on open; checkpointed and closed last on shutdown.
  let database: OpenDatabase;
  try {
    mkdirSync(config.storage.dataDir, { recursive: true });
    database = openDatabase(databasePath(config.storage.dataDir));
  } catch (error) {
    stopWatching();
    throw new Error(`cannot open the database in ${config.storage.dataDir}: ${(error as Error).message}`, { cause: error });
  }
  shutdownHooks.add("storage", "database", () => database.close());
  // WAL checkpoints on a worker thread, so no commit stalls the event loop copying pages back; the
  // worker starts with the first write (an appliance nobody has used yet has nothing to checkpoint).
  const checkpointer = startWalCheckpointerOnFirstWrite(database.sqlite, databasePath(config.storage.dataDir), { logger: logger.child({ module: "storage" }) });
  shutdownHooks.add("work", "wal-checkpointer", () => checkpointer.stop());
  // The page cache grown under load and the runtime's compiled code are given back once the writes stop.
  const idleRelease = startIdleRelease(database.sqlite);
  shutdownHooks.add("work", "idle-release", () => idleRelease.stop());
  metrics.watchDatabaseFile(databasePath(config.storage.dataDir));
  const instance = ensureInstance(database.db, systemClock, randomIds);
  stepDone("storage");

  // Readiness: what must hold for this instance to take traffic.
  const readiness = new Readiness()
    .add({ name: "database", check: () => (database.sqlite.query("SELECT 1 AS ok").get() ? true : "database does not answer") })
    .add({ name: "migrations", check: () => migrationCheck(database) })
    .add({ name: "config", check: () => (store.current() ? true : "no valid configuration loaded") });

  // Plugins, core services, realtime hub and their routes are wired here by their owners, each as
  // one step that receives { config: store, database, logger, metrics, shutdownHooks } and returns
  // its route plugins for the list below.
  const routes: AnyElysia[] = [];

  // Plugins: built-ins plus plugins.dir, re-read and re-validated on every config reload.
  const plugins = await startPlugins({ store, logger, clock: systemClock, version: VERSION });
  shutdownHooks.add("work", "plugins", plugins.stop);
  stepDone("plugins");

  // Core: the engine restored from the store, its persistent deadlines and background jobs.
  const core = { store, database, logger, clock: systemClock, ids: randomIds, shutdownHooks };
  const { engine, startJobs, startDeadlines } = startEngine({ ...core, plugins: plugins.service });
  stepDone("engine");

  // Auth, files, then the realtime layer (sockets + conversation REST) on top of them.
  const auth = await startAuth(core);
  stepDone("auth");
  const files = await startFiles({ store, database, clock: systemClock, engine, auth: auth.auth });
  startJobs(createRetentionStore(database, files.files));
  stepDone("files+jobs");
  const questionnaires = startQuestionnaireResponses({ ...core, engine, plugins: plugins.service });
  // Mail: the outbox worker (transcripts, offline messages) over SMTP when `smtp` is configured.
  const mail = startMail({ ...core, metrics, smtpCheck: (signal) => checkSmtpInChildProcess({ command: selfCommand(), configFile: store.file, signal }) });
  stepDone("mail");
  const teamChat = startTeamChat({ ...core, engine, auth: auth.auth });
  const realtime = startRealtime({ ...core, metrics, engine, auth: auth.auth, files: files.files, questionnaires, teamChat, offlineNotifier: mail.offlineNotifier });
  auth.onRevoked((ids) => ids.forEach((id) => realtime.realtime.closeOperator(id, "session revoked")));
  stepDone("realtime");
  routes.push(...auth.routes, ...files.routes, ...realtime.routes, pluginRoutes(plugins.service, auth.auth));
  // The widget's configuration (title, colours, departments and availability, pre-chat form, visitor questionnaires).
  routes.push(widgetConfigRoutes(auth.auth, {
    config: () => store.current(),
    now: () => systemClock.now(),
    questions: (id) => plugins.service.questionnaire(id).questions(),
    warn: (msg, fields) => logger.warn(msg, fields),
    // The engine's own admission rule, so the widget offers the offline form before the visitor presses Start.
    admission: (department, pageUrl) => {
      const status = engine.admission({ department, pageUrl });
      return status === "accepted" ? null : status;
    },
  }));
  // The operator console's own routes (configuration, transcripts, manager help, questionnaire, visitor history).
  routes.push(...startConsole({ ...core, engine, auth: auth.auth, realtime: realtime.realtime, plugins: plugins.service, questionnaires, teamChat, outbox: mail.outbox, files: files.files }).routes);
  // Every listener of the engine is wired: deadlines may fire now (overdue ones at once).
  startDeadlines();

  // HTTP transport.
  const ui = await loadUiBundle(logger);
  stepDone("console+ui");
  const app = createApp({ logger, metrics, readiness, ui, version: VERSION, routes });
  try {
    // A chunked body has no Content-Length for bodyLimit to check: the server caps every body at the largest upload.
    app.listen({ hostname: config.server.host, port: config.server.port, maxRequestBodySize: serverBodyCap(config.files.maxBytes) });
  } catch (error) {
    await shutdownHooks.run("startup failed", { logger, budgetMs: 0 });
    const reason = (error as { code?: string }).code === "EADDRINUSE" ? `port ${config.server.port} is already in use` : (error as Error).message;
    throw new Error(`cannot listen on ${config.server.host}:${config.server.port}: ${reason}`, { cause: error });
  }
  const server = app.server!;
  stepDone("listen");
  let stopping: Promise<void> = Promise.resolve();
  shutdownHooks.add("accept", "http", () => {
    readiness.markDraining();
    stopping = server.stop(false);
  });
  shutdownHooks.add("drain", "http", async () => {
    const settled = await Promise.race([stopping.then(() => true), Bun.sleep(2000).then(() => false)]);
    if (!settled) await server.stop(true);
  });

  const url = `http://${displayHost(config.server.host)}:${server.port}`;
  logger.info("listening", { url, version: VERSION, instanceId: instance.instanceId, ui: ui?.source ?? "none", dataDir: config.storage.dataDir });
  // After listening: the SMTP check is a network round trip /readyz does not wait for.
  mail.verifySmtp();

  return {
    url,
    port: server.port ?? config.server.port,
    logger,
    metrics,
    config: store,
    database,
    instance,
    app,
    plugins: plugins.service,
    shutdownHooks,
    async shutdown(reason) {
      if (!shutdownHooks.started) logger.info("shutting down", { reason });
      const report = await shutdownHooks.run(reason, { logger });
      logger.info("stopped", { reason, clean: report.clean });
      return report;
    },
  };
}

/** Readiness of the schema: every embedded migration applied. */
function migrationCheck(database: OpenDatabase): true | string {
  const status = migrationStatus(database.sqlite);
  return status.upToDate ? true : `${status.applied} of ${status.expected} migrations applied`;
}

/** A host to print in URLs: the wildcard addresses mean "this machine". */
function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

