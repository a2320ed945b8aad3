/**
 * `<parley-transfer-dialog>`: hands the conversation to a colleague or a department, with a
 * message for them. To a colleague it is immediate by default (they get the conversation with my
 * name and message, marked as transferred); "ask first" sends a request they accept (as `/t` does).
 * Colleagues are listed with their status and load when presence is visible to me.
 */
import { css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import { dialogStyles } from "../dialog/dialog.styles";
import { FormDialogElement } from "../dialog/form-dialog.element";
import { toast, type ConsoleServices } from "../state/console.context";
import type { ConversationEntry } from "../state/console.model";
import { controls } from "../theme/theme.styles";
import { statusNameOf } from "../team/status-labels";

/** The transfer dialog. */
@localized()
@customElement("parley-transfer-dialog")
export class TransferDialogElement extends FormDialogElement {
  static override styles = [controls, dialogStyles, css`.load { font-size: 0.8rem; }`];

  @property({ attribute: false }) accessor entry: ConversationEntry | null = null;

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
  }

  override render() {
    const services = this.services;
    const entry = this.entry;
    if (!services || !entry) return nothing;
    const presence = services.store.state.operators;
    const colleagues = services.config.operators
      .filter((o) => o.id !== services.session.id && o.id !== entry.view.operatorId)
      .map((o) => ({ ...o, presence: presence.get(o.id) }))
      .filter((o) => presence.size <= 1 || (o.presence && o.presence.presence !== "offline"));
    return this.dialogForm(
      msg("Transfer the conversation", { id: "transfer.title" }),
      html`<fieldset>
          <legend>${msg("To a colleague", { id: "transfer.toOperator" })}</legend>
          ${colleagues.length === 0 ? html`<span class="muted">${msg("No other operator is online.", { id: "transfer.nobody" })}</span>` : nothing}
          ${colleagues.map((o) => {
            const p = o.presence;
            const label = p ? (statusNameOf(services.config.statuses, p.status) ?? "") : "";
            return html`<label class="choice"><input type="radio" name="target" value="op:${o.id}" data-testid="transfer-to-${o.id}" />${o.name}
              ${p ? html`<span class="muted load">${label} · ${p.activeConversations}/${p.capacity}</span>` : nothing}</label>`;
          })}
        </fieldset>
        ${services.config.departments.length
          ? html`<fieldset>
              <legend>${msg("To a department", { id: "transfer.toDepartment" })}</legend>
              ${services.config.departments.map((d) => html`<label class="choice"><input type="radio" name="target" value="dep:${d.id}" data-testid="transfer-dep-${d.id}" />${d.name}</label>`)}
            </fieldset>`
          : nothing}
        <label>${msg("Message for them (optional)", { id: "transfer.message" })}<textarea name="message" maxlength="1000" data-testid="transfer-message"></textarea></label>
        <label class="choice"><input type="checkbox" name="ask" />${msg("Ask them to accept first", { id: "transfer.askFirst" })}</label>`,
      html`${this.cancelButton()}
        <button class="primary" type="submit" data-testid="transfer-submit" ?disabled=${this.busy}>${msg("Transfer", { id: "actions.transfer" })}</button>`,
    );
  }

  protected override async submitForm(data: FormData, services: ConsoleServices): Promise<void> {
    const entry = this.entry;
    if (!entry) return;
    const target = String(data.get("target") ?? "");
    if (!target) return toast(services, msg("Choose a colleague or a department.", { id: "transfer.choose" }), "error");
    const message = String(data.get("message") ?? "").trim();
    const colon = target.indexOf(":");
    const [kind, id] = [target.slice(0, colon), target.slice(colon + 1)];
    await services.connection.send({
      type: "transfer",
      conversationId: entry.view.id,
      ...(kind === "op" ? { toOperatorId: id, ...(data.get("ask") ? {} : { immediate: true }) } : { toDepartmentId: id }),
      ...(message ? { message } : {}),
    });
    const name = kind === "op" ? (services.config.operators.find((o) => o.id === id)?.name ?? id) : (services.config.departments.find((d) => d.id === id)?.name ?? id);
    toast(services, data.get("ask") && kind === "op" ? msg(str`Transfer request sent to ${name}.`, { id: "cmd.transferSent" }) : msg(str`Conversation transferred to ${name}.`, { id: "transfer.done" }));
    this.close();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-transfer-dialog": TransferDialogElement;
  }
}
