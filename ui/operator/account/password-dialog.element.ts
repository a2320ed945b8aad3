/**
 * `<parley-password-dialog>`: "Change password" from the user menu (console and manager dashboard).
 * Current, new and confirmation; the server's rules are stated and checked first; the API's refusal
 * is shown as it comes (wrong current password, too short, locked for N minutes). On success the
 * server has signed out my other sessions (other browsers, other tabs' cookies) — this one stays.
 */
import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import { ApiError } from "../api/api.client";
import { FormDialogElement } from "../dialog/form-dialog.element";
import { toast, type ConsoleServices } from "../state/console.context";
import { MIN_PASSWORD_LENGTH, passwordFormProblem, type PasswordFormProblem } from "./password-rules";

/** The change-password dialog. */
@localized()
@customElement("parley-password-dialog")
export class PasswordDialogElement extends FormDialogElement {
  @state() private accessor error = "";

  override render() {
    const body = html`<p class="muted" id="rules">${msg(str`At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a strong, memorable password. Your other sessions will be signed out.`, { id: "password.rules" })}</p>
      <label>${msg("Current password", { id: "password.current" })}<input type="password" name="current" autocomplete="current-password" required autofocus /></label>
      <label>${msg("New password", { id: "password.new" })}<input type="password" name="next" autocomplete="new-password" minlength=${MIN_PASSWORD_LENGTH} required aria-describedby="rules" /></label>
      <label>${msg("Confirm the new password", { id: "password.confirm" })}<input type="password" name="confirm" autocomplete="new-password" required /></label>
      ${this.error ? html`<p class="error" role="alert" data-testid="password-error">${this.error}</p>` : nothing}`;
    const actions = html`${this.cancelButton()}<button class="primary" type="submit" ?disabled=${this.busy}>${msg("Change password", { id: "password.submit" })}</button>`;
    return this.dialogForm(msg("Change password", { id: "password.title" }), body, actions, "password-dialog");
  }

  protected override async submitForm(data: FormData, services: ConsoleServices): Promise<void> {
    const current = String(data.get("current") ?? "");
    const next = String(data.get("next") ?? "");
    const problem = passwordFormProblem(current, next, String(data.get("confirm") ?? ""));
    if (problem) return void (this.error = problemText(problem));
    this.error = "";
    await services.api.http.post<void>("/api/auth/password", { current, next });
    toast(services, msg("Password changed. Your other sessions have been signed out.", { id: "password.done" }));
    this.close();
  }

  protected override failed(error: unknown): void {
    if (error instanceof ApiError && error.code === "auth.invalid_credentials") this.error = msg("The current password is wrong.", { id: "password.wrongCurrent" });
    else if (error instanceof ApiError && error.code === "auth.locked") this.error = error.message;
    else this.error = (error as Error).message;
  }
}

function problemText(problem: PasswordFormProblem): string {
  switch (problem) {
    case "missing-current":
      return msg("Enter your current password.", { id: "password.missingCurrent" });
    case "too-short":
      return msg(str`The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, { id: "password.tooShort" });
    case "too-long":
      return msg("The new password is too long.", { id: "password.tooLong" });
    case "blank":
      return msg("The new password cannot be only spaces.", { id: "password.blank" });
    case "same":
      return msg("The new password must differ from the current one.", { id: "password.same" });
    case "mismatch":
      return msg("The two new passwords differ.", { id: "password.mismatch" });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-password-dialog": PasswordDialogElement;
  }
}
