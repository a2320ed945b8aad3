/**
 * `GET /ws/visitor`: the widget's WebSocket. The upgrade is refused (403 `auth.origin`) unless the
 * page embedding the widget is an allowed origin; the visitor then authenticates with `hello {token}`
 * (tokens stay out of URLs and access logs). See docs/protocol.md.
 */
import { Elysia } from "elysia";
import { isWidgetOriginAllowed } from "../../auth/origin.policy";
import { AppError } from "../../core/errors";
import { requestAuth } from "../http/guards";
import { Connection, type SocketLike } from "./connection";
import type { RealtimeDeps } from "./realtime.deps";
import { VisitorSession, type VisitorRequestInfo } from "./visitor.session";

/** The visitor socket route plugin. */
export function visitorSocket(deps: RealtimeDeps) {
  const req = requestAuth(deps.auth);
  const upgrades = new WeakMap<Request, VisitorRequestInfo>();
  const sessions = new WeakMap<object, VisitorSession>();
  const gauge = deps.metrics?.ws.connections.labels({ role: "visitor" });
  const received = deps.metrics?.ws.messagesIn.labels({ role: "visitor" });
  const sent = deps.metrics?.ws.messagesOut.labels({ role: "visitor" });

  return new Elysia({ name: "ws.visitor" }).ws("/ws/visitor", {
    detail: {
      tags: ["realtime"],
      summary: "Visitor WebSocket (widget)",
      description: "Upgrade from an allowed widget origin, then send `hello {id, token, conversationId?, lastSeq?}`. Frames and error codes: docs/protocol.md.",
    },
    beforeHandle({ request, server }) {
      if (!isWidgetOriginAllowed(request.headers.get("origin"), deps.config())) {
        throw new AppError("auth.origin", "This site is not allowed to embed the chat widget (server.allowedOrigins).");
      }
      upgrades.set(request, { clientIp: req.clientIp(request, server ?? null), userAgent: request.headers.get("user-agent") });
    },
    open(ws) {
      const info = upgrades.get(ws.data.request) ?? { clientIp: "unknown", userAgent: null };
      const connection = new Connection(ws.raw as unknown as SocketLike, "visitor", deps.hub, deps.clock, deps.limits, sent);
      sessions.set(ws.raw, new VisitorSession(connection, deps, info));
      deps.heartbeat.track(connection);
      gauge?.inc();
    },
    message(ws, frame) {
      received?.inc();
      sessions.get(ws.raw)?.handleFrame(frame);
    },
    pong(ws) {
      sessions.get((ws as { raw?: object }).raw ?? ws)?.connection.touch();
    },
    close(ws) {
      const session = sessions.get(ws.raw);
      if (!session) return;
      sessions.delete(ws.raw);
      session.connection.dispose();
      deps.heartbeat.untrack(session.connection);
      gauge?.dec();
    },
  });
}
