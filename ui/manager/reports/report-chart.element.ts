/**
 * `<parley-report-chart>`: a compact hand-drawn SVG chart of a report series — stacked bars
 * (volumes) or lines (durations) — with a legend, a round axis maximum and a tooltip per point.
 * No chart library: the dashboard needs three small charts, which is a few dozen lines of SVG.
 */
import { LitElement, css, html, svg, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { labelIndexes, linePaths, stackedBars } from "./reports.model";

/** One series of a chart. */
export interface ChartSeries {
  readonly name: string;
  /** A CSS colour (theme variables welcome). */
  readonly color: string;
  readonly values: readonly (number | null)[];
}

const W = 600;
const H = 150;
const LEFT = 44;
const BOTTOM = 18;
const PLOT = { width: W - LEFT - 4, height: H - BOTTOM - 8 };

/** The chart. */
@customElement("parley-report-chart")
export class ReportChartElement extends LitElement {
  static override styles = css`
    :host { display: block; }
    h3 { margin: 0 0 0.3rem; font-size: 0.9rem; }
    svg { width: 100%; height: auto; display: block; }
    text { font-size: 11px; fill: var(--p-fg-muted); font-family: var(--p-font, sans-serif); }
    .grid { stroke: var(--p-border); stroke-width: 1; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.8rem; font-size: 0.8rem; color: var(--p-fg-muted); margin-top: 0.2rem; }
    .swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 2px; margin-inline-end: 0.25rem; vertical-align: -0.05rem; }
  `;

  @property() accessor heading = "";
  @property() accessor kind: "bars" | "lines" = "bars";
  @property({ attribute: false }) accessor labels: readonly string[] = [];
  @property({ attribute: false }) accessor series: readonly ChartSeries[] = [];
  /** How values read on the axis and in tooltips. */
  @property({ attribute: false }) accessor format: (value: number) => string = String;

  override render() {
    const marks = this.kind === "bars" ? this.bars() : this.lines();
    return html`<h3>${this.heading}</h3>
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.heading}>
        <g transform="translate(${LEFT} 8)">
          <line class="grid" x1="0" y1="0" x2=${PLOT.width} y2="0"></line>
          <line class="grid" x1="0" y1=${PLOT.height} x2=${PLOT.width} y2=${PLOT.height}></line>
          <text x="-6" y="4" text-anchor="end">${this.format(marks.max)}</text>
          <text x="-6" y=${PLOT.height} text-anchor="end">0</text>
          ${marks.body}
          ${labelIndexes(this.labels.length).map((i) => this.xLabel(i))}
        </g>
      </svg>
      <div class="legend">${this.series.map((s) => html`<span><span class="swatch" style="background:${s.color}"></span>${s.name}</span>`)}</div>`;
  }

  /** A bucket's label under its centre; the first and last are aligned to the plot's edges so they are never cut. */
  private xLabel(i: number) {
    const count = this.labels.length;
    const [x, anchor] = count > 1 && i === 0 ? [0, "start"] : count > 1 && i === count - 1 ? [PLOT.width, "end"] : [((i + 0.5) * PLOT.width) / Math.max(1, count), "middle"];
    return svg`<text x=${x} y=${PLOT.height + 14} text-anchor=${anchor}>${this.labels[i]}</text>`;
  }

  private bars() {
    const columns = this.labels.map((_, i) => this.series.map((s) => s.values[i] ?? 0));
    const { segments, max } = stackedBars(columns, PLOT);
    const body = segments.map(
      (s) => svg`<rect data-testid="bar" x=${s.x} y=${s.y} width=${s.width} height=${s.height} fill=${this.series[s.series]!.color}><title>${this.labels[Math.floor((s.x / PLOT.width) * this.labels.length)]} — ${this.series[s.series]!.name}: ${this.format(s.value)}</title></rect>`,
    );
    return { max, body };
  }

  private lines() {
    const { paths, max } = linePaths(this.series.map((s) => s.values), PLOT);
    const slot = PLOT.width / Math.max(1, this.labels.length);
    const body = this.series.map(
      (s, k) => svg`${paths[k] ? svg`<path data-testid="line" d=${paths[k]} fill="none" stroke=${s.color} stroke-width="2" stroke-linejoin="round"></path>` : nothing}
        ${s.values.map((v, i) => (v === null ? nothing : svg`<circle cx=${i * slot + slot / 2} cy=${PLOT.height - (v / max) * PLOT.height} r="2.5" fill=${s.color}><title>${this.labels[i]} — ${s.name}: ${this.format(v)}</title></circle>`))}`,
    );
    return { max, body };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-report-chart": ReportChartElement;
  }
}
