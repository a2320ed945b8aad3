/**
 * `GET /ws/operator`: the console's WebSocket. The upgrade is authenticated by the session cookie and
 * refused from any origin but publicUrl's (cross-site WebSocket hijacking); the console then sends
 * `hello {lastSeqs?}` to get its snapshot. See docs/protocol.md.
 */
import { Elysia } from "elysia";
import type { AuthenticatedSession } from "../../auth/session.service";
import { readSessionToken } from "../../auth/session-cookie";
import { authorizeStaffUpgrade } from "../http/guards";
import { Connection, type SocketLike } from "./connection";
import { handleOperatorFrame } from "./operator.commands";
import type { OperatorRegistry } from "./operator-registry";
import { OperatorSession } from "./operator.session";
import type { RealtimeDeps } from "./realtime.deps";

/** The operator socket route plugin. */
export function operatorSocket(deps: RealtimeDeps, registry: OperatorRegistry) {
  const upgrades = new WeakMap<Request, { session: AuthenticatedSession; token: string }>();
  const sessions = new WeakMap<object, OperatorSession>();
  const gauge = deps.metrics?.ws.connections.labels({ role: "operator" });
  const received = deps.metrics?.ws.messagesIn.labels({ role: "operator" });
  const sent = deps.metrics?.ws.messagesOut.labels({ role: "operator" });

  return new Elysia({ name: "ws.operator" }).ws("/ws/operator", {
    detail: {
      tags: ["realtime"],
      summary: "Operator WebSocket (console)",
      description: "Upgrade from the console (publicUrl origin) with the session cookie, then send `hello {id, lastSeqs?}`. Frames and error codes: docs/protocol.md.",
    },
    beforeHandle({ request }) {
      const session = authorizeStaffUpgrade(deps.auth, request);
      upgrades.set(request, { session, token: readSessionToken(request.headers.get("cookie")) ?? "" });
    },
    open(ws) {
      const upgrade = upgrades.get(ws.data.request);
      if (!upgrade) {
        ws.raw.close(4003, "not authenticated");
        return;
      }
      const connection = new Connection(ws.raw as unknown as SocketLike, "staff", deps.hub, deps.clock, deps.limits, sent);
      sessions.set(ws.raw, new OperatorSession(connection, deps, upgrade.session.principal, upgrade.token, registry));
      deps.heartbeat.track(connection);
      gauge?.inc();
    },
    message(ws, frame) {
      received?.inc();
      const session = sessions.get(ws.raw);
      if (session) handleOperatorFrame(session, frame);
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
      registry.offline(session);
      gauge?.dec();
    },
  });
}
