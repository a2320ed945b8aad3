/**
 * WebSocket upgrades without Elysia's per-connection wrapper. Elysia's `.ws()` keeps the whole
 * request context and six closures alive for every socket and wraps every frame in an async call
 * and a new object; at thousands of idle visitors that is most of a connection's memory. Instead,
 * the route upgrades with Bun's `server.upgrade` and gives the socket one small data object whose
 * methods are its handlers: Elysia's Bun adapter installs a single `websocket` handler that calls
 * `ws.data.open/message/close/drain/ping/pong(ws, …)`, the same dispatch its own `.ws()` relies on.
 * Frames reach `message` exactly as received (raw text), so the parser checks their true size.
 */
import type { ServerWebSocket } from "bun";
import { AppError } from "../../core/errors";

/** The lifecycle handlers a socket's data object provides (called as methods, `this` = the data). */
export interface SocketHandlers {
  open(ws: ServerWebSocket<SocketHandlers>): void;
  message(ws: ServerWebSocket<SocketHandlers>, message: string | Buffer): void;
  close(ws: ServerWebSocket<SocketHandlers>, code: number, reason: string): void;
  pong?(ws: ServerWebSocket<SocketHandlers>): void;
}

/** The part of Bun's server the upgrade needs (Elysia passes it to route handlers). */
export interface Upgrader {
  upgrade(request: Request, options: { data: SocketHandlers }): boolean;
}

/**
 * Upgrades the request to a WebSocket served by `handlers`. Returns nothing on success (Bun has
 * answered 101); a request that is not a WebSocket handshake is refused with `request.invalid`.
 */
export function upgradeSocket(request: Request, server: Upgrader | null | undefined, handlers: SocketHandlers): void {
  if (!server?.upgrade(request, { data: handlers })) {
    throw new AppError("request.invalid", "expected a WebSocket upgrade request (Connection: Upgrade, Upgrade: websocket)");
  }
}

/**
 * Bun's server-wide WebSocket settings (pass as Elysia's `websocket` config). Frames up to 64 KiB
 * are read, so one a little over the protocol's 16 KB limit gets a `request.too_large` answer and the
 * connection stays; beyond 64 KiB Bun closes with 1009 before buffering more. `idleTimeout` is a
 * backstop behind the protocol's own heartbeat (pings after 25 s of silence, close after 75 s).
 * Compression stays off: frames are small and deflate costs more CPU and memory per socket than it saves.
 */
export const WEBSOCKET_SERVER_OPTIONS = {
  maxPayloadLength: 64 * 1024,
  idleTimeout: 120,
  sendPings: true,
  perMessageDeflate: false,
} as const;
