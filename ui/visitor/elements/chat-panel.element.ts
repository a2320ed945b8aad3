/**
 * `<parley-widget-panel>`: the chat window. It renders the screen the session is on, keeps keyboard
 * users inside while open (Tab cycles, Escape closes and gives focus back to the launcher), announces
 * the connection state, and tells the session whether the visitor can see the
 * conversation (read receipts, unread count).
 */
import { msg } from "@lit/localize";
import { adoptStyles, html, LitElement, nothing, type CSSResult, type PropertyValues } from "lit";
import { tokens } from "../../shared/tokens.css";
import type { ChatActions } from "../chat/chat.actions";
import type { ChatFiles } from "../chat/chat.files";
import type { ChatSession } from "../chat/chat.session";
import type { SessionStorage } from "../session/session.storage";
import type { WidgetHost } from "../widget.contract";
import type { ComposerElement } from "./composer.element";
import { define, INPUT, STATE } from "./light.element";
import { panelStyles } from "./panel.styles";
import "./welcome.element";

const loading = () => html`<div class="screen" role="status">${msg("Loading…", { id: "loading" })}</div>`;
const FOCUSABLE = 'button:not([disabled]), [href], input:not([type=hidden]):not([hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** The chat panel. */
export class ChatPanelElement extends LitElement {
  static override styles = [tokens, panelStyles];
  static override properties = { session: INPUT, storage: INPUT, host: INPUT, locale: INPUT, brand: INPUT, opened: STATE, confirmingEnd: STATE, extrasScreen: STATE, conversation: STATE };

  declare session: ChatSession;
  declare storage: SessionStorage;
  declare host: WidgetHost;
  declare locale: string;
  declare brand: string;
  declare private opened: boolean;
  declare private confirmingEnd: boolean;
  /** Renders the screens of the extras chunk, once loaded. */
  declare private extrasScreen: typeof import("./extras").extrasScreen | null;
  /** The conversation screen and file handling, once their chunk has loaded. */
  declare private conversation: { screen: typeof import("./conversation.chunk").chatScreenTemplate; actions: ChatActions; files: ChatFiles } | null;
  #unsubscribe: (() => void) | null = null;
  #extras: Promise<unknown> | null = null;
  readonly #styles: CSSResult[] = [];
  #conversationChunk: Promise<unknown> | null = null;
  readonly #onVisibility = () => this.session?.setVisible(this.opened && document.visibilityState === "visible");

  constructor() {
    super();
    this.locale = "en";
    this.brand = "#1f5fbf";
    this.opened = this.confirmingEnd = false;
    this.extrasScreen = this.conversation = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.session.subscribe(() => this.requestUpdate());
    document.addEventListener("visibilitychange", this.#onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.conversation?.files.dispose();
    this.#unsubscribe?.();
    document.removeEventListener("visibilitychange", this.#onVisibility);
  }

  get isOpen(): boolean {
    return this.opened;
  }

  /** Opens the panel (connecting the session on first use) and moves focus into it. */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    this.confirmingEnd = false;
    void this.session.activate();
    this.session.refreshConfig();
    if (this.storage.get().conversationId) this.needConversation();
    this.storage.update({ open: true });
    this.host.launcher.setOpen(true);
    this.host.emit("open", {});
    this.#onVisibility();
    void this.updateComplete.then(() => this.#focusFirst());
  }

  /** Closes the panel; focus goes back to the launcher. */
  close(): void {
    if (!this.opened) return;
    this.opened = false;
    this.storage.update({ open: undefined });
    this.host.launcher.setOpen(false);
    this.session.setVisible(false);
    this.host.emit("close", {});
    this.host.launcher.element.focus();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const scroll = this.renderRoot.querySelector(".scroll");
    if (scroll && scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 160) scroll.scrollTop = scroll.scrollHeight;
  }

  #focusFirst(): void {
    const root = this.renderRoot as ShadowRoot;
    const target = root.querySelector<HTMLElement>("main textarea, main input:not([type=file]), main select, main .primary") ?? root.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
  }

  #keydown(e: KeyboardEvent): void {
    if (e.key === "Escape") {
      e.stopPropagation();
      return this.close();
    }
    if (e.key !== "Tab") return;
    const root = this.renderRoot as ShadowRoot;
    const focusables = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === root.activeElement);
    if (focusables.length === 0) return;
    const first = focusables[0]!;
    const last = focusables[focusables.length - 1]!;
    const active = root.activeElement;
    if (e.shiftKey && (active === first || !active)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }

