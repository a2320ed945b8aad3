/**
 * `<parley-login-form>`: the console's sign-in. Says precisely why a sign-in failed (wrong
 * credentials, locked for N minutes, too many attempts) and fires `signed-in` with the session.
 */
import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import { ApiError } from "../api/api.client";
import type { ConsoleApi, SessionInfo } from "../api/console.api";
import { controls } from "../theme/theme.styles";

/** The sign-in form. */
@localized()
@customElement("parley-login-form")
export class LoginFormElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; place-items: center; min-height: 100vh; background: var(--p-bg-soft); }
      form { display: grid; gap: 0.8rem; width: min(22rem, 92vw); padding: 1.6rem; background: var(--p-bg-raised); border: 1px solid var(--p-border); border-radius: 10px; box-shadow: var(--p-shadow); }
      h1 { margin: 0 0 0.4rem; font-size: 1.25rem; }
      label { display: grid; gap: 0.25rem; font-weight: 600; }
      input { padding: 0.5rem 0.6rem; }
      button { justify-content: center; padding: 0.55rem; }
      p[role="alert"] { margin: 0; }
    `,
  ];

  /** The API to sign in with. */
  @property({ attribute: false }) accessor api: ConsoleApi | null = null;
  /** A reason to show above the form (session expired…). */
  @property() accessor notice = "";
  @state() private accessor busy = false;
  @state() private accessor error = "";

  override render() {
    return html`<form @submit=${this.submit} aria-labelledby="title">
      <h1 id="title">${msg("Parley operator console", { id: "login.title" })}</h1>
      ${this.notice ? html`<p class="muted">${this.notice}</p>` : null}
      <label>${msg("E-mail", { id: "login.email" })}<input name="email" type="email" autocomplete="username" required autofocus /></label>
      <label>${msg("Password", { id: "login.password" })}<input name="password" type="password" autocomplete="current-password" required /></label>
      ${this.error ? html`<p role="alert" class="error">${this.error}</p>` : null}
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? msg("Signing in…", { id: "login.busy" }) : msg("Sign in", { id: "login.submit" })}</button>
    </form>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = "";
    try {
      const session = await this.api.signIn(String(data.get("email") ?? ""), String(data.get("password") ?? ""));
      this.dispatchEvent(new CustomEvent<SessionInfo>("signed-in", { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.error = describeLoginError(error);
    } finally {
      this.busy = false;
    }
  }
}

/** A sign-in failure in words the operator can act on. */
function describeLoginError(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
  switch (error.code) {
    case "auth.invalid_credentials":
      return msg("Wrong e-mail or password.", { id: "login.invalid" });
    case "auth.locked":
      return msg(str`Too many failed attempts: this account is locked for ${minutes} min.`, { id: "login.locked" });
    case "rate.limited":
      return msg(str`Too many sign-in attempts from this network; try again in ${minutes} min.`, { id: "login.rate" });
    case "network":
      return msg("The server cannot be reached. Check your connection.", { id: "login.network" });
    default:
      return error.message;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-login-form": LoginFormElement;
  }
}
