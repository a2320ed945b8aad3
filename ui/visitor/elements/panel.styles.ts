/**
 * Styles of the chat panel. Logical properties throughout (inline/block, start/end) so the layout
 * mirrors itself for right-to-left languages; the panel takes the whole screen below 480 px; colours
 * come from the AA-checked tokens and the brand properties computed from the configured colour.
 */
import { css } from "lit";

/** The panel's stylesheet (child elements render into the panel's shadow root, so it covers them too). */
export const panelStyles = css`
  :host { all: initial; font-family: var(--parley-font); color: var(--parley-text); font-size: 15px; line-height: 1.45; }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .sr-only { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  button, input, select, textarea { font: inherit; color: inherit; }
  :focus-visible { outline: 3px solid var(--parley-focus); outline-offset: 2px; }

  .panel { position: fixed; inset-block-end: 88px; z-index: 2147483001; inline-size: 380px; max-inline-size: calc(100vw - 40px);
    block-size: min(640px, calc(100vh - 120px)); display: flex; flex-direction: column; overflow: hidden;
    background: var(--parley-surface); border-radius: var(--parley-radius); box-shadow: var(--parley-shadow); }
  .panel.right { right: 20px; } .panel.left { left: 20px; }
  @media (max-width: 480px) { .panel { inset: 0; inline-size: 100%; max-inline-size: none; block-size: 100%; border-radius: 0; } }
  @media (prefers-reduced-motion: no-preference) { .panel { animation: rise 0.18s ease-out; } @keyframes rise { from { opacity: 0; transform: translateY(8px); } } }

  header { display: flex; align-items: center; gap: 0.6rem; padding: 0.8rem 0.9rem; background: var(--parley-primary); color: var(--parley-on-primary); }
  header .who { flex: 1; min-inline-size: 0; }
  header h2 { margin: 0; font-size: 1.02rem; font-weight: 650; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  header p { margin: 0; font-size: 0.82rem; opacity: 0.95; }
  .icon-button { display: inline-grid; place-items: center; inline-size: 2.4rem; block-size: 2.4rem; border: 0; border-radius: 50%; background: transparent; color: inherit; cursor: pointer; }
  .icon-button:hover { background: rgb(127 127 127 / 0.18); }
  header :focus-visible { outline-color: var(--parley-on-primary); }
  .avatar { inline-size: 2.2rem; block-size: 2.2rem; border-radius: 50%; object-fit: cover; background: var(--parley-surface); color: var(--parley-text); display: grid; place-items: center; font-weight: 650; flex: none; }

  .banner { padding: 0.5rem 0.9rem; font-size: 0.88rem; background: var(--parley-warning-bg); color: var(--parley-warning-text); display: flex; gap: 0.5rem; align-items: center; justify-content: space-between; }
  .banner.status { background: var(--parley-surface-alt); color: var(--parley-text); }
  .link-button { border: 0; background: none; padding: 0.2rem; color: var(--parley-primary-text); text-decoration: underline; cursor: pointer; }
  .banner .link-button { color: inherit; }

  main { flex: 1; min-block-size: 0; display: flex; flex-direction: column; position: relative; }
  .screen { padding: 1.1rem; overflow-y: auto; flex: 1; }
  .screen h3 { margin-block: 0 0.6rem; font-size: 1.05rem; }
  .lead { margin-block: 0 1rem; white-space: pre-line; }

  form { display: grid; gap: 0.8rem; }
  label { display: block; font-size: 0.9rem; font-weight: 600; }
  input, select, textarea { inline-size: 100%; padding: 0.55rem 0.65rem; border: 1px solid var(--parley-border); border-radius: var(--parley-radius-small); background: var(--parley-surface); font-weight: 400; }
  textarea { resize: vertical; min-block-size: 5rem; }
  [aria-invalid="true"] { border-color: var(--parley-danger); }
  .field-error { color: var(--parley-danger); font-size: 0.84rem; font-weight: 500; }
  .primary { padding: 0.65rem 1rem; border: 0; border-radius: var(--parley-radius-small); background: var(--parley-primary); color: var(--parley-on-primary); font-weight: 650; cursor: pointer; }
  .primary[disabled] { opacity: 0.6; cursor: progress; }
  .secondary { padding: 0.6rem 1rem; border: 1px solid var(--parley-border); border-radius: var(--parley-radius-small); background: var(--parley-surface); cursor: pointer; }
  .actions { display: flex; gap: 0.6rem; flex-wrap: wrap; }
  .error { color: var(--parley-danger); margin: 0; }

`;
