/**
 * A resilient realtime connection for the UIs (widget and console alike), written as a Lit reactive
 * controller but usable without a host. What it guarantees, so views never have to:
 *
 * - **Reconnect** with exponential backoff and jitter, at once when the browser comes back online,
 *   and never while it is offline; a dead socket is found by an application-level ping.
 * - **Resume**: every (re)connection starts with the caller's `hello`, built from the last seq seen
 *   per conversation, so the server replays exactly what was missed.
 * - **No duplicates**: an event whose seq was already delivered is dropped, whichever path it came by.
 * - **Offline queue**: durable commands (messages, start, end…) wait in an outbox with their ids
 *   while disconnected — persisted through {@link OutboxStore}, so even a reload keeps them — and are
 *   re-sent in order on reconnect. Commands in flight when the socket dropped are re-sent too: the
 *   server acknowledges a retried id once and never applies it twice.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { AckFrameT, ErrorFrameT, EventFrameT } from "./protocol";
import {
  backoffDelay, browserNetwork, CLOSE_UNAUTHORIZED, CommandError, DEFAULT_BACKOFF, NOT_CONNECTED,
  type CommandLike, type SocketControllerOptions, type SocketStatus, type SocketTimers, type WebSocketLike,
} from "./socket.model";
import { heartbeat, Outbox, type Heartbeat } from "./socket.support";

export * from "./socket.model";

const EPHEMERAL = new Set(["hello", "typing", "read", "ping"]);
const OPEN = 1;

interface Pending {
  resolve(ack: AckFrameT): void;
  reject(error: CommandError): void;
}

/** A reconnecting, resuming, deduplicating WebSocket with an offline outbox. */
export class SocketController<C extends CommandLike, F extends { type: string }> implements ReactiveController {
  status: SocketStatus = "idle";
  /** Failed attempts since the last successful connection. */
  attempt = 0;
  /** When the next attempt is due (epoch ms from `Date.now()`), while reconnecting. */
  retryAt: number | null = null;

  #ws: WebSocketLike | null = null;
  readonly #seqs = new Map<string, number>();
  readonly #outbox: Outbox<C>;
  readonly #heartbeat: Heartbeat;
  readonly #pending = new Map<string, Pending>();
  readonly #sentOnThisSocket = new Set<string>();
  #retryTimer: unknown = null;
  #unsubscribeNetwork: (() => void) | null = null;
  #wanted = false;
  #helloId: string | null = null;
  readonly #o: SocketControllerOptions<C, F>;
  readonly #timers: SocketTimers;

  readonly #host: ReactiveControllerHost | null;

