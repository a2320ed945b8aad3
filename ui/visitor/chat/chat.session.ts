/**
 * The visitor's chat session: one object the panel renders from and calls into. It holds the widget
 * config, the view and what is remembered across pages (session.storage.ts); the live part — the
 * visitor token, the resilient socket and the folding of its frames into the view — is the
 * connection (chat.connection.ts), a chunk loaded when the visitor opens the chat or already has a
 * conversation. Nothing is created on the server until then: idle page views cost no visitor row.
 */
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import type { AckFrameT, VisitorCommand, VisitorServerFrameT } from "../../shared/protocol";
import type { SocketController, SocketStatus } from "../../shared/socket.controller";
import type { VisitorUser } from "../embed-options";
import type { SessionStorage } from "../session/session.storage";
import type { ServerClient } from "../session/server.client";
import type { WidgetEventMap, WidgetEventName } from "../widget.contract";
import type { ChatConnection, SessionLink } from "./chat.connection";
import { countsAsUnread, EMPTY_VIEW, type ChatView } from "./chat.model";
import { endQuestionnaire, screenOf, type Screen } from "./chat.screen";
import { closeOffer, dismissOffer } from "./questionnaire-offers";

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

  /** The department whose offline form the visitor asked for. */
  offlineDepartment: string | undefined;
  /** The department the embed snippet chose (`data-department`): its availability decides what shows first. */
  readonly department: string | undefined;
  #connection: ChatConnection | null = null;
  #activation: Promise<void> | null = null;
  #lastUnread = 0;
  #configAt = 0;
  readonly #listeners = new Set<() => void>();
  readonly #now: () => number;

  readonly #deps: ChatSessionDeps;

  constructor(deps: ChatSessionDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.department = deps.department;
  }

  /** The widget's language (the offline message asks the auto-reply to use it). */
  get language(): string {
    return this.#deps.language();
  }

  /** The screen to show. */
  get screen(): Screen {
    const done = this.#deps.storage.get().questionnaireDone === this.view.conversationId;
    return screenOf({ config: this.config, configFailed: this.configFailed, department: this.department, view: this.view, offlineRequested: this.offlineRequested, offlineSent: this.offlineSent, questionnaireDone: done });
  }

  /** The socket's state; `idle` until the connection is loaded. */
  get status(): SocketStatus {
    return this.#connection?.socket.status ?? "idle";
  }

  /** What the visitor has not seen yet: operator messages, file requests and questionnaires. */
  get unread(): number {
    const seen = this.#deps.storage.get().seenSeq ?? 0;
    return this.view.items.filter((i) => i.seq !== null && i.seq > seen && countsAsUnread(i, this.config)).length;
  }

  /** The visitor token (for file downloads). */
  get visitorToken(): string | undefined {
    return this.#connection?.token ?? this.#deps.storage.get().token;
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

  /** Loads the connection chunk, creates or resumes the visitor session and connects; idempotent (retried after a failed chunk download). */
  activate(): Promise<void> {
    this.#activation ??= import("./chat.connection").then(
      (m) => {
        this.#connection = new m.ChatConnection(this.#link());
        return this.#connection.connect();
      },
      (error: unknown) => {
        this.#activation = null;
        throw error;
      },
    );
    return this.#activation;
  }

  /** Applies a new user (prefill or identity) from `Parley.setUser`: re-bootstraps when already active. */
  async setUser(): Promise<void> {
    if (!this.#activation) return;
    await this.#activation;
    await this.#connection!.setUser();
  }

  /** Sends a command (the conversation chunk's actions), connecting first if needed; refusals also reach the view. */
  send(command: VisitorCommand): Promise<AckFrameT> {
    return this.#connection ? this.#connection.socket.send(command) : this.activate().then(() => this.#connection!.socket.send(command));
  }

  /** Drops an unsent command (a failed message the visitor deleted). */
  discard(commandId: string): void {
    this.#connection?.socket.discard(commandId);
  }

  /** Reconnects now instead of waiting for the next attempt. */
  retryNow(): void {
    this.#connection?.socket.retryNow();
  }

  // ── commands ────────────────────────────────────────────────────────────────────────────────

  /** Starts a conversation. Resolves false when the server refused (offline form shown instead). */
  async start(input: { department?: string; fields: Record<string, string> }): Promise<boolean> {
    await this.activate();
    this.offlineRequested = false;
    const { name, email } = input.fields;
    if (name || email) this.#deps.storage.update({ contact: { ...(name ? { name } : {}), ...(email ? { email } : {}) } });
    const started = await this.#connection!.start(input);
    if (!started) this.offlineDepartment = input.department;
    return started;
  }

  /** Name and e-mail from the visitor's pre-chat form, if they gave them. */
  get contact(): { readonly name?: string; readonly email?: string } {
    return this.#deps.storage.get().contact ?? {};
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
    await this.activate();
    await this.#connection!.end();
  }

  /** Sends questionnaire answers; the questionnaire is done once acknowledged. */
  async answerQuestionnaire(questionnaireId: string, answers: Record<string, string | number | boolean | string[]>): Promise<void> {
    await this.activate();
    await this.#connection!.answerQuestionnaire(questionnaireId, answers);
    this.#closeQuestionnaire(questionnaireId);
  }

  /**
   * The visitor closed the questionnaire without answering. One offered during the chat stays closed,
   * after a reload too (its line keeps the Answer button); the end-of-chat one gives way to the thanks.
   */
  questionnaireDone(questionnaireId: string): void {
    const storage = this.#deps.storage;
    if (this.view.offeredQuestionnaire === questionnaireId) storage.update({ dismissedQuestionnaires: dismissOffer(storage.get().dismissedQuestionnaires, this.view, questionnaireId) });
    this.#closeQuestionnaire(questionnaireId);
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
    this.#connection?.dispose();
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  /** What the connection may read and change here. */
  #link(): SessionLink {
    const session = this;
    return {
      deps: this.#deps,
      get view() {
        return session.view;
      },
      set view(view) {
        session.view = view;
      },
      changed: () => this.#changed(),
      forgetConversation: () => this.#forgetConversation(),
      markSeen: () => this.#markSeen(),
    };
  }

  #closeQuestionnaire(questionnaireId: string): void {
    if (endQuestionnaire(this.config)?.id === questionnaireId || this.view.state === "ended") this.#deps.storage.update({ questionnaireDone: this.view.conversationId ?? undefined });
    this.view = closeOffer(this.view);
    this.#changed();
  }

  #forgetConversation(): void {
    this.#connection?.discardOutbox();
    this.#deps.storage.forgetConversation();
    this.view = EMPTY_VIEW;
    this.#changed();
  }

  #markSeen(): void {
    if (!this.visible || typeof document !== "undefined" && document.visibilityState === "hidden") return;
    const seen = this.#deps.storage.get().seenSeq ?? 0;
    if (this.view.lastSeq > seen) {
      this.#deps.storage.update({ seenSeq: this.view.lastSeq });
      this.#connection?.read(this.view.lastSeq);
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
