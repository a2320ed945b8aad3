/**
 * The vocabulary of the realtime socket controller: statuses, the injectable seams (socket, timers,
 * network, outbox store) and the backoff rule. Separate from the controller so views can import the
 * types and `CommandError` without the controller.
 */
import type { EventFrameT } from "./protocol";
/** Where the connection stands; drives banners ("offline", "reconnecting…"). */
export type SocketStatus = "idle" | "connecting" | "ready" | "reconnecting" | "offline" | "unauthorized" | "closed";

/** A command as the controller handles it: a `type` and a client-generated idempotency `id`. */
export interface CommandLike {
  readonly type: string;
  readonly id: string;
}

/** The part of the browser WebSocket the controller uses (tests pass a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** Timer functions, injected so tests drive time by hand. */
export interface SocketTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Online/offline signal of the browser (window `online`/`offline` events by default). */
export interface NetworkSignal {
  online(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

/** Persists the outbox (e.g. in localStorage) so queued commands survive a reload. */
export interface OutboxStore<C> {
  load(): C[];
  save(commands: readonly C[]): void;
}

/** Exponential backoff: attempt n waits about `initialMs × factor^n`, capped at `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

/** Defaults tuned for chat: quick first retries, then at most half a minute apart. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** The server refused a command (an `error` frame answered it), or it could not be sent. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
    /** The error frame's `details` (e.g. `field` of a refused visitor start). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

/** The code of a command rejected because the socket is not connected (non-durable commands only). */
export const NOT_CONNECTED = "socket.not_connected";
/** WebSocket close code for "authenticate again" (protocol CLOSE_CODES.unauthorized). */
export const CLOSE_UNAUTHORIZED = 4003;

/**
 * Delay before reconnection attempt `attempt` (0-based), with "equal jitter": half fixed, half random,
 * so a server restart is not met by every client at the same instant, yet no client waits for nothing.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.factor ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The browser's online/offline signal, or null outside a browser. */
export function browserNetwork(): NetworkSignal | null {
  if (typeof window === "undefined" || typeof navigator === "undefined") return null;
  return {
    online: () => navigator.onLine !== false,
    subscribe(listener) {
      const on = () => listener(true);
      const off = () => listener(false);
      window.addEventListener("online", on);
      window.addEventListener("offline", off);
      return () => {
        window.removeEventListener("online", on);
        window.removeEventListener("offline", off);
      };
    },
  };
}

/** What the controller needs to know about a protocol. */
export interface SocketControllerOptions<C extends CommandLike, F extends { type: string }> {
  /** The WebSocket URL, read on every attempt. */
  url(): string;
  /** The first frame of every connection; `lastSeqs` holds the last seq delivered per conversation. */
  hello(lastSeqs: ReadonlyMap<string, number>): C;
  /**
   * True for a snapshot frame (default: `type === "snapshot"`): the first one answers `hello`; later
   * ones (the server attached another conversation) are delivered the same way.
   */
  isHelloAnswer?(frame: F): boolean;
  /** The events carried inside a snapshot; they are deduplicated like live ones. */
  snapshotEvents?(frame: F): readonly EventFrameT[];
  /** A snapshot arrived (before its events are delivered). */
  onSnapshot?(frame: F): void;
  /** A snapshot's events were delivered; live events follow (after the first, queued commands are sent). */
  onReady?(): void;
  /** A conversation event not seen before. */
  onEvent(frame: EventFrameT): void;
  /** Any other server frame (presence, queue…). */
  onFrame?(frame: F): void;
  onStatus?(status: SocketStatus): void;
  /** A durable command was refused; it has left the outbox. */
  onCommandError?(command: C, error: CommandError): void;
  /** The token was refused: authenticate again, then call `connect()`. */
  onUnauthorized?(error: CommandError): void;
  /**
   * `hello` was refused for another reason (e.g. `conversation.not_found`): adjust what `hello`
   * builds (forget the conversation); the controller reconnects after the usual backoff.
   */
  onHelloRefused?(error: CommandError): void;
  /** Commands kept while disconnected and re-sent on reconnect (default: all but hello, typing, read, ping). */
  isDurable?(command: C): boolean;
  createSocket?(url: string): WebSocketLike;
  timers?: SocketTimers;
  random?: () => number;
  network?: NetworkSignal;
  outbox?: OutboxStore<C>;
  backoff?: BackoffPolicy;
  /** Ping every this many ms while ready (0 disables); default 25 s. */
  pingIntervalMs?: number;
  /** Reconnect when a ping is not answered within this many ms; default 10 s. */
  pongTimeoutMs?: number;
  /** Makes ids for pings. */
  newId?(): string;
}
