/**
 * `<parley-queue-panel>`: the live queue — every waiting conversation, highest priority and nearest
 * SLA first, with how long the visitor has waited (red past the SLA) — and the manager's way to
 * assign one to an operator, above their capacity if need be (the assignment is recorded as such).
 */
import { LitElement, html, nothing } from "lit";
import { customElement } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { DEFAULT_FILTER, visibleConversations } from "../../operator/conversations/conversation-filter";
import { priorityLabel } from "../../operator/conversations/conversation-labels";
import { servicesContext, StoreController, toast, type ConsoleServices } from "../../operator/state/console.context";
import type { ConversationEntry } from "../../operator/state/console.model";
import { formatDuration, visitorLabel } from "../../operator/state/conversation.derive";
import { Ticker } from "../../operator/shell/ticker";
import { controls } from "../../operator/theme/theme.styles";
import { panelStyles } from "./panel.styles";

/** The live queue. */
@localized()
@customElement("parley-queue-panel")
export class QueuePanelElement extends LitElement {
  static override styles = [controls, panelStyles];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  private readonly store = new StoreController(this, () => this.services?.store);
  private readonly ticker = new Ticker(this);

  override render() {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return nothing;
    const waiting = visibleConversations(state.conversations.values(), { ...DEFAULT_FILTER, sort: "priority" }, null).filter((e) => e.view.state === "waiting" || e.view.state === "pending");
    const count = waiting.length;
    return html`<h2>${msg("Queue", { id: "header.queue" })} <span class="badge">${count}</span></h2>
      ${count === 0
        ? html`<p class="empty">${msg("Nobody is waiting.", { id: "queue.empty" })}</p>`
        : html`<table data-testid="queue">
            <thead><tr><th>${msg("Visitor", { id: "side.visitor" })}</th><th>${msg("Department", { id: "filters.department" })}</th><th>${msg("Priority", { id: "filters.priorityLabel" })}</th><th class="num">${msg("Waiting", { id: "state.waiting" })}</th><th>${msg("Assign to", { id: "queue.assignTo" })}</th></tr></thead>
            <tbody>${waiting.map((e) => this.row(services, e))}</tbody>
          </table>`}`;
  }

  private row(services: ConsoleServices, e: ConversationEntry) {
    const v = e.view;
    const waited = this.ticker.now - v.createdAt;
    const late = v.slaDueAt !== null && this.ticker.now > v.slaDueAt;
    const department = v.department ? (services.config.departments.find((d) => d.id === v.department)?.name ?? v.department) : "—";
    const online = [...services.store.state.operators.values()].filter((o) => o.presence === "online");
    return html`<tr data-testid="queue-row" data-conversation-id=${v.id}>
      <td>${visitorLabel(e)}${v.queuePosition ? html` <span class="muted">#${v.queuePosition}</span>` : nothing}</td>
      <td>${department}</td>
      <td>${priorityLabel(v.priority)}</td>
      <td class="num ${late ? "late" : ""}">${formatDuration(waited)}</td>
      <td>
        <form @submit=${(ev: SubmitEvent) => this.assign(ev, v.id)}>
          <select name="operator" aria-label=${msg("Assign to", { id: "queue.assignTo" })} data-testid="assign-operator">
            ${online.map((o) => html`<option value=${o.id}>${o.name} (${o.activeConversations}/${o.capacity})</option>`)}
          </select>
          <label class="muted"><input type="checkbox" name="override" />${msg("above capacity", { id: "queue.override" })}</label>
          <button class="primary" type="submit" data-testid="assign" ?disabled=${online.length === 0}>${msg("Assign", { id: "queue.assign" })}</button>
        </form>
      </td>
    </tr>`;
  }

  private async assign(event: SubmitEvent, conversationId: string): Promise<void> {
    event.preventDefault();
    const services = this.services;
    if (!services) return;
    const data = new FormData(event.target as HTMLFormElement);
    const operatorId = String(data.get("operator") ?? "");
    if (!operatorId) return;
    try {
      await services.api.assign(conversationId, operatorId, data.get("override") !== null);
      const name = services.config.operators.find((o) => o.id === operatorId)?.name ?? operatorId;
      toast(services, msg(str`Assigned to ${name}.`, { id: "queue.assigned" }));
    } catch (error) {
      toast(services, (error as Error).message, "error");
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-queue-panel": QueuePanelElement;
  }
}
