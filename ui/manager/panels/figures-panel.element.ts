/**
 * `<parley-figures-panel>`: the day's figures as cards — conversations started, answered and
 * missed, waiting and active now, average and longest wait, first response and SLA attainment,
 * duration and satisfaction. Refreshed every minute by the dashboard.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { msg, localized } from "@lit/localize";
import { controls } from "../../operator/theme/theme.styles";
import { panelStyles } from "./panel.styles";
import { answeredRatio, showDuration, showPercent, type DayFigures } from "./figures.model";

/** The figures cards. */
@localized()
@customElement("parley-figures-panel")
export class FiguresPanelElement extends LitElement {
  static override styles = [
    controls,
    panelStyles,
    css`
      .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 0.6rem; }
      .card { border: 1px solid var(--p-border); border-radius: 8px; padding: 0.5rem 0.7rem; background: var(--p-bg-soft); }
      .value { font-size: 1.45rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      .label { font-size: 0.8rem; color: var(--p-fg-muted); }
    `,
  ];

  @property({ attribute: false }) accessor figures: DayFigures | null = null;

  override render() {
    const f = this.figures;
    const card = (id: string, value: string | number, label: string) => html`<div class="card" data-testid="figure-${id}"><div class="value">${value}</div><div class="label">${label}</div></div>`;
    return html`<h2>${msg("Today", { id: "figures.title" })}</h2>
      ${f === null
        ? html`<p class="empty">${msg("Loading…", { id: "app.loading" })}</p>`
        : html`<div class="cards">
            ${card("started", f.started, msg("conversations started", { id: "figures.started" }))}
            ${card("answered", `${f.answered} (${showPercent(answeredRatio(f))})`, msg("answered", { id: "figures.answered" }))}
            ${card("missed", f.missed, msg("missed (no operator reached)", { id: "figures.missed" }))}
            ${card("waiting", f.waitingNow, msg("waiting now", { id: "figures.waiting" }))}
            ${card("active", f.activeNow, msg("in progress now", { id: "figures.active" }))}
            ${card("avg-wait", showDuration(f.avgWaitMs), msg("average wait", { id: "figures.avgWait" }))}
            ${card("max-wait", showDuration(f.maxWaitMs), msg("longest wait", { id: "figures.maxWait" }))}
            ${card("first-response", showDuration(f.avgFirstResponseMs), msg("average first response", { id: "figures.firstResponse" }))}
            ${card("sla", showPercent(f.slaMetRatio), msg("first responses within SLA", { id: "figures.sla" }))}
            ${card("duration", showDuration(f.avgDurationMs), msg("average duration", { id: "figures.duration" }))}
            ${card("satisfaction", f.satisfaction === null ? "—" : f.satisfaction, msg("satisfaction (visitor questionnaires)", { id: "figures.satisfaction" }))}
          </div>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-figures-panel": FiguresPanelElement;
  }
}
