/** Styles of the reply box. */
import { css } from "lit";

/** Composer layout: modes + toolbar, the textarea, then attachments and send. */
export const composerStyles = css`
  :host { display: block; border-top: 1px solid var(--p-border); background: var(--p-bg-soft); }
  .box { position: relative; padding: 0.5rem 0.8rem 0.6rem; display: grid; gap: 0.35rem; }
  .box.note-mode textarea { background: var(--p-note-bg); color: var(--p-note-fg); }
  .top { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; }
  .modes { display: inline-flex; gap: 0.2rem; }
  .modes button { font-size: 0.82rem; padding: 0.15rem 0.55rem; }
  textarea { width: 100%; resize: vertical; min-height: 4.2rem; max-height: 40vh; padding: 0.45rem 0.6rem; line-height: 1.4; }
  .bottom { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  .spacer { flex: 1; }
  .attach { display: inline-flex; align-items: center; gap: 0.25rem; cursor: pointer; padding: 0.25rem 0.5rem; border-radius: var(--p-radius); }
  .attach:hover { background: var(--p-bg); }
  .attach input { position: absolute; width: 1px; height: 1px; opacity: 0; }
  .attach:focus-within { outline: 2px solid var(--p-accent); }
  .count { font-size: 0.78rem; }
  @media print { :host { display: none; } }
`;