  #composer(): ComposerElement | null {
    return this.renderRoot.querySelector("parley-widget-composer");
  }

  #downloadTranscript(): void {
    const { items } = this.session.view;
    void import("../chat/transcript").then((m) => m.downloadTranscript(items, this.session.config?.title ?? "Chat", this.locale));
  }

  /** The conversation screen (timeline, composer, files) is its own chunk: fetched when a chat exists or is starting. */
  needConversation(): void {
    this.#conversationChunk ??= import("./conversation.chunk").then(
      (m) => {
        this.#adopt(m.conversationStyles);
        const actions = new m.ChatActions(this.session);
        this.conversation = { screen: m.chatScreenTemplate, actions, files: new m.ChatFiles(actions, () => this.requestUpdate()) };
      },
      () => (this.#conversationChunk = null),
    );
  }

  /** Adds a lazily loaded chunk's styles to the panel's shadow root, after the panel's own. */
  #adopt(styles: CSSResult): void {
    this.#styles.push(styles);
    adoptStyles(this.renderRoot as ShadowRoot, [...ChatPanelElement.elementStyles, ...this.#styles]);
  }

  /** Questionnaire and offline form live in a chunk of their own, fetched when a screen needs them. */
  #needExtras(): void {
    this.#extras ??= import("./extras").then(
      (m) => {
        this.#adopt(m.extrasStyles);
        this.extrasScreen = m.extrasScreen;
      },
      () => (this.#extras = null),
    );
  }

  async #endChat(): Promise<void> {
    this.confirmingEnd = false;
    await this.session.end().catch(() => {});
    void this.updateComplete.then(() => this.#focusFirst());
  }

  #header() {
    const s = this.session;
    const operator = s.view.state === "active" ? s.view.operator : null;
    const title = operator?.name ?? s.config?.title ?? "";
    const subtitle =
      s.view.state === "active" ? msg("Online", { id: "header.online" })
      : s.view.state === "waiting" || s.view.state === "pending" ? msg("Waiting for an operator", { id: "header.waiting" })
      : s.view.state === "ended" ? msg("Chat ended", { id: "header.ended" })
      : "";
    const button = (label: string, path: string, onClick: () => void) =>
      html`<button type="button" class="icon-button" aria-label=${label} @click=${onClick}><svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d=${path} /></svg></button>`;
    return html`<header>
      ${operator ? (operator.avatarUrl ? html`<img class="avatar" src=${operator.avatarUrl} alt="" />` : html`<span class="avatar" aria-hidden="true">${operator.name.slice(0, 1).toUpperCase()}</span>`) : nothing}
      <div class="who"><h2 id="parley-title">${title}</h2>${subtitle ? html`<p>${subtitle}</p>` : nothing}</div>
      ${s.view.items.length ? button(msg("Download the transcript", { id: "transcript.download" }), "M12 4v11m-5-5 5 5 5-5M5 20h14", () => this.#downloadTranscript()) : nothing}
      ${s.conversationOpen ? button(msg("End the chat", { id: "end.button" }), "M9 4H5v16h4m5-12 4 4-4 4m4-4H9", () => (this.confirmingEnd = true)) : nothing}
      ${button(msg("Minimize the chat", { id: "panel.minimize" }), "M6 9l6 6 6-6", () => this.close())}
    </header>`;
  }

  #banners() {
    const s = this.session;
    const status = s.status;
    const connection =
      status === "offline" ? html`<div class="banner" role="status">${msg("You are offline. Your messages will be sent when the connection is back.", { id: "banner.offline" })}</div>`
      : status === "reconnecting" ? html`<div class="banner" role="status">${msg("Reconnecting…", { id: "banner.reconnecting" })}
          <button type="button" class="link-button" @click=${() => s.retryNow()}>${msg("Retry now", { id: "banner.retry" })}</button></div>`
      : nothing;
    return html`${connection}
      ${s.view.statusNotice && s.screen === "chat" ? html`<div class="banner status" role="status">${s.view.statusNotice}</div>` : nothing}
      ${this.confirmingEnd ? html`<div class="banner status" role="alertdialog" aria-label=${msg("End the chat?", { id: "end.confirm" })}>
          <span>${msg("End the chat?", { id: "end.confirm" })}</span>
          <span class="actions"><button type="button" class="secondary" @click=${this.#endChat}>${msg("Yes, end it", { id: "end.confirm.yes" })}</button>
          <button type="button" class="secondary" @click=${() => (this.confirmingEnd = false)}>${msg("Cancel", { id: "common.cancel" })}</button></span></div>` : nothing}`;
  }

  #screen() {
    const s = this.session;
    const screen = s.screen;
    if (screen === "questionnaire" || screen === "offline" || screen === "ended" || s.view.state === "active" || s.view.offeredQuestionnaire) this.#needExtras();
    switch (screen) {
      case "loading":
        return loading();
      case "unavailable":
        return html`<div class="screen"><p class="lead">${msg("The chat is not available right now.", { id: "unavailable.text" })}</p>
          <button type="button" class="primary" @click=${() => void s.loadConfig()}>${msg("Try again", { id: "unavailable.retry" })}</button></div>`;
      case "welcome":
        return html`<parley-widget-welcome .config=${s.config!} .user=${this.host.user} .department=${this.host.options.department}
          .onStart=${(r: { department?: string; fields: Record<string, string> }) => (this.needConversation(), s.start(r).then(() => undefined))}
          .onOffline=${(department: string | undefined) => s.requestOffline(true, department)}></parley-widget-welcome>`;
      case "chat": {
        this.needConversation();
        const c = this.conversation;
        if (!c) return loading();
        return c.screen({ session: s, actions: c.actions, files: c.files, storage: this.storage, locale: this.locale, pickFile: () => this.#composer()?.pickFile() });
      }
      default: {
        this.#needExtras();
        const extras = this.extrasScreen;
        return extras ? extras(screen, { session: s, user: this.host.user, close: () => this.close(), transcript: () => this.#downloadTranscript() }) : loading();
      }
    }
  }

  override render() {
    if (!this.opened) return nothing;
    const style = Object.entries(this.host.brandColors(this.brand)).map(([k, v]) => `${k}:${v}`).join(";");
    return html`<div class="panel ${this.host.options.position}" role="dialog" aria-modal="true" aria-labelledby="parley-title" style=${style}
      @keydown=${this.#keydown}>
      ${this.#header()} ${this.#banners()}
      <main>${this.#screen()}</main>
    </div>`;
  }
}
define("parley-widget-panel", ChatPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    "parley-widget-panel": ChatPanelElement;
  }
}
