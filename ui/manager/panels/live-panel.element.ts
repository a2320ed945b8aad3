/**
 * `<parley-live-panel>`: the conversations in progress, by operator — how long each has lasted
 * and since when nothing was said — with a link that opens it in the console to monitor it
 * (silently) or join it.
 */
import { LitElement, html, nothing } from "lit";
import { customElement } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import { servicesContext, StoreController, type ConsoleServices } from "../../operator/state/console.context";
import { formatDuration, visitorLabel } from "../../operator/state/conversation.derive";
import { Ticker } from "../../operator/shell/ticker";
import { controls } from "../../operator/theme/theme.styles";
import { panelStyles } from "./panel.styles";

/** Conversations in progress. */
@localized()
@customElement("parley-live-panel")
export class LivePanelElement extends LitElement {
  static override styles = [controls, panelStyles];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  private readonly store = new StoreController(this, () => this.services?.store);
  private readonly ticker = new Ticker(this);

  override render() {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return nothing;
    const names = new Map(services.config.operators.map((o) => [o.id, o.name]));
    const active = [...state.conversations.values()]
      .filter((e) => e.view.state === "active")
      .sort((a, b) => (names.get(a.view.operatorId ?? "") ?? "").localeCompare(names.get(b.view.operatorId ?? "") ?? "") || (a.view.assignedAt ?? 0) - (b.view.assignedAt ?? 0));
    return html`<h2>${msg("In progress", { id: "live.title" })} <span class="badge">${active.length}</span></h2>
      ${active.length === 0
        ? html`<p class="empty">${msg("No conversation in progress.", { id: "live.empty" })}</p>`
        : html`<table data-testid="live">
            <thead><tr><th>${msg("Operator", { id: "row.operator" })}</th><th>${msg("Visitor", { id: "side.visitor" })}</th><th class="num">${msg("Duration", { id: "live.duration" })}</th><th class="num">${msg("Quiet for", { id: "live.quiet" })}</th><th></th></tr></thead>
            <tbody>
              ${active.map((e) => {
                const v = e.view;
                return html`<tr data-testid="live-row">
                  <td>${names.get(v.operatorId ?? "") ?? v.operatorId ?? "—"}${v.important ? " ★" : ""}</td>
                  <td>${visitorLabel(e)}</td>
                  <td class="num">${v.assignedAt ? formatDuration(this.ticker.now - v.assignedAt) : "—"}</td>
                  <td class="num">${formatDuration(this.ticker.now - v.lastMessageAt)}</td>
                  <td><a href="/console#conversation=${encodeURIComponent(v.id)}" target="_blank" rel="noopener" data-testid="monitor">${msg("Monitor / join", { id: "live.monitor" })}</a></td>
                </tr>`;
              })}
            </tbody>
          </table>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-live-panel": LivePanelElement;
  }
}
