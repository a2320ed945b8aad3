/**
 * `<parley-console>`: the console's root. Restores the session (or shows the sign-in), loads the
 * console configuration, opens the operator socket, provides the services to every panel
 * (@lit/context), turns store alerts into flash + beep + notification, and routes keyboard
 * shortcuts. Layout: header; conversation list | chat | side panel — three conversations side by
 * side in the list fit a 1366×768 laptop screen.
 */
import { LitElement, css, html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { provide } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { Attention } from "../alerts/attention";
import { ApiClient, ApiError } from "../api/api.client";
import { ConsoleApi, type SessionInfo } from "../api/console.api";
import { Drafts } from "../composer/drafts";
import { OfflineCounter } from "../offline/offline-count";
import { OfflineMessagesApi } from "../offline/offline-messages.api";
import { OperatorConnection } from "../connection/operator-connection";
import { request, servicesContext, RequestListener, StoreController, type ConsoleServices } from "../state/console.context";
import { ConsoleStore, type ConsoleAlert } from "../state/console.store";
import { visitorLabel } from "../state/conversation.derive";
import { controls, themeTokens } from "../theme/theme.styles";
import { loadTheme, nextTheme, saveTheme, type ThemeChoice } from "../theme/theme.preference";
import { ConsoleKeyboard } from "./console-keyboard";
import "../session/login-form.element";
import "./console-header.element";
import "./toast-stack.element";
import "./shortcuts-help.element";
import "../conversations/conversation-list.element";
import "../chat/chat-view.element";
import "../side/side-panel.element";
import "../team/operator-chat.element";
import "../transfer/transfer-offers.element";
import "../team/assistance-requests.element";
import "../offline/offline-messages.element";
import { localStorageOrNull } from "../../shared/browser-storage";

/** A visitor writing several lines in a row beeps once, not per line. */
const MESSAGE_BEEP_GAP_MS = 4_000;

/** The console application. */
@localized()
@customElement("parley-console")
export class ConsoleAppElement extends LitElement {
  static override styles = [
    themeTokens,
    controls,
    css`
      :host { display: block; height: 100vh; background: var(--p-bg); color: var(--p-fg); }
      .workspace { display: flex; flex-direction: column; height: 100vh; }
      .columns { flex: 1; display: grid; grid-template-columns: minmax(15rem, 19rem) minmax(0, 1fr) minmax(16rem, 21rem); min-height: 0; }
      .columns.no-side { grid-template-columns: minmax(15rem, 19rem) minmax(0, 1fr); }
      parley-conversation-list { border-inline-end: 1px solid var(--p-border); min-height: 0; }
      parley-side-panel { border-inline-start: 1px solid var(--p-border); min-height: 0; }
      parley-chat-view { min-height: 0; }
      .loading { display: grid; place-items: center; height: 100vh; }
      @media (max-width: 1100px) {
        .columns { grid-template-columns: minmax(13rem, 16rem) minmax(0, 1fr); }
        parley-side-panel { display: none; }
        .columns.side-open parley-side-panel { display: block; position: fixed; inset-block: 3rem 0; inset-inline-end: 0; width: min(22rem, 90vw); background: var(--p-bg); box-shadow: var(--p-shadow); z-index: 5; }
      }
      @media print {
        :host { height: auto; }
        .workspace { display: block; height: auto; }
        parley-console-header, parley-conversation-list, parley-side-panel, parley-operator-chat, parley-offline-messages, parley-transfer-offers, parley-assistance-requests, parley-toast-stack { display: none !important; }
        .columns { display: block; }
      }
    `,
  ];

  @provide({ context: servicesContext }) @state() accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor phase: "loading" | "signed-out" | "ready" = "loading";
  @state() private accessor notice = "";
  @state() private accessor theme: ThemeChoice = loadTheme();
  @state() private accessor sideOpen = false;
  @state() private accessor chatOpen = false;
  @state() private accessor offlineOpen = false;
  @state() private accessor helpOpen = false;

  private readonly http = new ApiClient();
  private readonly api = new ConsoleApi(this.http);
  private readonly attention = new Attention();
  private readonly bus = new EventTarget();
  private readonly store = new StoreController(this, () => this.services?.store);
  private stopAlerts: (() => void) | null = null;
  private offlineCounter: OfflineCounter | null = null;
  private readonly lastMessageBeep = new Map<string, number>();

  constructor() {
    super();
    new ConsoleKeyboard(this, () => this.services, () => (this.helpOpen = !this.helpOpen));
    new RequestListener(this, () => this.bus, (req) => {
      if (req.kind === "transfer" || req.kind === "canned-search") this.sideOpen = this.sideOpen || req.kind === "canned-search";
    });
    this.http.onUnauthorized(() => this.signedOut(msg("Your session has ended. Please sign in again.", { id: "app.sessionEnded" })));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("theme", this.theme);
    void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.teardown();
  }

  override updated(): void {
    this.setAttribute("theme", this.theme);
  }

  private async restore(): Promise<void> {
    try {
      await this.start(await this.api.me());
    } catch (error) {
      this.phase = "signed-out";
      if (!(error instanceof ApiError) || error.status !== 401) this.notice = error instanceof Error ? error.message : String(error);
    }
  }

  private async start(session: SessionInfo): Promise<void> {
    this.teardown();
    const config = await this.api.config();
    const store = new ConsoleStore();
    const connection = new OperatorConnection(store, {
      onUnauthorized: () => this.signedOut(msg("Your session has ended. Please sign in again.", { id: "app.sessionEnded" })),
      onReady: () => {
        void this.reconcile();
        void this.offlineCounter?.refresh();
      },
    });
    this.offlineCounter = new OfflineCounter(new OfflineMessagesApi(this.http), store);
    const drafts = new Drafts(localStorageOrNull(), session.operator.id);
    drafts.prune();
    this.services = { api: this.api, store, connection, config, session: session.operator, drafts, attention: this.attention, bus: this.bus };
    this.stopAlerts = store.onAlert((alert) => this.onAlert(alert));
    connection.start();
    this.offlineCounter.start();
    this.phase = "ready";
    this.notice = "";
    void this.openFromHash();
  }

  /** `/console#conversation=<id>` (the dashboard's "Open" links) opens and follows that conversation. */
  private async openFromHash(): Promise<void> {
    const services = this.services;
    const id = /^#conversation=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1];
    if (!services || !id) return;
    history.replaceState(null, "", location.pathname + location.search);
    try {
      services.store.addFetched(await services.api.conversation(id));
      services.store.select(id);
      await services.connection.send({ type: "watch", conversationId: id });
    } catch (error) {
      request(services, { kind: "toast", text: (error as Error).message, tone: "error" });
    }
  }

  /**
   * After sign-in and every reconnection: the open conversations I may see (the socket only pushes
   * changes, and its snapshot lists only mine), so waiting ones show and stale ones go.
   */
  private async reconcile(): Promise<void> {
    const services = this.services;
    if (!services) return;
    try {
      const page = await services.api.conversations({ status: "pending,waiting,active", limit: 100 });
      services.store.reconcile(page.items, page.nextCursor === null);
    } catch {
      /* the queue count in the header still shows them; the list fills as they change */
    }
  }

  private onAlert(alert: ConsoleAlert): void {
    const services = this.services;
    if (!services) return;
    const open = (id: string) => () => services.store.select(id);
    if (alert.kind === "conversation") {
      const entry = services.store.entry(alert.conversationId);
      const who = entry ? visitorLabel(entry) : "";
      const title =
        alert.reason === "new" ? msg("New conversation", { id: "alert.new" }) : alert.reason === "transferred" ? msg("Conversation transferred to you", { id: "alert.transferred" }) : msg("Conversation assigned to you", { id: "alert.assigned" });
      services.attention.notify({ title, body: who, tag: `conversation-${alert.conversationId}`, sound: true, onClick: open(alert.conversationId) });
    } else if (alert.kind === "transfer") {
      services.attention.notify({ title: msg(str`${alert.fromName} offers you a conversation`, { id: "alert.offer" }), body: msg("Type /a to accept it.", { id: "alert.offerHint" }), tag: `transfer-${alert.transferId}`, sound: true });
    } else if (alert.kind === "message") {
      this.onVisitorMessage(services, alert);
    } else if (alert.kind === "offline") {
      void this.offlineCounter?.refresh();
      const department = alert.department ? (services.config.departments.find((d) => d.id === alert.department)?.name ?? alert.department) : "";
      services.attention.notify({ title: msg("New offline message", { id: "alert.offline" }), body: department, tag: `offline-${alert.id}`, sound: false, onClick: () => (this.offlineOpen = true) });
    } else if (alert.kind === "assistance") {
      const entry = services.store.entry(alert.conversationId);
      services.attention.notify({ title: msg(str`${alert.fromName} asks for your help`, { id: "alert.assistance" }), body: [entry ? visitorLabel(entry) : "", alert.message ?? ""].filter(Boolean).join(" — "), tag: `assist-${alert.conversationId}`, sound: true });
    } else {
      services.attention.notify({ title: msg(str`Message from ${alert.fromName}`, { id: "alert.chat" }), body: alert.text.slice(0, 140), tag: `chat-${alert.fromId}`, sound: false, onClick: () => (this.chatOpen = true) });
    }
  }

  /**
   * A visitor wrote in one of my conversations: nothing while I am reading it; otherwise a beep
   * (once per burst) and the list's unread mark, plus a notification and the blinking title when
   * the console is out of sight.
   */
  private onVisitorMessage(services: ConsoleServices, alert: Extract<ConsoleAlert, { kind: "message" }>): void {
    const outOfSight = services.attention.outOfSight;
    if (alert.open && !outOfSight) return;
    const now = Date.now();
    const quiet = now - (this.lastMessageBeep.get(alert.conversationId) ?? 0) < MESSAGE_BEEP_GAP_MS;
    this.lastMessageBeep.set(alert.conversationId, now);
    const entry = services.store.entry(alert.conversationId);
    const who = entry ? visitorLabel(entry) : "";
    services.attention.notify({
      title: msg(str`New message from ${who}`, { id: "alert.message" }),
      body: alert.text.slice(0, 140),
      tag: `message-${alert.conversationId}`,
      sound: !quiet,
      notification: outOfSight,
      onClick: () => services.store.select(alert.conversationId),
    });
  }

  private signedOut(notice: string): void {
    if (this.phase === "signed-out") return;
    this.teardown();
    this.notice = notice;
    this.phase = "signed-out";
  }

  private teardown(): void {
    this.stopAlerts?.();
    this.stopAlerts = null;
    this.offlineCounter?.stop();
    this.offlineCounter = null;
    this.offlineOpen = false;
    this.services?.connection.stop();
    this.services = undefined;
  }

  private async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } finally {
      this.signedOut("");
    }
  }

  override render() {
    if (this.phase === "loading") return html`<div class="loading muted" role="status">${msg("Loading…", { id: "app.loading" })}</div>`;
    if (this.phase === "signed-out" || !this.services) {
      return html`<parley-login-form .api=${this.api} .notice=${this.notice} @signed-in=${(e: CustomEvent<SessionInfo>) => this.start(e.detail)}></parley-login-form>`;
    }
    const state = this.store.state;
    const selected = state?.selectedId ?? null;
    return html`<div class="workspace" @click=${() => this.attention.askPermissionOnce()}>
      <parley-console-header
        .theme=${this.theme}
        .chatOpen=${this.chatOpen}
        .offlineOpen=${this.offlineOpen}
        @toggle-offline=${() => ((this.offlineOpen = !this.offlineOpen), (this.chatOpen = false))}
        @toggle-theme=${this.toggleTheme}
        @toggle-side=${() => (this.sideOpen = !this.sideOpen)}
        @toggle-chat=${() => ((this.chatOpen = !this.chatOpen), (this.offlineOpen = false))}
        @show-help=${() => (this.helpOpen = true)}
        @sign-out=${this.signOut}
      ></parley-console-header>
      <parley-transfer-offers></parley-transfer-offers>
      <parley-assistance-requests></parley-assistance-requests>
      <div class="columns ${this.sideOpen ? "side-open" : ""}">
        <parley-conversation-list></parley-conversation-list>
        <parley-chat-view .conversationId=${selected}></parley-chat-view>
        <parley-side-panel .conversationId=${selected}></parley-side-panel>
      </div>
      ${this.chatOpen ? html`<parley-operator-chat @close=${() => (this.chatOpen = false)}></parley-operator-chat>` : null}
      ${this.offlineOpen ? html`<parley-offline-messages @close=${() => (this.offlineOpen = false)}></parley-offline-messages>` : null}
      ${this.helpOpen ? html`<parley-shortcuts-help @close=${() => (this.helpOpen = false)}></parley-shortcuts-help>` : null}
      <parley-toast-stack></parley-toast-stack>
    </div>`;
  }

  private toggleTheme(): void {
    this.theme = nextTheme(this.theme);
    saveTheme(this.theme);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-console": ConsoleAppElement;
  }
}
