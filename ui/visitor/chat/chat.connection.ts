/**
 * The live half of the visitor's session, in a chunk of its own: the visitor token (bootstrap), the
 * resilient socket (ui/shared/socket.controller.ts) and the folding of its frames into the view
 * (chat.store.ts). {@link ChatSession} loads it when the visitor opens the chat or already has a
 * conversation going on, so the first load (the welcome screen) does not carry it.
 */
import type { CommandOf, EventFrameT, VisitorCommand, VisitorServerFrameT } from "../../shared/protocol";
import { CommandError, SocketController } from "../../shared/socket.controller";
import { bootstrapVisitor } from "../session/visitor-bootstrap";
import type { ChatView } from "./chat.model";
import type { ChatSessionDeps } from "./chat.session";
import { chatStore } from "./chat.store";
import { newCommandId } from "./command-id";
import { isDismissed } from "./questionnaire-offers";

/** Start refusals that turn the visitor to the offline form, by error code. */
const REFUSALS: Readonly<Record<string, string>> = { "hours.closed": "after_hours", "queue.full": "queue_full", "queue.closed": "queue_closed", "operator.unavailable": "no_operator" };

/** What the connection reads and changes of its session. */
export interface SessionLink {
  readonly deps: ChatSessionDeps;
  /** The session's view: read, and replaced as frames arrive. */
  view: ChatView;
  /** Something changed: re-render, recount unread. */
  changed(): void;
  /** The visitor's conversation is gone (unknown to the server, or another visitor signed in). */
  forgetConversation(): void;
  /** Frames arrived: mark them seen if the visitor is looking. */
  markSeen(): void;
}

/** The visitor's socket and token, feeding the session's view. */
export class ChatConnection {
  readonly socket: SocketController<VisitorCommand, VisitorServerFrameT>;
  #token: string | undefined;
  #ignored: string | null = null;
  #typingExpiry: ReturnType<typeof setTimeout> | undefined;
  readonly #link: SessionLink;
  readonly #deps: ChatSessionDeps;

