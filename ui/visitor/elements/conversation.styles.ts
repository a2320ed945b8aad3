/**
 * Styles of the conversation screen (timeline, bubbles, composer, queue), shipped in the same chunk as the code that needs them and adopted
 * into the panel's shadow root when that chunk loads (ChatPanelElement adopts them).
 */
import { css } from "lit";

/** Timeline, composer, queue and drop-zone styles. */
export const conversationStyles = css`
  .chat { flex: 1; min-block-size: 0; display: flex; flex-direction: column; position: relative; }
  .scroll { flex: 1; overflow-y: auto; padding: 0.9rem; overscroll-behavior: contain; }
  ol.timeline { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  .msg { display: grid; gap: 0.15rem; max-inline-size: 85%; justify-self: start; }
  .msg.visitor { justify-self: end; justify-items: end; }
  .bubble { padding: 0.5rem 0.75rem; border-radius: 1rem; background: var(--parley-surface-alt); overflow-wrap: anywhere; }
  .bubble p, .bubble ul, .bubble ol, .bubble pre, .bubble blockquote { margin: 0; }
  .bubble p + p { margin-block-start: 0.4rem; }
  .bubble a { color: var(--parley-primary-text); }
  .visitor .bubble { background: var(--parley-primary); color: var(--parley-on-primary); border-end-end-radius: 0.3rem; }
  .visitor .bubble a { color: inherit; }
  .operator .bubble { border-end-start-radius: 0.3rem; }
  .meta { font-size: 0.76rem; color: var(--parley-text-muted); display: flex; gap: 0.4rem; align-items: center; }
  .meta .failed { color: var(--parley-danger); font-weight: 600; }
  .marker, .notice { justify-self: center; text-align: center; font-size: 0.84rem; color: var(--parley-text-muted); max-inline-size: 90%; }
  .notice { background: var(--parley-surface-alt); color: var(--parley-text); padding: 0.45rem 0.7rem; border-radius: var(--parley-radius-small); }
  .request { display: grid; gap: 0.4rem; justify-items: center; }
  .request .done { color: var(--parley-success); font-weight: 600; }
  .thumb { display: block; max-inline-size: 220px; max-block-size: 200px; border-radius: 0.6rem; }
  .file { display: inline-flex; gap: 0.4rem; align-items: center; border: 0; background: none; color: inherit; text-decoration: underline; cursor: pointer; padding: 0; text-align: start; }
  progress { inline-size: 8rem; }
  .typing { font-size: 0.84rem; color: var(--parley-text-muted); padding: 0 0.9rem 0.4rem; min-block-size: 1.3rem; }

  .queue { text-align: center; padding: 1rem 0.5rem; display: grid; gap: 0.2rem; }
  .queue strong { font-size: 1.1rem; }

  .composer { border-block-start: 1px solid var(--parley-border); padding: 0.55rem; display: flex; gap: 0.4rem; align-items: flex-end; }
  .composer textarea { flex: 1; min-block-size: 2.6rem; max-block-size: 8rem; resize: none; border-radius: 1.2rem; padding-inline: 0.9rem; }
  .composer .icon-button { color: var(--parley-text-muted); }
  .composer .send { color: var(--parley-primary-text); }
  .counter { font-size: 0.76rem; color: var(--parley-text-muted); padding-inline: 0.9rem; }
  .drop { position: absolute; inset: 0; display: grid; place-items: center; background: rgb(255 255 255 / 0.92); border: 3px dashed var(--parley-primary-text); font-weight: 650; color: var(--parley-primary-text); z-index: 2; }

  .sheet { border-block-start: 1px solid var(--parley-border); padding: 0.9rem; max-block-size: 60%; overflow-y: auto; background: var(--parley-surface); }
`;
