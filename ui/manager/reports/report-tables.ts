/**
 * The Reports panel's tables, as template functions: the series (one line per day or week, the
 * period's total at the foot), and the breakdowns by priority, status, department and operator.
 */
import { html } from "lit";
import { msg } from "@lit/localize";
import { priorityLabel, stateLabel } from "../../operator/conversations/conversation-labels";
import type { ConversationState, Priority } from "../../shared/protocol";
import { share, showMs, type CohortRow, type Report, type ReportFigures } from "./reports.model";

const score = (value: number | null) => (value === null ? "—" : String(value));

/** The cells every series line shows. */
function figureCells(f: ReportFigures) {
  return html`<td class="num">${f.started}</td>
    <td class="num">${f.answered}${f.started > 0 ? html` <span class="muted">${share(f.answered, f.started)}</span>` : ""}</td>
    <td class="num">${f.abandoned}</td>
    <td class="num">${f.missed}</td>
    <td class="num">${f.ended}</td>
    <td class="num">${f.visitorMessages}</td>
    <td class="num">${f.operatorMessages}</td>
    <td class="num">${showMs(f.avgWaitMs)}</td>
    <td class="num">${showMs(f.avgFirstResponseMs)}</td>
    <td class="num">${showMs(f.p90FirstResponseMs)}</td>
    <td class="num">${showMs(f.avgHandlingMs)}</td>
    <td class="num">${score(f.satisfaction)}</td>`;
}

/** The series table. */
export function seriesTable(report: Report, dateLabel: (key: string) => string) {
  return html`<table data-testid="report-series">
    <thead>
      <tr>
        <th>${report.granularity === "week" ? msg("Week of", { id: "reports.weekOf" }) : msg("Date", { id: "reports.date" })}</th>
        <th class="num">${msg("Started", { id: "reports.started" })}</th>
        <th class="num">${msg("Answered", { id: "reports.answered" })}</th>
        <th class="num" title=${msg("The visitor left before an operator joined", { id: "reports.abandonedHint" })}>${msg("Abandoned", { id: "reports.abandoned" })}</th>
        <th class="num" title=${msg("Ended without an operator: none available, closing time or timeout", { id: "reports.missedHint" })}>${msg("Missed", { id: "reports.missed" })}</th>
        <th class="num">${msg("Ended", { id: "state.ended" })}</th>
        <th class="num">${msg("Visitor messages", { id: "reports.visitorMessages" })}</th>
        <th class="num">${msg("Operator messages", { id: "reports.operatorMessages" })}</th>
        <th class="num">${msg("Avg wait", { id: "reports.avgWait" })}</th>
        <th class="num">${msg("Avg first response", { id: "reports.avgFirstResponse" })}</th>
        <th class="num">${msg("p90 first response", { id: "reports.p90FirstResponse" })}</th>
        <th class="num">${msg("Avg handling", { id: "reports.avgHandling" })}</th>
        <th class="num">${msg("Satisfaction", { id: "reports.satisfaction" })}</th>
      </tr>
    </thead>
    <tbody>
      ${report.series.map((p) => html`<tr data-testid="report-row" data-key=${p.key}><td>${dateLabel(p.key)}</td>${figureCells(p)}</tr>`)}
    </tbody>
    <tfoot>
      <tr data-testid="report-total"><th>${msg("Total", { id: "reports.total" })}</th>${figureCells(report.totals)}</tr>
    </tfoot>
  </table>`;
}

/** A department or priority breakdown. */
function cohortTable(testId: string, heading: string, rows: readonly CohortRow[], keyLabel: (key: string | null) => string) {
  return html`<table data-testid=${testId}>
    <thead>
      <tr>
        <th>${heading}</th>
        <th class="num">${msg("Started", { id: "reports.started" })}</th>
        <th class="num">${msg("Answered", { id: "reports.answered" })}</th>
        <th class="num">${msg("Abandoned", { id: "reports.abandoned" })}</th>
        <th class="num">${msg("Missed", { id: "reports.missed" })}</th>
        <th class="num">${msg("Avg wait", { id: "reports.avgWait" })}</th>
        <th class="num">${msg("Avg first response", { id: "reports.avgFirstResponse" })}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr>
          <td>${keyLabel(r.key)}</td>
          <td class="num">${r.started}</td>
          <td class="num">${r.answered}${r.started > 0 ? html` <span class="muted">${share(r.answered, r.started)}</span>` : ""}</td>
          <td class="num">${r.abandoned}</td>
          <td class="num">${r.missed}</td>
          <td class="num">${showMs(r.avgWaitMs)}</td>
          <td class="num">${showMs(r.avgFirstResponseMs)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The breakdowns of the conversations started in the period, and the operators' figures. */
export function breakdownTables(report: Report, departmentName: (id: string) => string) {
  const departments = cohortTable("report-departments", msg("Department", { id: "filters.department" }), report.byDepartment, (key) => (key === null ? msg("No department", { id: "reports.noDepartment" }) : departmentName(key)));
  const priorities = cohortTable("report-priorities", msg("Priority", { id: "filters.priorityLabel" }), report.byPriority, (key) => priorityLabel(key as Priority));
  const statuses = html`<table data-testid="report-statuses">
    <thead><tr><th>${msg("Status now", { id: "reports.statusNow" })}</th><th class="num">${msg("Conversations", { id: "reports.conversations" })}</th></tr></thead>
    <tbody>${report.byStatus.map((s) => html`<tr><td>${stateLabel(s.key as ConversationState)}</td><td class="num">${s.count}</td></tr>`)}</tbody>
  </table>`;
  const operators = html`<table data-testid="report-operators">
    <thead>
      <tr>
        <th>${msg("Operator", { id: "reports.operator" })}</th>
        <th class="num">${msg("Conversations taken", { id: "reports.handled" })}</th>
        <th class="num">${msg("Messages sent", { id: "reports.messagesSent" })}</th>
        <th class="num">${msg("Avg first response", { id: "reports.avgFirstResponse" })}</th>
        <th class="num">${msg("Avg handling", { id: "reports.avgHandling" })}</th>
        <th class="num">${msg("Satisfaction", { id: "reports.satisfaction" })}</th>
      </tr>
    </thead>
    <tbody>
      ${report.byOperator.length === 0
        ? html`<tr><td colspan="6" class="empty">${msg("No operator took a conversation in this period.", { id: "reports.noOperators" })}</td></tr>`
        : report.byOperator.map(
            (o) => html`<tr data-testid="report-operator" data-operator-id=${o.operatorId}>
              <td>${o.name}</td>
              <td class="num">${o.handled}</td>
              <td class="num">${o.messages}</td>
              <td class="num">${showMs(o.avgFirstResponseMs)}</td>
              <td class="num">${showMs(o.avgHandlingMs)}</td>
              <td class="num">${score(o.satisfaction)}${o.satisfactionAnswers > 0 ? html` <span class="muted">(${o.satisfactionAnswers})</span>` : ""}</td>
            </tr>`,
          )}
    </tbody>
  </table>`;
  return { departments, priorities, statuses, operators };
}
