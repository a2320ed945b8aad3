/**
 * `<parley-manager>`: the manager dashboard — the day's figures, the live queue (assign a waiting
 * conversation to an operator, above capacity if need be), the conversations in progress (open one
 * in the console to monitor or join it), the operators with their status and load, and operators'
 * requests for help, the offline messages visitors left, and my menu (alert preferences, password,
 * sign-out) — and, in its Reports view, trends, breakdowns and CSV exports of any period. Same
 * sign-in, socket and store as the console; managers and admins only.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { provide } from "@lit/context";
import { msg, localized } from "@lit/localize";
import { Attention } from "../operator/alerts/attention";
import { ApiClient, ApiError } from "../operator/api/api.client";
import { ConsoleApi, type SessionInfo } from "../operator/api/console.api";
import { Drafts } from "../operator/composer/drafts";
import { OperatorConnection } from "../operator/connection/operator-connection";
import { servicesContext, StoreController, type ConsoleServices } from "../operator/state/console.context";
import { ConsoleStore } from "../operator/state/console.store";
import { controls, themeTokens } from "../operator/theme/theme.styles";
import { loadTheme } from "../operator/theme/theme.preference";
import "../operator/session/login-form.element";
import "../operator/shell/toast-stack.element";
import "../operator/team/assistance-requests.element";
import "../operator/team/status-picker.element";
import "../operator/shell/user-menu.element";
import "../operator/offline/offline-messages.element";
import { OfflineCounter } from "../operator/offline/offline-count";
import { OfflineMessagesApi } from "../operator/offline/offline-messages.api";
import type { DayFigures } from "./panels/figures.model";
import "./panels/figures-panel.element";
import "./panels/queue-panel.element";
import "./panels/live-panel.element";
import "./panels/team-panel.element";
import "./reports/reports-panel.element";

const FIGURES_REFRESH_MS = 60_000;

/** The dashboard root. */
@localized()
@customElement("parley-manager")
export class ManagerAppElement extends LitElement {
  static override styles = [
    themeTokens,
    controls,
    css`
      :host { display: block; min-height: 100vh; background: var(--p-bg-soft); color: var(--p-fg); }
      header { display: flex; align-items: center; gap: 0.8rem; padding: 0.5rem 1rem; background: var(--p-bg); border-bottom: 1px solid var(--p-border); }
      h1 { font-size: 1.05rem; margin: 0; }
      .spacer { flex: 1; }
      a { color: var(--p-accent); }
      nav { display: flex; gap: 0.3rem; }
      nav button[aria-current="page"] { background: var(--p-accent-soft); font-weight: 600; }
      [hidden] { display: none !important; }
      .reports { padding: 1rem; }
      main { display: grid; gap: 1rem; padding: 1rem; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); align-items: start; }
      parley-figures-panel { grid-column: 1 / -1; }
      .denied { display: grid; place-items: center; min-height: 60vh; text-align: center; }
      .conn { font-size: 0.85rem; color: var(--p-fg-muted); }
    `,
  ];

  @provide({ context: servicesContext }) @state() accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor phase: "loading" | "signed-out" | "denied" | "ready" = "loading";
  @state() private accessor notice = "";
  @state() private accessor figures: DayFigures | null = null;
  /** Live view or reports (`#reports` in the address opens the reports, so they can be bookmarked). */
  @state() private accessor view: "live" | "reports" = location.hash === "#reports" ? "reports" : "live";
  /** Once opened, the reports stay mounted (their period and figures survive a look at the live view). */
  private reportsOpened = this.view === "reports";
  @state() private accessor offlineOpen = false;
  private offlineCounter: OfflineCounter | null = null;
  private figuresTimer: ReturnType<typeof setInterval> | undefined;
  private readonly http = new ApiClient();
  private readonly api = new ConsoleApi(this.http);
  private readonly store = new StoreController(this, () => this.services?.store);

  constructor() {
    super();
    this.http.onUnauthorized(() => this.signedOut(msg("Your session has ended. Please sign in again.", { id: "app.sessionEnded" })));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("theme", loadTheme());
    void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offlineCounter?.stop();
    this.services?.connection.stop();
    clearInterval(this.figuresTimer);
  }

  private async restore(): Promise<void> {
    try {
      await this.start(await this.api.me());
    } catch (error) {
      this.phase = "signed-out";
      if (!(error instanceof ApiError) || error.status !== 401) this.notice = (error as Error).message;
    }
  }

