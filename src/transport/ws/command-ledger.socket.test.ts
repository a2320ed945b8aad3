/**
 * Command acks survive a restart: the server is rebuilt on the same database between a command and
 * its retry (new engine from the stores, new realtime layer, empty in-memory ledger), and the retry
 * gets the original ack, byte for byte, with nothing applied twice.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { PASSWORDS, authHarness, testConfig, type AuthHarness } from "../../auth/auth.fixtures";
import { SequentialIds } from "../../core/clock";
import { harness, staff, type Harness } from "../../core/conversation/engine.testkit";
import { silentLogger } from "../../observability/logger";
import { createMetrics } from "../../observability/metrics";
import { ManualScheduler } from "../../realtime/scheduler.testing";
import { createCommandAckRepository } from "../../storage/repositories/command-acks.repository";
import { createEngineStores } from "../../storage/repositories/conversation-stores";
import { OperatorMessageRepository } from "../../storage/repositories/operator-messages.repository";
import { TeamChatService } from "../../team-chat/team-chat.service";
import { createApp } from "../http/app";
import { authRoutes } from "../http/auth.routes";
import { Readiness } from "../http/health.routes";
import { widgetRoutes } from "../http/widget.routes";
import { createRealtime } from "./realtime.module";
import { SHOP, CONSOLE } from "./realtime.fixtures";
import { WsTestClient, type Frame } from "./ws-client.testing";

/** One server process over a database that outlives it. */
interface Server {
  readonly engine: Harness;
  readonly ws: string;
  readonly base: string;
  stop(): Promise<void>;
}

const clients: WsTestClient[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.stop();
});

/** Starts a server as production wires it: SQLite engine stores, group commit, stored acks. */
function startServer(auth: AuthHarness, engine: Harness): Server {
  const tx = auth.db.sqlite.transaction((fn: () => unknown) => fn());
  const teamChat = new TeamChatService({ store: new OperatorMessageRepository(auth.db.db), config: () => auth.config, clock: auth.clock, ids: new SequentialIds(), limiter: auth.auth.limiters.teamMessage });
  const realtime = createRealtime({
    engine: engine.engine,
    auth: auth.auth,
    config: () => auth.config,
    clock: auth.clock,
    logger: silentLogger,
    scheduler: new ManualScheduler(),
    timers: false,
    batch: <T>(fn: () => T): T => tx.immediate(fn) as T,
    acks: createCommandAckRepository(auth.db.db),
    teamChat,
  });
  const app = createApp({ logger: silentLogger, metrics: createMetrics({ processMetrics: false }), readiness: new Readiness(), ui: null, version: "test", routes: [authRoutes(auth.auth), widgetRoutes(auth.auth), ...realtime.routes] });
  app.listen({ hostname: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${app.server!.port}`;
  const server: Server = {
    engine,
    base,
    ws: base.replace("http", "ws"),
    async stop() {
      realtime.stop();
      await app.stop(true);
    },
  };
  servers.push(server);
  return server;
}

async function signIn(server: Server, who: keyof typeof PASSWORDS): Promise<string> {
  const res = await fetch(`${server.base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: CONSOLE }, body: JSON.stringify({ email: `${who}@example.com`, password: PASSWORDS[who] }) });
  if (!res.ok) throw new Error(`login ${who}: ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

async function operator(server: Server, cookie: string): Promise<WsTestClient> {
  const client = await WsTestClient.open(`${server.ws}/ws/operator`, { origin: CONSOLE, cookie });
  clients.push(client);
  await client.ok({ type: "hello" });
  return client;
}

async function visitor(server: Server, token: string): Promise<WsTestClient> {
  const client = await WsTestClient.open(`${server.ws}/ws/visitor`, { origin: SHOP });
  clients.push(client);
  await client.ok({ type: "hello", token });
  return client;
}

const asSent = (ack: Frame) => JSON.stringify(ack);

describe("command acks across a restart", () => {
  test("a transfer, an end and a start retried after a restart get their original acks and apply once", async () => {
    const config = await testConfig((raw) => {
      raw.rateLimits = { startConversation: { perMinute: 0 }, sendMessage: { perMinute: 0 }, login: { perMinute: 0 } };
      raw.operators[1].departments = ["support"];
    });
    const auth = await authHarness(config);
    const first = startServer(auth, harness(config, { clock: auth.clock, stores: createEngineStores(auth.db) }));

    const olgaCookie = await signIn(first, "olga");
    const miaCookie = await signIn(first, "mia");
    const olga = await operator(first, olgaCookie);
    const session = await fetch(`${first.base}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: "{}" });
    const { token } = (await session.json()) as { token: string };
    const widget = await visitor(first, token);
    const started = await widget.ok({ type: "start", id: "start-1" });
    const conversationId = started.result.conversationId as string;
    expect(first.engine.engine.conversation(conversationId)!.operatorId).toBe("olga");
    const mia = await operator(first, miaCookie);
    const transferred = await olga.ok({ type: "transfer", id: "transfer-1", conversationId, toOperatorId: "mia", immediate: true });
    const ended = await mia.ok({ type: "end", id: "end-1", conversationId });
    const eventsBefore = first.engine.engine.history(conversationId, staff("ada")).length;

    await first.stop();
    servers.splice(servers.indexOf(first), 1);
    auth.clock.advance(60 * 60_000); // an hour: long past the in-memory ledger's TTL too
    const second = startServer(auth, first.engine.restart());

    const olgaAgain = await operator(second, olgaCookie);
    expect(asSent(await olgaAgain.request({ type: "transfer", id: "transfer-1", conversationId, toOperatorId: "mia", immediate: true }))).toBe(asSent(transferred));
    const miaAgain = await operator(second, miaCookie);
    expect(asSent(await miaAgain.request({ type: "end", id: "end-1", conversationId }))).toBe(asSent(ended));
    const widgetAgain = await visitor(second, token);
    expect(asSent(await widgetAgain.request({ type: "start", id: "start-1" }))).toBe(asSent(started));

    // Nothing applied twice: no new event in the conversation, no second conversation for the visitor.
    expect(second.engine.engine.history(conversationId, staff("ada")).length).toBe(eventsBefore);
    expect(second.engine.engine.openConversations()).toHaveLength(0);
    // A command id never seen still runs (and is refused on its merits): the ledger only answers retries.
    expect(await miaAgain.request({ type: "end", id: "end-2", conversationId })).toMatchObject({ type: "error" });
  });
});
