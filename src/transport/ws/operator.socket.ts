/**
 * `GET /ws/operator`: the console's WebSocket. The upgrade is authenticated by the session cookie and
 * refused from any origin but publicUrl's (cross-site WebSocket hijacking); the console then sends
 * `hello {lastSeqs?}` to get its snapshot. See docs/protocol.md.
 */
import type { ServerWebSocket } from "bun";
import { Elysia } from "elysia";
import type { OperatorPrincipal } from "../../auth/principal.model";
import { readSessionToken } from "../../auth/session-cookie";
import { authorizeStaffUpgrade } from "../http/guards";
import { Connection } from "./connection";
import { handleOperatorFrame } from "./operator.commands";
import type { OperatorRegistry } from "./operator-registry";
import { OperatorSession } from "./operator.session";
import type { RealtimeDeps } from "./realtime.deps";
import { upgradeSocket, type SocketHandlers, type Upgrader } from "./socket-route";

/** What every operator socket shares. */
interface OperatorEnv {
  readonly deps: RealtimeDeps;
  readonly registry: OperatorRegistry;
  readonly gauge?: { inc(): void; dec(): void };
  readonly received?: { inc(): void };
  readonly sent?: { inc(): void };
}

/** One operator socket's data object: its handlers and its session. */
class OperatorSocket implements SocketHandlers {
  private session: OperatorSession | null = null;

  constructor(
    private readonly env: OperatorEnv,
    private readonly principal: OperatorPrincipal,
    private readonly token: string,
  ) {}

  open(ws: ServerWebSocket<SocketHandlers>): void {
    const { deps, registry } = this.env;
    const connection = new Connection(ws, "staff", deps.hub, deps.clock, deps.limits, this.env.sent);
    this.session = new OperatorSession(connection, deps, this.principal, this.token, registry);
    deps.heartbeat.track(connection);
    this.env.gauge?.inc();
  }

  message(_ws: ServerWebSocket<SocketHandlers>, frame: string | Buffer): void {
    const session = this.session;
    if (!session) return;
    this.env.received?.inc();
    this.env.deps.commands.submit(() => handleOperatorFrame(session, frame));
  }

  pong(): void {
    this.session?.connection.touch();
  }

  close(): void {
    const session = this.session;
    if (!session) return;
    this.session = null;
    session.connection.dispose();
    this.env.deps.heartbeat.untrack(session.connection);
    this.env.registry.offline(session);
    this.env.gauge?.dec();
  }
}

/** The operator socket route plugin. */
export function operatorSocket(deps: RealtimeDeps, registry: OperatorRegistry) {
  const env: OperatorEnv = {
    deps,
    registry,
    gauge: deps.metrics?.ws.connections.labels({ role: "operator" }),
    received: deps.frameCounters.over(deps.metrics?.ws.messagesIn.labels({ role: "operator" })),
    sent: deps.frameCounters.over(deps.metrics?.ws.messagesOut.labels({ role: "operator" })),
  };
  return new Elysia({ name: "ws.operator" }).get(
    "/ws/operator",
    ({ request, server }) => {
      const session = authorizeStaffUpgrade(deps.auth, request);
      upgradeSocket(request, server as unknown as Upgrader, new OperatorSocket(env, session.principal, readSessionToken(request.headers.get("cookie")) ?? ""));
    },
    {
      detail: {
        tags: ["realtime"],
        summary: "Operator WebSocket (console)",
        description: "Upgrade from the console (publicUrl origin) with the session cookie, then send `hello {id, lastSeqs?}`. Frames and error codes: docs/protocol.md. Errors: auth.origin (403), auth.required / auth.session_expired (401).",
      },
    },
  );
}
