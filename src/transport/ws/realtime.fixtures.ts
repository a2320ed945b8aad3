/**
 * In-process fixture for the socket tests: the real HTTP app (auth + widget routes and both
 * sockets) listening on a free port, over the real engine on in-memory stores and the real auth
 * module on an in-memory database, sharing one ManualClock. Deferred pushes run when the test
 * says (`flush()`), heartbeats when it calls `realtime.tick()`.
 */
import { PASSWORDS, authHarness, testConfig, type AuthHarness } from "../../auth/auth.fixtures";
import type { Config } from "../../config/schema";
import { SequentialIds } from "../../core/clock";
import { harness, type Harness } from "../../core/conversation/engine.testkit";
import { silentLogger } from "../../observability/logger";
import { createMetrics } from "../../observability/metrics";
import { ManualScheduler } from "../../realtime/scheduler.testing";
import { createEngineStores } from "../../storage/repositories/conversation-stores";
import { OperatorMessageRepository } from "../../storage/repositories/operator-messages.repository";
import { TeamChatService } from "../../team-chat/team-chat.service";
import { createApp } from "../http/app";
import { authRoutes } from "../http/auth.routes";
import { Readiness } from "../http/health.routes";
import { teamChatRoutes } from "../http/team-chat.routes";
import { widgetRoutes } from "../http/widget.routes";
import type { HeartbeatOptions } from "./heartbeat";
import { createRealtime, type RealtimeModule } from "./realtime.module";
import { WsTestClient, commandId } from "./ws-client.testing";

/** The widget's host page origin in the fixture config. */
export const SHOP = "https://shop.example.com";
/** The console origin (publicUrl) in the fixture config. */
export const CONSOLE = "https://chat.example.com";

/** A running fixture. */
export interface RealtimeFixture {
  readonly auth: AuthHarness;
  readonly engine: Harness;
  readonly realtime: RealtimeModule;
  /** Chat between operators, stored in the auth harness's database (its REST routes are mounted). */
  readonly teamChat: TeamChatService;
  readonly scheduler: ManualScheduler;
  readonly base: string;
  readonly ws: string;
  /** A new visitor session and its connected (not yet hello'd) socket, with its token. */
  visitor(): Promise<{ client: WsTestClient; token: string }>;
  /** A visitor who said hello and started a conversation. */
  startedVisitor(start?: Record<string, unknown>): Promise<{ client: WsTestClient; token: string; conversationId: string }>;
  /** Signs an operator in and opens their socket (no hello yet). */
  operatorSocket(who?: keyof typeof PASSWORDS): Promise<{ client: WsTestClient; cookie: string }>;
  /** Signs in, opens the socket and says hello. */
  operator(who?: keyof typeof PASSWORDS): Promise<WsTestClient>;
  /** Run deferred pushes (queue positions, presence). */
  flush(): void;
  stop(): Promise<void>;
}

/** Fixture options. */
export interface FixtureOptions {
  readonly heartbeat?: HeartbeatOptions;
  /** Run the engine on SQLite (in memory) with group commit, as in production. */
  readonly groupCommit?: boolean;
}

/** Starts a fixture; `patch` edits the raw config first. */
export async function realtimeFixture(patch: (raw: Record<string, any>) => void = () => {}, options: FixtureOptions = {}): Promise<RealtimeFixture> {
  const config: Config = await testConfig((raw) => {
    raw.rateLimits = { startConversation: { perMinute: 0 }, sendMessage: { perMinute: 0 }, login: { perMinute: 0 } };
    patch(raw);
  });
  const auth = await authHarness(config);
  const engine = harness(config, { clock: auth.clock, ...(options.groupCommit ? { stores: createEngineStores(auth.db) } : {}) });
  const scheduler = new ManualScheduler();
  const tx = auth.db.sqlite.transaction((fn: () => unknown) => fn());
  const batch = options.groupCommit ? <T>(fn: () => T): T => tx.immediate(fn) as T : undefined;
  const teamChat = new TeamChatService({ store: new OperatorMessageRepository(auth.db.db), config: () => auth.config, clock: auth.clock, ids: new SequentialIds(), limiter: auth.auth.limiters.teamMessage });
  const realtime = createRealtime({ engine: engine.engine, auth: auth.auth, config: () => auth.config, clock: auth.clock, logger: silentLogger, scheduler, timers: false, heartbeat: options.heartbeat, batch, teamChat });
  const app = createApp({
    logger: silentLogger,
    metrics: createMetrics({ processMetrics: false }),
    readiness: new Readiness(),
    ui: null,
    version: "test",
    routes: [authRoutes(auth.auth), widgetRoutes(auth.auth), ...realtime.routes, teamChatRoutes({ auth: auth.auth, teamChat, hub: realtime.hub, directory: realtime.directory })],
  });
  app.listen({ hostname: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${app.server!.port}`;
  const ws = base.replace("http", "ws");
  const clients: WsTestClient[] = [];
  const track = (c: WsTestClient) => (clients.push(c), c);

  const fixture: RealtimeFixture = {
    auth,
    engine,
    realtime,
    teamChat,
    scheduler,
    base,
    ws,
    async visitor() {
      const res = await fetch(`${base}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: "{}" });
      if (!res.ok) throw new Error(`widget session: ${res.status} ${await res.text()}`);
      const { token } = (await res.json()) as { token: string };
      return { client: track(await WsTestClient.open(`${ws}/ws/visitor`, { origin: SHOP })), token };
    },
    async startedVisitor(start = {}) {
      const { client, token } = await fixture.visitor();
      await client.ok({ type: "hello", token });
      const ack = await client.ok({ type: "start", ...start });
      return { client, token, conversationId: ack.result.conversationId as string };
    },
    async operatorSocket(who = "olga") {
      const res = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: CONSOLE },
        body: JSON.stringify({ email: `${who}@example.com`, password: PASSWORDS[who] }),
      });
      if (!res.ok) throw new Error(`login ${who}: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
      return { client: track(await WsTestClient.open(`${ws}/ws/operator`, { origin: CONSOLE, cookie })), cookie };
    },
    async operator(who = "olga") {
      const { client } = await fixture.operatorSocket(who);
      await client.ok({ type: "hello", id: commandId("hello") });
      return client;
    },
    flush: () => scheduler.runAll(),
    async stop() {
      for (const c of clients) c.close();
      realtime.stop();
      await app.stop(true);
    },
  };
  return fixture;
}