  constructor(link: SessionLink) {
    this.#link = link;
    const deps = (this.#deps = link.deps);
    this.#token = deps.storage.get().token;
    this.socket = new SocketController<VisitorCommand, VisitorServerFrameT>(null, {
      url: () => deps.server.socketUrl,
      hello: (seqs) => this.#hello(seqs),
      snapshotEvents: (f) => (f.type === "snapshot" ? f.events : []),
      onSnapshot: (f) => this.#onSnapshot(f),
      onEvent: (f) => this.#onEvent(f),
      onStatus: () => link.changed(),
      onCommandError: (cmd, error) => this.#onCommandError(cmd, error),
      onHelloRefused: () => link.forgetConversation(),
      onUnauthorized: () => void this.#reauthenticate(),
      outbox: { load: () => [...(deps.storage.get().outbox ?? [])], save: (commands) => deps.storage.update({ outbox: commands.length ? commands : undefined }) },
      newId: newCommandId,
      ...deps.socket,
    });
    // Messages typed before a reload, still waiting in the outbox, show at once as "Sending…".
    const at = (deps.now ?? Date.now)();
    for (const command of this.socket.outbox) {
      if (command.type === "message") link.view = chatStore.pending(link.view, command, at);
    }
    if (this.socket.outbox.length) link.changed();
  }

  /** The visitor token (file transfers). */
  get token(): string | undefined {
    return this.#token;
  }

  /** Creates or resumes the visitor session on the server, then connects. */
  async connect(): Promise<void> {
    await this.#authenticate();
    this.socket.connect();
  }

  /** Bootstraps again with the user `Parley.setUser` gave; reconnects when that made another visitor. */
  async setUser(): Promise<void> {
    const before = this.#deps.storage.get().visitorId;
    await this.#authenticate();
    if (this.#deps.storage.get().visitorId !== before) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  /** Starts a conversation; false when the server refused it (the offline form follows). */
  async start(input: { department?: string; fields: Record<string, string> }): Promise<boolean> {
    const command: CommandOf<VisitorCommand, "start"> = {
      type: "start",
      id: newCommandId(),
      fields: input.fields,
      pageUrl: location.href.slice(0, 2048),
      ...(document.referrer ? { referrer: document.referrer.slice(0, 2048) } : {}),
      language: this.#deps.language(),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(input.department ? { department: input.department } : {}),
    };
    try {
      const ack = await this.socket.send(command);
      const id = (ack.result as { conversationId?: string } | undefined)?.conversationId;
      if (id) this.#adopt(id);
      return true;
    } catch (error) {
      if (error instanceof CommandError && REFUSALS[error.code]) return false;
      throw error;
    }
  }

  /** The visitor ends the chat. */
  async end(): Promise<void> {
    await this.socket.send({ type: "end", id: newCommandId() });
  }

  /** Sends questionnaire answers; resolves once acknowledged. */
  async answerQuestionnaire(questionnaireId: string, answers: Record<string, string | number | boolean | string[]>): Promise<void> {
    await this.socket.send({ type: "questionnaire.answer", id: newCommandId(), questionnaireId, answers });
  }

  /** A read receipt up to `seq`, when connected to a conversation. */
  read(seq: number): void {
    if (this.socket.status === "ready" && this.#link.view.conversationId) this.socket.send({ type: "read", id: newCommandId(), seq }).catch(() => {});
  }

  /** Drops every command still waiting to be sent (the conversation is forgotten). */
  discardOutbox(): void {
    for (const command of [...this.socket.outbox]) this.socket.discard(command.id);
  }

  dispose(): void {
    this.socket.disconnect();
    clearTimeout(this.#typingExpiry);
  }

  #hello(seqs: ReadonlyMap<string, number>): VisitorCommand {
    const conversationId = this.#deps.storage.get().conversationId;
    return { type: "hello", id: newCommandId(), token: this.#token ?? "", ...(conversationId ? { conversationId, lastSeq: seqs.get(conversationId) ?? 0 } : {}) };
  }

  #onSnapshot(frame: VisitorServerFrameT): void {
    if (frame.type !== "snapshot") return;
    const conversation = frame.conversation;
    const remembered = this.#deps.storage.get().conversationId;
    // The server attaches the visitor's latest conversation; an ended one the visitor already left stays closed.
    if (conversation && conversation.state === "ended" && conversation.id !== remembered) {
      this.#ignored = conversation.id;
      return;
    }
    this.#ignored = null;
    if (conversation) this.#adopt(conversation.id);
    this.#link.view = chatStore.snapshot(this.#link.view, conversation);
    this.#link.changed();
  }

  #onEvent(frame: EventFrameT): void {
    if (frame.conversationId === this.#ignored) return;
    const before = this.#link.view;
    const { happened, ...folded } = chatStore.event(before, frame);
    let view = folded.view;
    const e = frame.event;
    // A questionnaire the visitor closed without answering is replayed after a reload: it stays closed.
    if (e.type === "questionnaire.offered" && isDismissed(this.#deps.storage.get().dismissedQuestionnaires, frame.conversationId, e.questionnaireId, frame.seq ?? null)) {
      view = { ...view, offeredQuestionnaire: before.offeredQuestionnaire };
    }
    this.#link.view = view;
    this.#adopt(frame.conversationId);
    if (e.type === "typing") this.#expireTyping();
    // Tell the site only about what it has not heard of yet, whether it arrives live or replayed after a reconnect (not on a reload).
    const notified = this.#deps.storage.get().notifiedSeq ?? 0;
    if (frame.seq === undefined || frame.seq > notified) {
      if (frame.seq !== undefined) this.#deps.storage.update({ notifiedSeq: frame.seq });
      if (happened.message) this.#deps.emit("message", { from: happened.message.from, text: happened.message.text, at: happened.message.at, ...(happened.message.name ? { name: happened.message.name } : {}) });
      if (happened.started) this.#deps.emit("conversation.started", { conversationId: happened.started });
      if (happened.ended) this.#deps.emit("conversation.ended", happened.ended);
    }
    this.#link.markSeen();
    this.#link.changed();
  }

  #onCommandError(command: VisitorCommand, error: CommandError): void {
    const link = this.#link;
    if (command.type === "message") link.view = chatStore.failed(link.view, command.id, error.code);
    if (command.type === "start" && REFUSALS[error.code]) link.view = chatStore.refused(link.view, REFUSALS[error.code]!, error.message);
    link.changed();
  }

  async #authenticate(): Promise<void> {
    const info = await bootstrapVisitor(this.#deps.server, this.#token, this.#deps.user());
    this.#token = info.token;
    const previous = this.#deps.storage.get().visitorId;
    this.#deps.storage.update({ token: info.token, visitorId: info.visitor.id });
    if (previous && previous !== info.visitor.id) this.#link.forgetConversation();
  }

  async #reauthenticate(): Promise<void> {
    this.#token = undefined;
    this.#link.forgetConversation();
    await this.#authenticate();
    this.socket.connect();
  }

  #adopt(conversationId: string): void {
    if (this.#deps.storage.get().conversationId !== conversationId) this.#deps.storage.update({ conversationId, seenSeq: 0, notifiedSeq: 0, questionnaireDone: undefined, dismissedQuestionnaires: undefined });
  }

  #expireTyping(): void {
    clearTimeout(this.#typingExpiry);
    if (this.#link.view.operatorTyping !== null) {
      this.#typingExpiry = setTimeout(() => {
        this.#link.view = chatStore.typingExpired(this.#link.view);
        this.#link.changed();
      }, 8000);
    }
  }
}
