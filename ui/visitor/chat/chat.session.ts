/**
 * The visitor's chat session: one object the panel renders from and calls into. It owns the visitor
 * token (bootstrap), the resilient socket (ui/shared/socket.controller.ts), the view (chat.store.ts)
 * and what is remembered across pages (session.storage.ts). Nothing is created on the server until
 * the visitor opens the chat or already has a conversation: idle page views cost no visitor row.
 */
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import type { CommandOf, EventFrameT, VisitorCommand, VisitorServerFrameT } from "../../shared/protocol";
import { CommandError, SocketController, type SocketStatus } from "../../shared/socket.controller";
import type { VisitorUser } from "../embed-options";
import type { SessionStorage } from "../session/session.storage";
import type { ServerClient } from "../session/server.client";
import { bootstrapVisitor } from "../session/visitor-bootstrap";
import type { WidgetEventMap, WidgetEventName } from "../widget.contract";
import { EMPTY_VIEW, type ChatView } from "./chat.model";
import { endQuestionnaire, screenOf, type Screen } from "./chat.screen";
import { newCommandId } from "./command-id";
import { chatStore } from "./chat.store";

export { newCommandId };

/** Start refusals that turn the visitor to the offline form, by error code. */
const REFUSALS: Readonly<Record<string, string>> = { "hours.closed": "after_hours", "queue.full": "queue_full", "queue.closed": "queue_closed", "operator.unavailable": "no_operator" };

/** What the session is built from. */
export interface ChatSessionDeps {
  readonly server: ServerClient;
  readonly storage: SessionStorage;
  readonly user: () => VisitorUser;
  readonly emit: <K extends WidgetEventName>(event: K, detail: WidgetEventMap[K]) => void;
  readonly language: () => string;
  /** The department the embed snippet chose (`data-department`). */
  readonly department?: string;
  readonly now?: () => number;
  /** Socket seams for tests. */
  readonly socket?: Partial<ConstructorParameters<typeof SocketController<VisitorCommand, VisitorServerFrameT>>[1]>;
}

/** The widget's session with its server. */
export class ChatSession {
  config: WidgetConfig | null = null;
  configFailed = false;
  view: ChatView = EMPTY_VIEW;
  offlineRequested = false;
  offlineSent = false;
  visible = false;
  readonly socket: SocketController<VisitorCommand, VisitorServerFrameT>;

  #token: string | undefined;
  /** The department whose offline form the visitor asked for. */
  offlineDepartment: string | undefined;
  /** The department the embed snippet chose (`data-department`): its availability decides what shows first. */
  readonly department: string | undefined;
  #activation: Promise<void> | null = null;
  #ignored: string | null = null;
  #typingExpiry: ReturnType<typeof setTimeout> | undefined;
  #lastUnread = 0;
  #configAt = 0;
  readonly #listeners = new Set<() => void>();
  readonly #now: () => number;

  readonly #deps: ChatSessionDeps;

