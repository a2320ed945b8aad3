/**
 * `<parley-reports-panel>`: the manager's reports — pick a period (local dates of the instance's
 * time zone), a department and day or week buckets; read the totals, three small trend charts
 * (conversations, first response, messages), the per-day table and the breakdowns by priority,
 * status, department and operator; download any of them, or the period's transcripts, as CSV.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { ApiError } from "../../operator/api/api.client";
import { servicesContext, type ConsoleServices } from "../../operator/state/console.context";
import { controls } from "../../operator/theme/theme.styles";
import { panelStyles } from "../panels/panel.styles";
import "./report-chart.element";
import { breakdownTables, seriesTable } from "./report-tables";
import { exportUrl, reportUrl, share, showMs, transcriptsUrl, type Report, type ReportRequest } from "./reports.model";

/** The panel. */
@localized()
@customElement("parley-reports-panel")
export class ReportsPanelElement extends LitElement {
  static override styles = [
    controls,
    panelStyles,
    css`
      form, .exports { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.6rem; }
      label { display: grid; gap: 0.15rem; font-size: 0.8rem; color: var(--p-fg-muted); }
      .exports { font-size: 0.85rem; align-items: center; }
      .exports a { border: 1px solid var(--p-border); border-radius: 6px; padding: 0.2rem 0.55rem; text-decoration: none; }
      .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: 0.5rem; margin-bottom: 0.8rem; }
      .card { border: 1px solid var(--p-border); border-radius: 8px; padding: 0.4rem 0.6rem; background: var(--p-bg-soft); }
      .value { font-size: 1.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      .label { font-size: 0.78rem; color: var(--p-fg-muted); }
      .charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); margin-bottom: 0.8rem; }
      .breakdowns { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); margin-top: 0.8rem; }
      .muted { color: var(--p-fg-muted); font-size: 0.8rem; font-weight: 400; }
      .error { color: var(--p-danger); }
      tfoot th { text-align: start; border-top: 2px solid var(--p-border); }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor request: ReportRequest = { department: "", granularity: "day" };
  @state() private accessor report: Report | null = null;
  @state() private accessor loading = false;
  @state() private accessor error = "";
  private loadedOnce = false;

  override updated(): void {
    if (!this.loadedOnce && this.services) {
      this.loadedOnce = true;
      void this.load();
    }
  }

  /** Fetches the report of the current request; the server fills in the default period. */
  private async load(): Promise<void> {
    if (!this.services) return;
    this.loading = true;
    this.error = "";
    try {
      const report = await this.services.api.http.get<Report>(reportUrl(this.request));
      this.report = report;
      this.request = { ...this.request, from: report.from, to: report.to };
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : msg("The report could not be loaded.", { id: "reports.failed" });
    } finally {
      this.loading = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    this.request = { from: String(form.get("from") ?? ""), to: String(form.get("to") ?? ""), department: String(form.get("department") ?? ""), granularity: form.get("granularity") === "week" ? "week" : "day" };
    void this.load();
  }

  private dateLabel = (key: string) => new Date(`${key}T12:00:00Z`).toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "short", timeZone: "UTC" });

  override render() {
    const services = this.services;
    if (!services) return nothing;
    const r = this.report;
    const departments = services.config.departments;
    const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
    return html`<h2>${msg("Reports", { id: "reports.title" })} ${r ? html`<span class="muted" data-testid="report-zone">${msg(str`Dates in ${r.timeZone}`, { id: "reports.zone" })}</span>` : nothing}</h2>
      <form @submit=${this.submit} data-testid="report-form">
        <label>${msg("From", { id: "reports.from" })}<input type="date" name="from" required .value=${this.request.from ?? ""} /></label>
        <label>${msg("To", { id: "reports.to" })}<input type="date" name="to" required .value=${this.request.to ?? ""} /></label>
        <label>${msg("Department", { id: "filters.department" })}
          <select name="department" .value=${this.request.department}>
            <option value="">${msg("All departments", { id: "reports.allDepartments" })}</option>
            ${departments.map((d) => html`<option value=${d.id} ?selected=${d.id === this.request.department}>${d.name}</option>`)}
          </select>
        </label>
        <label>${msg("Per", { id: "reports.per" })}
          <select name="granularity">
            <option value="day" ?selected=${this.request.granularity === "day"}>${msg("day", { id: "reports.day" })}</option>
            <option value="week" ?selected=${this.request.granularity === "week"}>${msg("week", { id: "reports.week" })}</option>
          </select>
        </label>
        <button type="submit" ?disabled=${this.loading}>${this.loading ? msg("Loading…", { id: "app.loading" }) : msg("Show", { id: "reports.show" })}</button>
      </form>
      <div class="exports">
        <span class="muted">${msg("Export CSV:", { id: "reports.export" })}</span>
        <a data-testid="export-series" href=${exportUrl(this.request, "series")} download>${msg("Report", { id: "reports.exportSeries" })}</a>
        <a data-testid="export-operators" href=${exportUrl(this.request, "operators")} download>${msg("By operator", { id: "reports.exportOperators" })}</a>
        <a data-testid="export-departments" href=${exportUrl(this.request, "departments")} download>${msg("By department", { id: "reports.exportDepartments" })}</a>
        <a data-testid="export-priorities" href=${exportUrl(this.request, "priorities")} download>${msg("By priority", { id: "reports.exportPriorities" })}</a>
        <a data-testid="export-transcripts" href=${transcriptsUrl(this.request)} download>${msg("Transcripts", { id: "reports.exportTranscripts" })}</a>
      </div>
      ${this.error ? html`<p class="error" role="alert" data-testid="report-error">${this.error}</p>` : nothing}
      ${r === null ? (this.error ? nothing : html`<p class="empty">${msg("Loading…", { id: "app.loading" })}</p>`) : this.body(r, departmentName)}`;
  }

  private body(r: Report, departmentName: (id: string) => string) {
    const t = r.totals;
    const card = (id: string, value: string | number, label: string) => html`<div class="card" data-testid="report-${id}"><div class="value">${value}</div><div class="label">${label}</div></div>`;
    const labels = r.series.map((p) => this.dateLabel(p.key));
    const unanswered = (p: Report["totals"]) => Math.max(0, p.started - p.answered - p.abandoned - p.missed);
    const seconds = (ms: number) => showMs(ms);
    const tables = breakdownTables(r, departmentName);
    return html`<div class="cards">
        ${card("started", t.started, msg("conversations started", { id: "figures.started" }))}
        ${card("answered", `${t.answered} (${share(t.answered, t.started)})`, msg("answered", { id: "figures.answered" }))}
        ${card("unanswered", t.abandoned + t.missed, msg("abandoned or missed", { id: "reports.unanswered" }))}
        ${card("first-response", showMs(t.avgFirstResponseMs), msg("average first response", { id: "figures.firstResponse" }))}
        ${card("p90", showMs(t.p90FirstResponseMs), msg("90% answered within", { id: "reports.p90Card" }))}
        ${card("handling", showMs(t.avgHandlingMs), msg("average handling time", { id: "reports.handlingCard" }))}
        ${card("messages", t.visitorMessages + t.operatorMessages, msg("messages", { id: "reports.messagesCard" }))}
        ${card("satisfaction", t.satisfaction ?? "—", msg("satisfaction (visitor questionnaires)", { id: "figures.satisfaction" }))}
      </div>
      <div class="charts">
        <parley-report-chart data-testid="chart-conversations" .heading=${msg("Conversations", { id: "reports.conversations" })} kind="bars" .labels=${labels}
          .series=${[
            { name: msg("Answered", { id: "reports.answered" }), color: "var(--p-accent)", values: r.series.map((p) => p.answered) },
            { name: msg("Abandoned", { id: "reports.abandoned" }), color: "var(--p-warn)", values: r.series.map((p) => p.abandoned) },
            { name: msg("Missed", { id: "reports.missed" }), color: "var(--p-danger)", values: r.series.map((p) => p.missed) },
            { name: msg("Still waiting", { id: "reports.stillWaiting" }), color: "var(--p-fg-muted)", values: r.series.map(unanswered) },
          ]}></parley-report-chart>
        <parley-report-chart data-testid="chart-first-response" .heading=${msg("First response", { id: "reports.firstResponseChart" })} kind="lines" .labels=${labels} .format=${seconds}
          .series=${[
            { name: msg("Average", { id: "reports.average" }), color: "var(--p-accent)", values: r.series.map((p) => p.avgFirstResponseMs) },
            { name: msg("90th percentile", { id: "reports.p90" }), color: "var(--p-warn)", values: r.series.map((p) => p.p90FirstResponseMs) },
          ]}></parley-report-chart>
        <parley-report-chart data-testid="chart-messages" .heading=${msg("Messages", { id: "reports.messagesChart" })} kind="bars" .labels=${labels}
          .series=${[
            { name: msg("From visitors", { id: "reports.fromVisitors" }), color: "var(--p-ok)", values: r.series.map((p) => p.visitorMessages) },
            { name: msg("From operators", { id: "reports.fromOperators" }), color: "var(--p-accent)", values: r.series.map((p) => p.operatorMessages) },
          ]}></parley-report-chart>
      </div>
      ${seriesTable(r, this.dateLabel)}
      <div class="breakdowns">${tables.operators} ${tables.departments} ${tables.priorities} ${tables.statuses}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-reports-panel": ReportsPanelElement;
  }
}
