/**
 * `<parley-assistance-dialog>`: asks the managers for help on a conversation, with a short
 * explanation. Online managers are alerted and can join the conversation from their console.
 */
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import { FormDialogElement } from "../dialog/form-dialog.element";
import { toast, type ConsoleServices } from "../state/console.context";

/** The manager-help dialog. */
@localized()
@customElement("parley-assistance-dialog")
export class AssistanceDialogElement extends FormDialogElement {
  @property() accessor conversationId = "";

  override firstUpdated(): void {
    this.renderRoot.querySelector("textarea")?.focus();
  }

  override render() {
    return this.dialogForm(
      msg("Ask a manager for help", { id: "help.title" }),
      html`<label>${msg("What do you need? (optional)", { id: "help.message" })}<textarea name="message" maxlength="1000" data-testid="help-message"></textarea></label>`,
      html`${this.cancelButton()}
        <button class="primary" type="submit" data-testid="help-send" ?disabled=${this.busy}>${msg("Alert the managers", { id: "help.send" })}</button>`,
    );
  }

  protected override async submitForm(data: FormData, services: ConsoleServices): Promise<void> {
    const message = String(data.get("message") ?? "").trim();
    const { notified } = await services.api.requestAssistance(this.conversationId, message);
    toast(services, notified ? msg(str`${notified} manager(s) alerted.`, { id: "help.sent" }) : msg("No manager is online right now; your request is noted in the conversation.", { id: "help.noneOnline" }));
    this.close();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-assistance-dialog": AssistanceDialogElement;
  }
}
