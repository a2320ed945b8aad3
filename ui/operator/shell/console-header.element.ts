/**
 * `<parley-console-header>`: the top bar — my status, the number of queued conversations, the
 * connection state (with "retry now" while reconnecting), the team / operator-chat drawer, the
 * offline messages drawer (with the unhandled count), the notification permission, theme and
 * language switches, the manager dashboard link for supervisors, and my menu (alert preferences,
 * password, sign-out).
 */
import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { consoleLocalization, switchLanguage } from "../i18n/console-locale";
import { can, servicesContext, StoreController, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import type { ThemeChoice } from "../theme/theme.preference";
import "../team/status-picker.element";
import "./user-menu.element";

/** The console header. */
@localized()
@customElement("parley-console-header")
export class ConsoleHeaderElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; border-bottom: 1px solid var(--p-border); background: var(--p-bg-soft); }
      header { display: flex; align-items: center; gap: 0.6rem; padding: 0.4rem 0.8rem; flex-wrap: wrap; }
      .brand { font-weight: 700; margin-inline-end: 0.4rem; }
      .queue { font-weight: 600; }
      .queue .badge { background: var(--p-warn); color: var(--p-bg); }
      .queue .badge.zero { background: var(--p-border); color: var(--p-fg); }
      .conn { font-size: 0.85rem; }
      .conn.online { color: var(--p-ok); }
      .conn.reconnecting, .conn.connecting { color: var(--p-warn); }
      .conn.offline { color: var(--p-danger); }
      .spacer { flex: 1; }
      .me { font-size: 0.85rem; }
      a { color: var(--p-accent); }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property() accessor theme: ThemeChoice = "auto";
  @property({ type: Boolean }) accessor chatOpen = false;
  @property({ type: Boolean }) accessor offlineOpen = false;
  @state() private accessor notifications: string = typeof Notification === "undefined" ? "unsupported" : Notification.permission;
  private readonly store = new StoreController(this, () => this.services?.store);

  override render() {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return null;
    const online = [...state.operators.values()].filter((o) => o.presence !== "offline" && o.id !== services.session.id).length;
    const unreadChat = [...state.chatUnread.values()].reduce((a, b) => a + b, 0);
    const teamVisible = can(services, "listOnlineOperators") || can(services, "operatorChat");
    const language = consoleLocalization().getLocale();
    return html`<header>
      <span class="brand">Parley</span>
      <parley-status-picker></parley-status-picker>
      <span class="queue" data-testid="queue-count" title=${msg("Conversations waiting for an operator", { id: "header.queueTitle" })}>
        ${msg("Queue", { id: "header.queue" })} <span class="badge ${state.queueCount ? "" : "zero"}">${state.queueCount}</span>
      </span>
      ${this.connectionBadge(state.connection)}
      <span class="spacer"></span>
      ${teamVisible
        ? html`<button data-testid="team-toggle" aria-pressed=${this.chatOpen ? "true" : "false"} @click=${() => this.fire("toggle-chat")}>
            ${msg("Team", { id: "header.team" })}
            ${can(services, "listOnlineOperators") ? html`<span class="muted">${msg(str`${online} online`, { id: "header.online" })}</span>` : null}
            ${unreadChat ? html`<span class="badge">${unreadChat}</span>` : null}
          </button>`
        : null}
      <button data-testid="offline-toggle" aria-pressed=${this.offlineOpen ? "true" : "false"} @click=${() => this.fire("toggle-offline")} title=${msg("Messages left by visitors while nobody could chat", { id: "header.offlineTitle" })}>
        ✉ ${msg("Offline messages", { id: "offline.title" })}
        ${state.offlineUnhandled ? html`<span class="badge" data-testid="offline-count">${state.offlineUnhandled}</span>` : null}
      </button>
      ${this.notifications === "default"
        ? html`<button @click=${this.enableNotifications} title=${msg("Get a browser notification for new conversations", { id: "header.notifyTitle" })}>🔔 ${msg("Enable notifications", { id: "header.notify" })}</button>`
        : null}
      <button class="icon" @click=${() => this.fire("toggle-side")} title=${msg("Show or hide the side panel", { id: "header.side" })} aria-label=${msg("Show or hide the side panel", { id: "header.side" })}>▤</button>
      <button class="icon" data-testid="theme-toggle" @click=${() => this.fire("toggle-theme")} title=${this.themeLabel()} aria-label=${this.themeLabel()}>${this.theme === "dark" ? "☾" : this.theme === "light" ? "☀" : "◐"}</button>
      <button class="icon" @click=${() => switchLanguage(language === "fr" ? "en" : "fr")} title=${msg("Switch language", { id: "header.language" })} lang=${language === "fr" ? "en" : "fr"}>${language === "fr" ? "EN" : "FR"}</button>
      <button class="icon" @click=${() => this.fire("show-help")} title=${msg("Keyboard shortcuts", { id: "header.shortcuts" })} aria-label=${msg("Keyboard shortcuts", { id: "header.shortcuts" })}>?</button>
      ${services.session.role !== "operator" ? html`<a href="/manager">${msg("Manager dashboard", { id: "header.manager" })}</a>` : null}
      <parley-user-menu></parley-user-menu>
    </header>`;
  }

  private connectionBadge(connection: string) {
    const label =
      connection === "online"
        ? msg("Live", { id: "conn.online" })
        : connection === "offline"
          ? msg("Offline — waiting for the network", { id: "conn.offline" })
          : connection === "reconnecting"
            ? msg("Reconnecting…", { id: "conn.reconnecting" })
            : msg("Connecting…", { id: "conn.connecting" });
    return html`<span class="conn ${connection}" role="status" data-testid="connection">● ${label}
      ${connection === "reconnecting" ? html`<button class="ghost" @click=${() => this.services?.connection.retryNow()}>${msg("Retry now", { id: "conn.retry" })}</button>` : null}</span>`;
  }

  private themeLabel(): string {
    return this.theme === "dark" ? msg("Theme: dark", { id: "theme.dark" }) : this.theme === "light" ? msg("Theme: light", { id: "theme.light" }) : msg("Theme: follows the system", { id: "theme.auto" });
  }

  private async enableNotifications(): Promise<void> {
    this.notifications = (await this.services?.attention.askPermission()) ?? this.notifications;
  }

  private fire(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-console-header": ConsoleHeaderElement;
  }
}