  private async start(session: SessionInfo): Promise<void> {
    if (session.operator.role === "operator") return void (this.phase = "denied");
    const config = await this.api.config();
    const store = new ConsoleStore();
    const connection = new OperatorConnection(store, {
      onUnauthorized: () => this.signedOut(msg("Your session has ended. Please sign in again.", { id: "app.sessionEnded" })),
      onReady: () => {
        void this.reconcile(store);
        void this.offlineCounter?.refresh();
      },
    });
    this.offlineCounter = new OfflineCounter(new OfflineMessagesApi(this.http), store);
    const attention = new Attention();
    this.services = { api: this.api, store, connection, config, session: session.operator, drafts: new Drafts(null, session.operator.id), attention, bus: new EventTarget() };
    store.onAlert((alert) => {
      if (alert.kind === "offline") void this.offlineCounter?.refresh();
      if (alert.kind === "assistance") attention.notify({ title: msg("An operator asks for help", { id: "manager.helpAlert" }), body: `${alert.fromName}${alert.message ? ` — ${alert.message}` : ""}`, tag: `assist-${alert.conversationId}`, sound: true });
    });
    connection.start();
    this.offlineCounter.start();
    this.phase = "ready";
    void this.refreshFigures();
    this.figuresTimer = setInterval(() => void this.refreshFigures(), FIGURES_REFRESH_MS);
  }

  /** After every (re)connection: everything open, as the API lists it. */
  private async reconcile(store: ConsoleStore): Promise<void> {
    try {
      const page = await this.api.conversations({ status: "pending,waiting,active", limit: 100 });
      store.reconcile(page.items, page.nextCursor === null);
    } catch {
      /* the socket fills the lists as conversations change */
    }
  }

  /** The day's figures since the manager's local midnight. */
  private async refreshFigures(): Promise<void> {
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    try {
      this.figures = await this.api.http.get<DayFigures>("/api/manager/figures", { since: midnight.getTime() });
    } catch {
      /* kept: the previous figures stay on screen until the next refresh succeeds */
    }
  }

  private async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } finally {
      this.signedOut("");
    }
  }

  private signedOut(notice: string): void {
    clearInterval(this.figuresTimer);
    this.offlineCounter?.stop();
    this.offlineCounter = null;
    this.offlineOpen = false;
    this.services?.connection.stop();
    this.services = undefined;
    this.notice = notice;
    this.phase = "signed-out";
  }

  private show(view: "live" | "reports"): void {
    this.view = view;
    if (view === "reports") this.reportsOpened = true;
    history.replaceState(null, "", view === "reports" ? "#reports" : location.pathname + location.search);
  }

  override render() {
    if (this.phase === "loading") return html`<p class="denied muted">${msg("Loading…", { id: "app.loading" })}</p>`;
    if (this.phase === "signed-out") return html`<parley-login-form .api=${this.api} .notice=${this.notice} @signed-in=${(e: CustomEvent<SessionInfo>) => this.start(e.detail)}></parley-login-form>`;
    if (this.phase === "denied") {
      return html`<div class="denied"><p>${msg("The dashboard is for managers and admins.", { id: "manager.denied" })} <a href="/console">${msg("Open the console", { id: "manager.toConsole" })}</a></p></div>`;
    }
    const state = this.store.state;
    return html`<header>
        <h1>${msg("Parley — Manager dashboard", { id: "manager.title" })}</h1>
        <nav aria-label=${msg("Dashboard views", { id: "manager.views" })}>
          <button data-testid="view-live" aria-current=${this.view === "live" ? "page" : "false"} @click=${() => this.show("live")}>${msg("Live", { id: "manager.viewLive" })}</button>
          <button data-testid="view-reports" aria-current=${this.view === "reports" ? "page" : "false"} @click=${() => this.show("reports")}>${msg("Reports", { id: "reports.title" })}</button>
        </nav>
        <parley-status-picker></parley-status-picker>
        <span class="conn" data-testid="connection">${state?.connection === "online" ? msg("Live", { id: "conn.online" }) : msg("Reconnecting…", { id: "conn.reconnecting" })}</span>
        <span class="spacer"></span>
        <button data-testid="offline-toggle" aria-pressed=${this.offlineOpen ? "true" : "false"} @click=${() => (this.offlineOpen = !this.offlineOpen)}>
          ✉ ${msg("Offline messages", { id: "offline.title" })} ${state?.offlineUnhandled ? html`<span class="badge" data-testid="offline-count">${state.offlineUnhandled}</span>` : nothing}
        </button>
        <a href="/console">${msg("Open the console", { id: "manager.toConsole" })}</a>
        <parley-user-menu @sign-out=${this.signOut}></parley-user-menu>
      </header>
      ${this.offlineOpen ? html`<parley-offline-messages @close=${() => (this.offlineOpen = false)}></parley-offline-messages>` : nothing}
      <parley-assistance-requests openInConsole></parley-assistance-requests>
      ${this.services && (this.view === "reports" || this.reportsOpened) ? html`<section class="reports" ?hidden=${this.view !== "reports"}><parley-reports-panel></parley-reports-panel></section>` : nothing}
      ${this.services
        ? html`<main ?hidden=${this.view !== "live"}>
            <parley-figures-panel .figures=${this.figures}></parley-figures-panel>
            <parley-queue-panel></parley-queue-panel>
            <parley-live-panel></parley-live-panel>
            <parley-team-panel .figures=${this.figures}></parley-team-panel>
          </main>`
        : nothing}
      <parley-toast-stack></parley-toast-stack>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-manager": ManagerAppElement;
  }
}