  constructor(host: ReactiveControllerHost | null, options: SocketControllerOptions<C, F>) {
    this.#host = host;
    this.#o = options;
    this.#timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) };
    this.#outbox = new Outbox(options.outbox);
    this.#heartbeat = heartbeat(
      this.#timers,
      options.pingIntervalMs ?? 25_000,
      options.pongTimeoutMs ?? 10_000,
      (id) => this.status === "ready" && this.#transmit({ type: "ping", id } as unknown as C),
      () => {
        this.#drop(4000, "no pong");
        this.#lost(4000);
      },
      options.newId,
    );
    host?.addController(this);
  }

  hostConnected(): void {
    this.connect();
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  /** Starts (or restarts after `unauthorized`) connecting; no-op while connected. */
  connect(): void {
    this.#wanted = true;
    if (!this.#unsubscribeNetwork) this.#unsubscribeNetwork = (this.#o.network ?? browserNetwork())?.subscribe((online) => this.#onNetwork(online)) ?? null;
    if (this.#ws) return;
    this.#clearRetry();
    if (!this.#isOnline()) return this.#setStatus("offline");
    this.#open();
  }

  /** Closes for good (component removed); queued durable commands stay in the outbox store. */
  disconnect(): void {
    this.#wanted = false;
    this.#unsubscribeNetwork?.();
    this.#unsubscribeNetwork = null;
    this.#clearRetry();
    this.#drop(1000, "client closed");
    this.#setStatus("closed");
  }

  /** Skips the backoff wait (a "retry now" button). */
  retryNow(): void {
    if (!this.#wanted || this.#ws) return;
    this.attempt = 0;
    this.connect();
  }

  /** Last seq delivered for a conversation (0 if none). */
  lastSeq(conversationId: string): number {
    return this.#seqs.get(conversationId) ?? 0;
  }

  /** Commands waiting for an acknowledgement, oldest first. */
  get outbox(): readonly C[] {
    return this.#outbox.items;
  }

  /**
   * Sends a command. Durable ones are queued when disconnected and resolve once acknowledged, even
   * after reconnecting; others reject with {@link NOT_CONNECTED} unless the connection is ready.
   * Rejects with the server's {@link CommandError} when refused.
   */
  send(command: C): Promise<AckFrameT> {
    return new Promise<AckFrameT>((resolve, reject) => {
      if (!this.#durable(command)) {
        if (this.status !== "ready") return reject(new CommandError(NOT_CONNECTED, "not connected"));
        this.#pending.set(command.id, { resolve, reject });
        this.#transmit(command);
        return;
      }
      this.#pending.set(command.id, { resolve, reject });
      this.#outbox.add(command);
      if (this.status === "ready") this.#transmit(command);
    });
  }

  /** Removes a queued durable command that was never acknowledged (e.g. the visitor deletes a failed message). */
  discard(commandId: string): void {
    this.#outbox.remove(commandId);
    this.#pending.get(commandId)?.reject(new CommandError("socket.discarded", "discarded"));
    this.#pending.delete(commandId);
  }

  // ── connection lifecycle ────────────────────────────────────────────────────────────────────

  #open(): void {
    this.#setStatus(this.attempt === 0 ? "connecting" : "reconnecting");
    let ws: WebSocketLike;
    try {
      ws = (this.#o.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike))(this.#o.url());
    } catch {
      return this.#scheduleRetry();
    }
    this.#ws = ws;
    this.#sentOnThisSocket.clear();
    ws.onopen = () => {
      if (this.#ws !== ws) return;
      const hello = this.#o.hello(this.#seqs);
      this.#helloId = hello.id;
      this.#transmit(hello);
    };
    ws.onmessage = (ev) => {
      if (this.#ws === ws && typeof ev.data === "string") this.#receive(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.#ws === ws) this.#lost(ev.code);
    };
    ws.onerror = () => undefined; // always followed by close
  }

  #lost(code: number): void {
    this.#ws = null;
    this.#heartbeat.stop();
    this.#failEphemeral();
    if (!this.#wanted) return;
    if (code === CLOSE_UNAUTHORIZED) return this.#unauthorized(new CommandError("auth.required", "the session is no longer valid"));
    if (!this.#isOnline()) return this.#setStatus("offline");
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#ws = null;
    const delay = backoffDelay(this.attempt, this.#o.backoff ?? DEFAULT_BACKOFF, this.#o.random ?? Math.random);
    this.attempt += 1;
    this.retryAt = Date.now() + delay;
    this.#setStatus("reconnecting");
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = null;
      this.retryAt = null;
      if (this.#wanted && !this.#ws) this.connect();
    }, delay);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.retryAt = null;
  }

  #drop(code: number, reason: string): void {
    const ws = this.#ws;
    this.#ws = null;
    this.#heartbeat.stop();
    this.#failEphemeral();
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      try {
        ws.close(code, reason);
      } catch {
        /* already closed */
      }
    }
  }

  #onNetwork(online: boolean): void {
    if (!this.#wanted || this.status === "unauthorized") return;
    if (!online) {
      this.#drop(1000, "browser offline");
      this.#clearRetry();
      return this.#setStatus("offline");
    }
    this.attempt = 0;
    this.#clearRetry();
    if (!this.#ws) this.#open();
  }

  #unauthorized(error: CommandError): void {
    this.#drop(1000, "unauthorized");
    this.#clearRetry();
    this.#setStatus("unauthorized");
    this.#o.onUnauthorized?.(error);
  }

  // ── frames ──────────────────────────────────────────────────────────────────────────────────

  #receive(data: string): void {
    let frame: F;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== "string") return;
    if ((this.#o.isHelloAnswer ?? ((f: F) => f.type === "snapshot"))(frame)) {
      this.#snapshot(frame);
      if (this.status !== "ready") this.#ready();
      return;
    }
    switch (frame.type) {
      case "ack":
        return this.#settle((frame as unknown as AckFrameT).id, frame as unknown as AckFrameT, null);
      case "error":
        return this.#refused(frame as unknown as ErrorFrameT);
      case "pong":
        return this.#heartbeat.pong();
      case "event":
        return this.#deliver(frame as unknown as EventFrameT);
      default:
        this.#o.onFrame?.(frame);
    }
  }

  /** A snapshot: the hello answer, or a later one (the server attached another conversation). */
  #snapshot(frame: F): void {
    this.#o.onSnapshot?.(frame);
    for (const event of this.#o.snapshotEvents?.(frame) ?? []) this.#deliver(event);
    this.#o.onReady?.();
  }

  /** The hello was answered: queued commands go out, the heartbeat starts. */
  #ready(): void {
    this.attempt = 0;
    this.#setStatus("ready");
    for (const command of this.#outbox.items) this.#transmit(command);
    this.#heartbeat.start();
  }

  #deliver(frame: EventFrameT): void {
    if (frame.seq !== undefined) {
      if (frame.seq <= this.lastSeq(frame.conversationId)) return;
      this.#seqs.set(frame.conversationId, frame.seq);
    }
    this.#o.onEvent(frame);
  }

  #refused(frame: ErrorFrameT): void {
    const error = new CommandError(frame.code, frame.message, frame.retryAfterMs, frame.details);
    if (this.status !== "ready" && frame.code.startsWith("auth.")) return this.#unauthorized(error);
    if (frame.id === undefined) return;
    if (this.status !== "ready" && frame.id === this.#helloId) {
      this.#o.onHelloRefused?.(error);
      this.#drop(1000, "hello refused");
      return this.#scheduleRetry();
    }
    const queued = this.#outbox.find(frame.id);
    if (queued && frame.code === "rate.limited") {
      // Still wanted: send it again once the limit allows.
      this.#timers.setTimeout(() => {
        if (this.status !== "ready" || !this.#outbox.find(queued.id)) return;
        this.#sentOnThisSocket.delete(queued.id);
        this.#transmit(queued);
      }, frame.retryAfterMs ?? 1000);
      return;
    }
    if (queued) this.#o.onCommandError?.(queued, error);
    this.#settle(frame.id, null, error);
  }

  #settle(id: string, ack: AckFrameT | null, error: CommandError | null): void {
    this.#outbox.remove(id);
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (ack) pending?.resolve(ack);
    else if (error) pending?.reject(error);
  }

  #transmit(command: C): void {
    if (!this.#ws || this.#ws.readyState !== OPEN) return;
    if (this.#durable(command) && this.#sentOnThisSocket.has(command.id)) return;
    this.#sentOnThisSocket.add(command.id);
    this.#ws.send(JSON.stringify(command));
  }

  /** Non-durable commands cannot outlive their socket: reject what is still waiting. */
  #failEphemeral(): void {
    for (const [id, pending] of this.#pending) {
      if (this.#outbox.find(id)) continue;
      pending.reject(new CommandError(NOT_CONNECTED, "connection lost"));
      this.#pending.delete(id);
    }
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  #durable(command: C): boolean {
    return this.#o.isDurable ? this.#o.isDurable(command) : !EPHEMERAL.has(command.type);
  }

  #isOnline(): boolean {
    return (this.#o.network ?? browserNetwork())?.online() ?? true;
  }

  #setStatus(status: SocketStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.#o.onStatus?.(status);
    this.#host?.requestUpdate();
  }
}
