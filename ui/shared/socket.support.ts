/**
 * Two parts of the socket controller with a life of their own: the outbox of durable commands
 * (persisted through an {@link OutboxStore} so a reload keeps them) and the application-level
 * heartbeat that finds a dead connection the browser has not noticed.
 */
import type { CommandLike, OutboxStore, SocketTimers } from "./socket.model";

/** Durable commands waiting for their acknowledgement, oldest first. */
export class Outbox<C extends CommandLike> {
  #items: C[];

  constructor(private readonly store?: OutboxStore<C>) {
    this.#items = store?.load() ?? [];
  }

  get items(): readonly C[] {
    return this.#items;
  }

  find(id: string): C | undefined {
    return this.#items.find((c) => c.id === id);
  }

  /** Queues a command (once per id) and saves. */
  add(command: C): void {
    if (this.find(command.id)) return;
    this.#items = [...this.#items, command];
    this.store?.save(this.#items);
  }

  /** Removes a command (acknowledged, refused or discarded) and saves. */
  remove(id: string): void {
    if (!this.find(id)) return;
    this.#items = this.#items.filter((c) => c.id !== id);
    this.store?.save(this.#items);
  }
}

/** A running heartbeat: `pong()` when the answer arrives, `stop()` when the socket goes. */
export interface Heartbeat {
  start(): void;
  pong(): void;
  stop(): void;
}

/** Pings every `everyMs` once started (0 disables); calls `onDead` when a ping goes unanswered for `timeoutMs`. */
export function heartbeat(timers: SocketTimers, everyMs: number, timeoutMs: number, sendPing: (id: string) => void, onDead: () => void, newId?: () => string): Heartbeat {
  let ping: unknown = null;
  let pong: unknown = null;
  let count = 0;
  const stop = () => {
    for (const timer of [ping, pong]) if (timer !== null) timers.clearTimeout(timer);
    ping = pong = null;
  };
  const start = () => {
    if (everyMs <= 0) return;
    ping = timers.setTimeout(() => {
      sendPing(newId?.() ?? `ping-${++count}`);
      pong = timers.setTimeout(() => {
        stop();
        onDead();
      }, timeoutMs);
      start();
    }, everyMs);
  };
  return {
    start,
    stop,
    pong() {
      if (pong !== null) timers.clearTimeout(pong);
      pong = null;
    },
  };
}
