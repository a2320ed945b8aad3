/**
 * `<parley-user-menu>`: my name in the header, opening my settings — sound alerts and browser
 * notifications on or off (kept per operator in this browser, obeyed by every alert), "Change
 * password…" and "Sign out". Shared by the console and the manager dashboard.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import { loadAlertPreferences, saveAlertPreferences, type AlertPreferences } from "../alerts/alert-preferences";
import { servicesContext, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import "../account/password-dialog.element";
import { localStorageOrNull } from "../../shared/browser-storage";

/** The user menu. */
@localized()
@customElement("parley-user-menu")
export class UserMenuElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { position: relative; display: inline-block; }
      .menu { position: absolute; inset-inline-end: 0; top: calc(100% + 0.3rem); min-width: 16rem; background: var(--p-bg-raised); border: 1px solid var(--p-border); border-radius: var(--p-radius); box-shadow: var(--p-shadow); padding: 0.4rem; display: grid; gap: 0.2rem; z-index: 20; }
      .menu label { display: flex; gap: 0.5rem; align-items: center; padding: 0.3rem 0.4rem; cursor: pointer; }
      .menu button { text-align: start; border: none; background: none; padding: 0.35rem 0.4rem; }
      .menu button:hover, .menu label:hover { background: var(--p-bg-soft); }
      .note { font-size: 0.75rem; padding: 0 0.4rem 0.3rem 2rem; margin: 0; }
      hr { border: none; border-top: 1px solid var(--p-border); margin: 0.2rem 0; width: 100%; }
      .email { font-size: 0.8rem; padding: 0.2rem 0.4rem; margin: 0; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor open = false;
  @state() private accessor passwordOpen = false;
  @state() private accessor preferences: AlertPreferences | null = null;
  @state() private accessor permission: string = typeof Notification === "undefined" ? "unsupported" : Notification.permission;
  private readonly outside = (e: Event) => {
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("click", this.outside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("click", this.outside);
  }

  /** The saved choices reach the page's Attention as soon as the services are known. */
  override willUpdate(): void {
    const services = this.services;
    if (!services || this.preferences) return;
    this.preferences = loadAlertPreferences(services.session.id, localStorageOrNull());
    services.attention.preferences = this.preferences;
  }

  override render() {
    const services = this.services;
    const prefs = this.preferences;
    if (!services || !prefs) return nothing;
    return html`<button data-testid="user-menu" aria-haspopup="true" aria-expanded=${this.open ? "true" : "false"} @click=${() => (this.open = !this.open)} @keydown=${this.onKeydown}>${services.session.name} ▾</button>
      ${this.open
        ? html`<div class="menu" role="menu" @keydown=${this.onKeydown}>
            <p class="email muted">${services.session.email}</p>
            <hr />
            <label role="menuitemcheckbox" aria-checked=${String(prefs.sound)}><input type="checkbox" data-testid="pref-sound" .checked=${prefs.sound} @change=${(e: Event) => this.setPreference({ sound: (e.target as HTMLInputElement).checked })} />${msg("Sound alerts", { id: "menu.sound" })}</label>
            <label role="menuitemcheckbox" aria-checked=${String(prefs.notifications)}><input type="checkbox" data-testid="pref-notifications" .checked=${prefs.notifications} @change=${this.onNotifications} />${msg("Browser notifications", { id: "menu.notifications" })}</label>
            ${this.permissionNote(prefs)}
            <hr />
            <button role="menuitem" data-testid="change-password" @click=${() => ((this.passwordOpen = true), (this.open = false))}>${msg("Change password…", { id: "menu.password" })}</button>
            <button role="menuitem" data-testid="sign-out" @click=${() => this.fire("sign-out")}>${msg("Sign out", { id: "header.signOut" })}</button>
          </div>`
        : nothing}
      ${this.passwordOpen ? html`<parley-password-dialog @close=${() => (this.passwordOpen = false)}></parley-password-dialog>` : nothing}`;
  }

  private permissionNote(prefs: AlertPreferences) {
    if (!prefs.notifications) return nothing;
    if (this.permission === "denied") return html`<p class="note muted">${msg("Blocked by the browser: allow notifications for this site in its settings.", { id: "menu.notificationsBlocked" })}</p>`;
    if (this.permission === "unsupported") return html`<p class="note muted">${msg("This browser cannot show notifications.", { id: "menu.notificationsUnsupported" })}</p>`;
    return nothing;
  }

  private async onNotifications(e: Event): Promise<void> {
    const on = (e.target as HTMLInputElement).checked;
    this.setPreference({ notifications: on });
    if (on && this.permission === "default" && this.services) this.permission = await this.services.attention.askPermission();
  }

  private setPreference(patch: Partial<AlertPreferences>): void {
    const services = this.services;
    if (!services || !this.preferences) return;
    this.preferences = { ...this.preferences, ...patch };
    services.attention.preferences = this.preferences;
    saveAlertPreferences(services.session.id, this.preferences, localStorageOrNull());
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === "Escape" && this.open) {
      this.open = false;
      e.stopPropagation();
    }
  }

  private fire(name: string): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-user-menu": UserMenuElement;
  }
}
