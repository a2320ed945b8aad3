/**
 * `GET /ws/visitor`: the widget's WebSocket. The upgrade is refused (403 `auth.origin`) unless the
 * page embedding the widget is an allowed origin; the visitor then authenticates with `hello {token}`
 * (tokens stay out of URLs and access logs). See docs/protocol.md.
 */
import type { ServerWebSocket } from "bun";
import { Elysia } from "elysia";
import { isWidgetOriginAllowed } from "../../auth/origin.policy";
import { AppError } from "../../core/errors";
import { requestAuth, type PeerSource } from "../http/guards";
import { Connection } from "./connection";
import type { RealtimeDeps } from "./realtime.deps";
import { upgradeSocket, type SocketHandlers, type Upgrader } from "./socket-route";
import { VisitorSession, type VisitorRequestInfo } from "./visitor.session";

/** What every visitor socket shares (one object, referenced by each socket's data). */
interface VisitorEnv {
  readonly deps: RealtimeDeps;
  readonly gauge?: { inc(): void; dec(): void };
  readonly received?: { inc(): void };
  readonly sent?: { inc(): void };
}

/** One visitor socket's data object: its handlers and its session. */
class VisitorSocket implements SocketHandlers {
  private session: VisitorSession | null = null;

  constructor(
    private readonly env: VisitorEnv,
    private readonly info: VisitorRequestInfo,
  ) {}

  open(ws: ServerWebSocket<SocketHandlers>): void {
    const { deps } = this.env;
    const connection = new Connection(ws, "visitor", deps.hub, deps.clock, deps.limits, this.env.sent);
    this.session = new VisitorSession(connection, deps, this.info);
    deps.visitorSessions?.add(this.session);
    deps.heartbeat.track(connection);
    this.env.gauge?.inc();
  }

  message(_ws: ServerWebSocket<SocketHandlers>, frame: string | Buffer): void {
    const session = this.session;
    if (!session) return;
    this.env.received?.inc();
    this.env.deps.commands.submit(() => session.handleFrame(frame));
  }

  pong(): void {
    this.session?.connection.touch();
  }

  close(): void {
    const session = this.session;
    if (!session) return;
    this.session = null;
    this.env.deps.visitorSessions?.delete(session);
    session.connection.dispose();
    this.env.deps.heartbeat.untrack(session.connection);
    this.env.gauge?.dec();
  }
}

/** The visitor socket route plugin. */
export function visitorSocket(deps: RealtimeDeps) {
  const req = requestAuth(deps.auth);
  const env: VisitorEnv = {
    deps,
    gauge: deps.metrics?.ws.connections.labels({ role: "visitor" }),
    received: deps.frameCounters.over(deps.metrics?.ws.messagesIn.labels({ role: "visitor" })),
    sent: deps.frameCounters.over(deps.metrics?.ws.messagesOut.labels({ role: "visitor" })),
  };
  return new Elysia({ name: "ws.visitor" }).get(
    "/ws/visitor",
    ({ request, server }) => {
      if (!isWidgetOriginAllowed(request.headers.get("origin"), deps.config())) {
        throw new AppError("auth.origin", "This site is not allowed to embed the chat widget (server.allowedOrigins).");
      }
      const info = { clientIp: req.clientIp(request, server as PeerSource), userAgent: request.headers.get("user-agent") };
      upgradeSocket(request, server as unknown as Upgrader, new VisitorSocket(env, info));
    },
    {
      detail: {
        tags: ["realtime"],
        summary: "Visitor WebSocket (widget)",
        description: "Upgrade from an allowed widget origin, then send `hello {id, token, conversationId?, lastSeq?}`. Frames and error codes: docs/protocol.md. Errors: auth.origin (403), request.invalid (400, not a WebSocket handshake).",
      },
    },
  );
}
