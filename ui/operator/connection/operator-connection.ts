/**
 * The console's end of `/ws/operator`: the shared resilient socket (reconnect, resume from the
 * last seq of every conversation, no duplicates, offline outbox) feeding the console store, plus
 * one method per command so components never build frames by hand. Sending a message shows it at
 * once as pending; the server's event (same client id) replaces it, a refusal marks it failed.
 */
import { CommandError, SocketController, type SocketStatus, type WebSocketLike } from "../../shared/socket.controller";
import type { AckFrameT, CommandOf, OperatorCommand, OperatorServerFrameT } from "../../shared/protocol";
import type { ConsoleStore } from "../state/console.store";
import type { ConnectionState } from "../state/console.model";
import { newCommandId } from "./command-ids";

type Without<C, K extends keyof any> = C extends unknown ? Omit<C, K> : never;
/** A command before it gets its id. */
export type CommandInput = Without<OperatorCommand, "id">;

/** Options (tests inject a fake socket). */
export interface OperatorConnectionOptions {
  readonly url?: string;
  readonly createSocket?: (url: string) => WebSocketLike;
  /** The session ended (close 4003 or an auth error on hello): the shell signs out. */
  readonly onUnauthorized?: () => void;
  /** Every (re)connection's snapshot has been applied: time to reconcile with the REST list. */
  readonly onReady?: () => void;
}

const STATUS_MAP: Record<SocketStatus, ConnectionState> = {
  idle: "connecting",
  connecting: "connecting",
  ready: "online",
  reconnecting: "reconnecting",
  offline: "offline",
  unauthorized: "offline",
  closed: "offline",
};

/** The operator socket bound to a store. */
export class OperatorConnection {
  private readonly socket: SocketController<OperatorCommand, OperatorServerFrameT>;

  constructor(
    private readonly store: ConsoleStore,
    options: OperatorConnectionOptions = {},
  ) {
    this.socket = new SocketController<OperatorCommand, OperatorServerFrameT>(null, {
      url: () => options.url ?? defaultUrl(),
      hello: (lastSeqs) => ({ type: "hello", id: newCommandId("h"), lastSeqs: this.resumePoints(lastSeqs) }),
      snapshotEvents: (frame) => (frame.type === "snapshot" ? frame.conversations.flatMap((c) => c.events) : []),
      onSnapshot: (frame) => {
        store.apply(frame.type === "snapshot" ? { ...frame, conversations: frame.conversations.map((c) => ({ ...c, events: [] })) } : frame);
        queueMicrotask(() => options.onReady?.());
      },
      onEvent: (frame) => store.apply(frame),
      onFrame: (frame) => store.apply(frame),
      onStatus: (status) => store.setConnection(STATUS_MAP[status]),
      onUnauthorized: () => options.onUnauthorized?.(),
      createSocket: options.createSocket,
    });
  }

  /** Opens the socket (and keeps it open). */
  start(): void {
    this.socket.connect();
  }

  /** Closes it for good (sign-out). */
  stop(): void {
    this.socket.disconnect();
  }

  /** Reconnects now instead of waiting for the backoff. */
  retryNow(): void {
    this.socket.retryNow();
  }

  /** Sends any command; resolves with its ack, rejects with the server's {@link CommandError}. */
  send(command: CommandInput): Promise<AckFrameT> {
    return this.socket.send({ ...command, id: newCommandId() } as OperatorCommand);
  }

  /** Sends a chat message (or an internal note), shown at once as pending. */
  async post(conversationId: string, kind: "message" | "note", text: string, fileId?: string, knowledgeTitle?: string | null): Promise<void> {
    const id = newCommandId(kind === "note" ? "n" : "m");
    const command =
      kind === "note"
        ? ({ type: "note", id, conversationId, text } as CommandOf<OperatorCommand, "note">)
        : ({ type: "message", id, conversationId, ...(text ? { text } : {}), ...(fileId ? { fileId } : {}), ...(knowledgeTitle ? { knowledge: { title: knowledgeTitle } } : {}) } as CommandOf<OperatorCommand, "message">);
    this.store.addPending(conversationId, { clientId: id, kind, text: text || "📎", at: Date.now(), error: null });
    try {
      const ack = await this.socket.send(command);
      this.store.ackPending(conversationId, id, ack.seq);
    } catch (error) {
      this.store.settlePending(conversationId, id, error instanceof CommandError ? error.message : String(error));
      throw error;
    }
  }

  /** Drops a failed pending message. */
  discard(conversationId: string, clientId: string): void {
    this.socket.discard(clientId);
    this.store.settlePending(conversationId, clientId, null);
  }

  /** "Assign to me". */
  accept(conversationId: string): Promise<AckFrameT> {
    this.store.noteSelfTaken(conversationId);
    return this.send({ type: "accept", conversationId });
  }

  /** Accepts a transfer offered to me. */
  acceptTransfer(transferId: string, conversationId: string): Promise<AckFrameT> {
    this.store.noteSelfTaken(conversationId);
    return this.send({ type: "transfer.accept", transferId }).finally(() => this.store.removeOffer(transferId));
  }

  /** Declines a transfer offered to me. */
  declineTransfer(transferId: string): Promise<AckFrameT> {
    return this.send({ type: "transfer.decline", transferId }).finally(() => this.store.removeOffer(transferId));
  }

  /** Typing indicator (fire and forget: losing one is harmless). */
  typing(conversationId: string, on: boolean): void {
    this.send({ type: "typing", conversationId, on }).catch(() => undefined);
  }

  /** Read receipt up to `seq`, recorded locally at once. */
  read(conversationId: string, seq: number): void {
    this.store.markReadLocally(conversationId, seq);
    this.send({ type: "read", conversationId, seq }).catch(() => undefined);
  }

  /**
   * The `lastSeqs` of hello: the controller's delivered seqs, limited to conversations still open
   * in the console (ended ones need no resume) and capped at the protocol's 500 entries.
   */
  private resumePoints(delivered: ReadonlyMap<string, number>): Record<string, number> {
    const out: Record<string, number> = {};
    let n = 0;
    for (const [id, seq] of delivered) {
      const entry = this.store.entry(id);
      if (!entry || entry.view.state === "ended" || n >= 500) continue;
      out[id] = seq;
      n++;
    }
    return out;
  }
}

/** `ws(s)://<this host>/ws/operator`. */
function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/ws/operator`;
}
