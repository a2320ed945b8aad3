/**
 * The console's look: colour tokens as CSS custom properties on the root element (they inherit
 * into every component's shadow root), a light and a dark palette — dark follows
 * `prefers-color-scheme` unless the operator picked one — and the small set of shared control
 * styles (buttons, inputs, badges) every component includes. Contrast is WCAG AA in both palettes.
 */
import { css } from "lit";

/**
 * The dark palette, written once: the operator's explicit choice (`theme="dark"`) and the system's
 * preference under `theme="auto"` both apply it.
 */
const darkPalette = css`
  --p-bg: #0f1419;
  --p-bg-soft: #161b22;
  --p-bg-raised: #1c2128;
  --p-fg: #e6edf3;
  --p-fg-muted: #9da7b3;
  --p-border: #30363d;
  --p-accent: #4c9aff;
  --p-accent-fg: #0f1419;
  --p-accent-soft: #15304f;
  --p-danger: #ff7b72;
  --p-warn: #e3b341;
  --p-ok: #56d364;
  --p-note-bg: #3b2f0b;
  --p-note-fg: #f5e0a3;
  --p-visitor-bg: #21262d;
  --p-operator-bg: #1b3252;
  --p-flash: #ff6b6b;
  --p-shadow: 0 6px 24px rgb(0 0 0 / 0.5);
  color-scheme: dark;
`;

/** Palette tokens; applied on `<parley-console>` with its `theme` attribute (auto | light | dark). */
export const themeTokens = css`
  :host {
    --p-font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    --p-radius: 6px;
    --p-bg: #ffffff;
    --p-bg-soft: #f6f8fa;
    --p-bg-raised: #ffffff;
    --p-fg: #1f2328;
    --p-fg-muted: #59636e;
    --p-border: #d1d9e0;
    --p-accent: #0b5cad;
    --p-accent-fg: #ffffff;
    --p-accent-soft: #ddeeff;
    --p-danger: #b42318;
    --p-warn: #8a5a00;
    --p-ok: #1a7f37;
    --p-note-bg: #fff4d6;
    --p-note-fg: #4d3800;
    --p-visitor-bg: #eef1f4;
    --p-operator-bg: #dbeafe;
    --p-flash: #d1242f;
    --p-shadow: 0 6px 24px rgb(0 0 0 / 0.14);
    color-scheme: light;
  }
  :host([theme="dark"]) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme="auto"]) {
      ${darkPalette}
    }
  }
`;

/** Controls shared by every component (include in `static styles`). */
export const controls = css`
  :host { font: var(--p-font); color: var(--p-fg); box-sizing: border-box; }
  *, *::before, *::after { box-sizing: inherit; }
  button, select, input, textarea { font: inherit; color: inherit; }
  button {
    display: inline-flex; align-items: center; gap: 0.3rem; cursor: pointer;
    padding: 0.3rem 0.65rem; border-radius: var(--p-radius); border: 1px solid var(--p-border);
    background: var(--p-bg-raised); color: var(--p-fg); line-height: 1.3;
  }
  button:hover:not(:disabled) { border-color: var(--p-accent); }
  button:disabled { opacity: 0.5; cursor: default; }
  button.primary { background: var(--p-accent); border-color: var(--p-accent); color: var(--p-accent-fg); }
  button.danger { color: var(--p-danger); }
  button.icon { padding: 0.25rem 0.45rem; min-width: 2rem; justify-content: center; }
  button.ghost { border-color: transparent; background: transparent; }
  button[aria-pressed="true"] { background: var(--p-accent-soft); border-color: var(--p-accent); }
  input, select, textarea {
    background: var(--p-bg); border: 1px solid var(--p-border); border-radius: var(--p-radius); padding: 0.3rem 0.5rem;
  }
  :focus-visible { outline: 2px solid var(--p-accent); outline-offset: 1px; }
  .muted { color: var(--p-fg-muted); }
  .badge {
    display: inline-block; min-width: 1.3rem; padding: 0 0.35rem; border-radius: 999px; text-align: center;
    font-size: 0.75rem; line-height: 1.3rem; background: var(--p-accent); color: var(--p-accent-fg);
  }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .error { color: var(--p-danger); }
`;
