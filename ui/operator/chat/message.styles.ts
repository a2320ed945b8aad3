/**
 * Styles of chat rows (bubbles, notes, lifecycle lines, attachments), shared by the live chat and
 * the printed transcript, with a print stylesheet: no chrome, black on white, every message kept
 * whole on its page.
 */
import { css } from "lit";

/** Chat row styles. */
export const messageStyles = css`
  .msg { max-width: min(38rem, 85%); margin: 0.35rem 0; padding: 0.45rem 0.7rem; border-radius: 10px; background: var(--p-visitor-bg); overflow-wrap: anywhere; }
  .msg.operator { margin-inline-start: auto; background: var(--p-operator-bg); }
  .msg.note { margin-inline-start: auto; background: var(--p-note-bg); color: var(--p-note-fg); border: 1px dashed currentColor; }
  .msg.pending { opacity: 0.75; }
  .msg header { font-size: 0.75rem; color: var(--p-fg-muted); display: flex; gap: 0.4rem; }
  .msg.note header { color: inherit; }
  .msg .who { font-weight: 600; }
  .msg .text p, .msg .text ul, .msg .text ol, .msg .text blockquote, .msg .text pre { margin: 0.2rem 0; }
  .msg .text a { color: var(--p-accent); }
  .msg .text blockquote { border-inline-start: 3px solid var(--p-border); padding-inline-start: 0.5rem; color: var(--p-fg-muted); }
  .msg .text code { font: 0.85em ui-monospace, monospace; background: var(--p-bg-soft); padding: 0 0.2rem; border-radius: 3px; }
  .msg .text pre { background: var(--p-bg-soft); padding: 0.4rem; border-radius: 4px; overflow-x: auto; }
  .receipt { font-size: 0.72rem; color: var(--p-fg-muted); text-align: end; }
  .source { font-size: 0.72rem; color: var(--p-fg-muted); margin-top: 0.2rem; }
  .source a { color: inherit; }
  .line { text-align: center; font-size: 0.8rem; color: var(--p-fg-muted); margin: 0.5rem 0; }
  .line.transfer { color: var(--p-accent); }
  .line.warn { color: var(--p-warn); }
  .line.ended { border-top: 1px solid var(--p-border); padding-top: 0.4rem; }
  .line.request[data-state="open"] strong { color: var(--p-warn); }
  .line.request[data-state="answered"] strong { color: var(--p-ok); }
  .line.answers { color: var(--p-fg); background: var(--p-bg-soft); border-radius: 6px; padding: 0.35rem 0.6rem; }
  .line time, .msg time { font-size: 0.72rem; color: var(--p-fg-muted); }
  .file { display: inline-flex; align-items: center; gap: 0.4rem; color: var(--p-accent); margin-top: 0.2rem; }
  .file img { max-width: 12rem; max-height: 9rem; border-radius: 6px; display: block; }
  @media print {
    .msg, .msg.operator, .msg.note { background: none !important; color: #000 !important; border: 1px solid #999; break-inside: avoid; max-width: 100%; margin-inline: 0; }
    .msg.pending, .msg.note, .older, button, .typing { display: none !important; }
    .line, .line time, .msg time, .msg header { color: #333 !important; }
    a { color: #000 !important; text-decoration: underline; }
  }
`;