  constructor(deps: ChatSessionDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.department = deps.department;
    const stored = deps.storage.get();
    this.#token = stored.token;
    this.socket = new SocketController<VisitorCommand, VisitorServerFrameT>(null, {
      url: () => deps.server.socketUrl,
      hello: (seqs) => this.#hello(seqs),
      snapshotEvents: (f) => (f.type === "snapshot" ? f.events : []),
      onSnapshot: (f) => this.#onSnapshot(f),
      onEvent: (f) => this.#onEvent(f),
      onStatus: () => this.#changed(),
      onCommandError: (cmd, error) => this.#onCommandError(cmd, error),
      onHelloRefused: () => this.#forgetConversation(),
      onUnauthorized: () => void this.#reauthenticate(),
      outbox: { load: () => [...(deps.storage.get().outbox ?? [])], save: (commands) => deps.storage.update({ outbox: commands.length ? commands : undefined }) },
      newId: newCommandId,
      ...deps.socket,
    });
    for (const command of this.socket.outbox) {
      if (command.type === "message") this.view = chatStore.pending(this.view, command, this.#now());
    }
  }

  /** The screen to show. */
  get screen(): Screen {
    const done = this.#deps.storage.get().questionnaireDone === this.view.conversationId;
    return screenOf({ config: this.config, configFailed: this.configFailed, department: this.department, view: this.view, offlineRequested: this.offlineRequested, offlineSent: this.offlineSent, questionnaireDone: done });
  }

  get status(): SocketStatus {
    return this.socket.status;
  }

  /** Operator messages not yet seen by the visitor. */
  get unread(): number {
    const seen = this.#deps.storage.get().seenSeq ?? 0;
    return this.view.items.filter((i) => i.kind === "message" && i.from !== "visitor" && i.seq !== null && i.seq > seen).length;
  }

  /** The visitor token (for file downloads). */
  get visitorToken(): string | undefined {
    return this.#token;
  }

  /** The server client (for the chunks: files, offline messages). */
  get server(): ServerClient {
    return this.#deps.server;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Loads the widget configuration with the availability for this page (retried by the caller on failure). */
  async loadConfig(): Promise<WidgetConfig | null> {
    try {
      this.config = await this.#deps.server.config(globalThis.location?.href.slice(0, 2048));
      this.#configAt = this.#now();
      this.configFailed = false;
      this.#deps.storage.update({ color: this.config.primaryColor });
    } catch {
      this.configFailed = true;
    }
    this.#changed();
    return this.config;
  }

  /** Reloads the configuration when it failed or is over 20 s old: availability changes as operators come and go. */
  refreshConfig(): void {
    if (this.configFailed || this.#now() - this.#configAt > 20_000) void this.loadConfig();
  }

  /** Creates or resumes the visitor session and connects; idempotent. */
  activate(): Promise<void> {
    this.#activation ??= this.#authenticate().then(() => this.socket.connect());
    return this.#activation;
  }

  /** Applies a new user (prefill or identity) from `Parley.setUser`: re-bootstraps when already active. */
  async setUser(): Promise<void> {
    if (!this.#activation) return;
    await this.#activation;
    const before = this.#deps.storage.get().visitorId;
    await this.#authenticate();
    if (this.#deps.storage.get().visitorId !== before) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  // ── commands ────────────────────────────────────────────────────────────────────────────────

  /** Starts a conversation. Resolves false when the server refused (offline form shown instead). */
  async start(input: { department?: string; fields: Record<string, string> }): Promise<boolean> {
    await this.activate();
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
    this.offlineRequested = false;
    try {
      const ack = await this.socket.send(command);
      const id = (ack.result as { conversationId?: string } | undefined)?.conversationId;
      if (id) this.#adopt(id);
      return true;
    } catch (error) {
      if (error instanceof CommandError && REFUSALS[error.code]) {
        this.offlineDepartment = input.department;
        return false;
      }
      throw error;
    }
  }

  /** Replaces the view (actions of the conversation chunk) and re-renders. */
  setView(view: ChatView): void {
    this.view = view;
    this.#changed();
  }

  /** True while the conversation can receive messages. */
  get conversationOpen(): boolean {
    return this.view.state === "pending" || this.view.state === "waiting" || this.view.state === "active";
  }

  /** The visitor ends the chat. */
  async end(): Promise<void> {
    await this.socket.send({ type: "end", id: newCommandId() });
  }

  /** Sends questionnaire answers; the questionnaire is done once acknowledged. */
  async answerQuestionnaire(questionnaireId: string, answers: Record<string, string | number | boolean | string[]>): Promise<void> {
    await this.socket.send({ type: "questionnaire.answer", id: newCommandId(), questionnaireId, answers });
    this.questionnaireDone(questionnaireId);
  }

  /** The visitor closed the questionnaire without answering. */
  questionnaireDone(questionnaireId: string): void {
    if (endQuestionnaire(this.config)?.id === questionnaireId || this.view.state === "ended") this.#deps.storage.update({ questionnaireDone: this.view.conversationId ?? undefined });
    this.view = chatStore.questionnaireDone(this.view);
    this.#changed();
  }

  /** Shows (or leaves) the offline form: a closed department, or the visitor prefers to leave a message. */
  requestOffline(requested = true, department?: string): void {
    this.offlineRequested = requested;
    this.offlineDepartment = requested ? department : undefined;
    this.#changed();
  }

  /** The offline message was stored: the confirmation screen follows. */
  offlineMessageSent(): void {
    this.offlineSent = true;
    this.#changed();
  }

  /** Back to the welcome screen after an ended chat. */
  newChat(): void {
    this.#forgetConversation();
    this.offlineSent = false;
    this.offlineRequested = false;
    this.#changed();
  }

  /** The panel is (not) on screen: read receipts and the unread count follow. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.#markSeen();
    this.#changed();
  }

  dispose(): void {
    this.socket.disconnect();
    clearTimeout(this.#typingExpiry);
  }

  // ── socket callbacks ────────────────────────────────────────────────────────────────────────

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
    this.view = chatStore.snapshot(this.view, conversation);
    this.#changed();
  }

  #onEvent(frame: EventFrameT): void {
    if (frame.conversationId === this.#ignored) return;
    const { view, happened } = chatStore.event(this.view, frame);
    this.view = view;
    this.#adopt(frame.conversationId);
    if (frame.event.type === "typing") this.#expireTyping();
    // Tell the site only about what it has not heard of yet, whether it arrives live or replayed after a reconnect (not on a reload).
    const notified = this.#deps.storage.get().notifiedSeq ?? 0;
    if (frame.seq === undefined || frame.seq > notified) {
      if (frame.seq !== undefined) this.#deps.storage.update({ notifiedSeq: frame.seq });
      if (happened.message) this.#deps.emit("message", { from: happened.message.from, text: happened.message.text, at: happened.message.at, ...(happened.message.name ? { name: happened.message.name } : {}) });
      if (happened.started) this.#deps.emit("conversation.started", { conversationId: happened.started });
      if (happened.ended) this.#deps.emit("conversation.ended", happened.ended);
    }
    this.#markSeen();
    this.#changed();
  }

  #onCommandError(command: VisitorCommand, error: CommandError): void {
    if (command.type === "message") this.view = chatStore.failed(this.view, command.id, error.code);
    if (command.type === "start" && REFUSALS[error.code]) this.view = chatStore.refused(this.view, REFUSALS[error.code]!, error.message);
    this.#changed();
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  async #authenticate(): Promise<void> {
    const info = await bootstrapVisitor(this.#deps.server, this.#token, this.#deps.user());
    this.#token = info.token;
    const previous = this.#deps.storage.get().visitorId;
    this.#deps.storage.update({ token: info.token, visitorId: info.visitor.id });
    if (previous && previous !== info.visitor.id) this.#forgetConversation();
  }

  async #reauthenticate(): Promise<void> {
    this.#token = undefined;
    this.#forgetConversation();
    await this.#authenticate();
    this.socket.connect();
  }

  #adopt(conversationId: string): void {
    if (this.#deps.storage.get().conversationId !== conversationId) this.#deps.storage.update({ conversationId, seenSeq: 0, notifiedSeq: 0, questionnaireDone: undefined });
  }

  #forgetConversation(): void {
    for (const command of [...this.socket.outbox]) this.socket.discard(command.id);
    this.#deps.storage.forgetConversation();
    this.view = EMPTY_VIEW;
    this.#changed();
  }

  #markSeen(): void {
    if (!this.visible || typeof document !== "undefined" && document.visibilityState === "hidden") return;
    const seen = this.#deps.storage.get().seenSeq ?? 0;
    if (this.view.lastSeq > seen) {
      this.#deps.storage.update({ seenSeq: this.view.lastSeq });
      if (this.status === "ready" && this.view.conversationId) this.socket.send({ type: "read", id: newCommandId(), seq: this.view.lastSeq }).catch(() => {});
    }
  }

  #expireTyping(): void {
    clearTimeout(this.#typingExpiry);
    if (this.view.operatorTyping !== null) {
      this.#typingExpiry = setTimeout(() => {
        this.view = chatStore.typingExpired(this.view);
        this.#changed();
      }, 8000);
    }
  }

  #changed(): void {
    const unread = this.unread;
    if (unread !== this.#lastUnread) {
      this.#lastUnread = unread;
      this.#deps.emit("unread", { count: unread });
    }
    for (const listener of this.#listeners) listener();
  }
}
