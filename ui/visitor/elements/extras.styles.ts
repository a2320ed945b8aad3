/**
 * Styles of the questionnaire and the offline form, shipped in the same chunk as the code that needs them and adopted
 * into the panel's shadow root when that chunk loads (ChatPanelElement adopts them).
 */
import { css } from "lit";

/** Questionnaire styles. */
export const extrasStyles = css`
  fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: 0.4rem; }
  legend { font-weight: 600; padding: 0; margin-block-end: 0.3rem; }
  .scale { display: flex; flex-wrap: wrap; gap: 0.35rem; }
  .scale label, .choices label { display: inline-flex; align-items: center; gap: 0.35rem; font-weight: 400; }
  .scale input { position: absolute; opacity: 0; inline-size: 1px; block-size: 1px; }
  .scale span { display: inline-grid; place-items: center; min-inline-size: 2.4rem; block-size: 2.4rem; border: 1px solid var(--parley-border); border-radius: var(--parley-radius-small); cursor: pointer; }
  .scale input:checked + span { background: var(--parley-primary); color: var(--parley-on-primary); border-color: var(--parley-primary); }
  .scale input:focus-visible + span { outline: 3px solid var(--parley-focus); outline-offset: 2px; }
  .choices input { inline-size: auto; }
  .scale-labels { display: flex; justify-content: space-between; font-size: 0.8rem; color: var(--parley-text-muted); }
`;
