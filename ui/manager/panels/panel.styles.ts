/** Styles shared by the dashboard's panels: a card with a title and a compact table. */
import { css } from "lit";

/** Card and table styles. */
export const panelStyles = css`
  :host { display: block; background: var(--p-bg); border: 1px solid var(--p-border); border-radius: 10px; padding: 0.8rem 1rem; overflow-x: auto; }
  h2 { margin: 0 0 0.6rem; font-size: 1rem; display: flex; gap: 0.5rem; align-items: baseline; }
  table { width: 100%; border-collapse: collapse; font-size: 0.88rem; }
  th { text-align: start; color: var(--p-fg-muted); font-weight: 600; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--p-border); }
  td { padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--p-border); vertical-align: middle; }
  .num { text-align: end; font-variant-numeric: tabular-nums; }
  .late { color: var(--p-danger); font-weight: 600; }
  .empty { color: var(--p-fg-muted); padding: 0.6rem 0; }
  a { color: var(--p-accent); }
`;
