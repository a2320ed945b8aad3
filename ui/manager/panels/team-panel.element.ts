/**
 * `<parley-team-panel>`: every operator with presence (online, reconnecting, offline), status,
 * load against capacity (the limit they set themselves, with the configured ceiling when it is
 * lower), and today's handled conversations and average first response.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized, str } from "@lit/localize";
import { servicesContext, StoreController, type ConsoleServices } from "../../operator/state/console.context";
import { presenceTone, statusDot, statusDotStyles } from "../../operator/team/status-dot";
import { statusNameOf } from "../../operator/team/status-labels";
import { controls } from "../../operator/theme/theme.styles";
import { panelStyles } from "./panel.styles";
import { showDuration, type DayFigures } from "./figures.model";

/** The note after the load when the operator lowered their own limit below the configured ceiling. */
function ownLimit(p: { readonly capacity: number; readonly maxCapacity?: number | undefined }) {
  if (p.maxCapacity === undefined || p.capacity >= p.maxCapacity) return nothing;
  return html`<span class="own-limit" data-testid="own-limit" title=${msg("The operator lowered their own limit from the console", { id: "team.ownLimitTitle" })}>${msg(str`own limit, max ${p.maxCapacity}`, { id: "team.ownLimit" })}</span>`;
}

/** Operators and their statuses. */
@localized()
@customElement("parley-team-panel")
export class TeamPanelElement extends LitElement {
  static override styles = [
    controls,
    panelStyles,
    statusDotStyles,
    css`
      .dot { margin-inline-end: 0.35rem; }
      meter { width: 5rem; vertical-align: middle; }
      .own-limit { color: var(--muted, #666); font-size: 0.85em; margin-inline-start: 0.35rem; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property({ attribute: false }) accessor figures: DayFigures | null = null;
  private readonly store = new StoreController(this, () => this.services?.store);

  override render() {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return nothing;
    const today = new Map((this.figures?.byOperator ?? []).map((f) => [f.operatorId, f]));
    const order = { online: 0, grace: 1, offline: 2 } as const;
    const rows = services.config.operators
      .map((o) => ({ o, p: state.operators.get(o.id) }))
      .sort((a, b) => order[a.p?.presence ?? "offline"] - order[b.p?.presence ?? "offline"] || a.o.name.localeCompare(b.o.name));
    return html`<h2>${msg("Operators", { id: "team.all" })}</h2>
      <table data-testid="team">
        <thead><tr><th>${msg("Operator", { id: "row.operator" })}</th><th>${msg("Status", { id: "team.status" })}</th><th>${msg("Load", { id: "team.loadHeader" })}</th><th class="num">${msg("Handled today", { id: "team.handled" })}</th><th class="num">${msg("First response", { id: "team.firstResponse" })}</th></tr></thead>
        <tbody>
          ${rows.map(({ o, p }) => {
            const label = !p || p.presence === "offline" ? msg("Offline", { id: "status.offline" }) : (statusNameOf(services.config.statuses, p.status) ?? p.status);
            const f = today.get(o.id);
            return html`<tr data-testid="team-row" data-operator-id=${o.id}>
              <td>${statusDot(presenceTone(p?.presence))}${o.name}</td>
              <td>${label}</td>
              <td>${p ? html`<meter min="0" max=${Math.max(1, p.capacity)} value=${p.activeConversations}></meter> ${p.activeConversations}/${p.capacity}${ownLimit(p)}` : "—"}</td>
              <td class="num">${f?.handled ?? 0}</td>
              <td class="num">${showDuration(f?.avgFirstResponseMs ?? null)}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-team-panel": TeamPanelElement;
  }
}
