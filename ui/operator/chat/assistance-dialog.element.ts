/**
 * `<parley-assistance-dialog>`: asks the managers for help on a conversation, with a short
 * explanation. Online managers are alerted and can join the conversation from their console.
 */
import { LitElement, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { servicesContext, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { dialogStyles } from "./dialog.styles";

/** The manager-help dialog. */
@localized()
@customElement("parley-assistance-dialog")
export class AssistanceDialogElement extends LitElement {
  static override styles = [controls, dialogStyles];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property() accessor conversationId = "";
  @state() private accessor busy = false;

  override firstUpdated(): void {
    this.renderRoot.querySelector("textarea")?.focus();
  }

  override render() {
    return html`<form @submit=${this.submit} @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.close()} role="dialog" aria-modal="true" aria-labelledby="t">
      <h2 id="t">${msg("Ask a manager for help", { id: "help.title" })}</h2>
      <label>${msg("What do you need? (optional)", { id: "help.message" })}<textarea name="message" maxlength="1000" data-testid="help-message"></textarea></label>
      <div class="actions">
        <button type="button" @click=${this.close}>${msg("Cancel", { id: "common.cancel" })}</button>
        <button class="primary" type="submit" data-testid="help-send" ?disabled=${this.busy}>${msg("Alert the managers", { id: "help.send" })}</button>
      </div>
    </form>`;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const services = this.services;
    if (!services || this.busy) return;
    this.busy = true;
    const message = String(new FormData(e.target as HTMLFormElement).get("message") ?? "").trim();
    try {
      const { notified } = await services.api.requestAssistance(this.conversationId, message);
      toast(services, notified ? msg(str`${notified} manager(s) alerted.`, { id: "help.sent" }) : msg("No manager is online right now; your request is noted in the conversation.", { id: "help.noneOnline" }));
      this.close();
    } catch (error) {
      toast(services, (error as Error).message, "error");
    } finally {
      this.busy = false;
    }
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent("close"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-assistance-dialog": AssistanceDialogElement;
  }
}
