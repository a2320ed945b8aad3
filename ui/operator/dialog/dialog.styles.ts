/** Styles shared by the console's modal dialogs (transfer, manager help, questionnaire): see form-dialog.element.ts. */
import { css } from "lit";

/** A centred modal card over a dimmed page. */
export const dialogStyles = css`
  :host { position: fixed; inset: 0; display: grid; place-items: center; background: rgb(0 0 0 / 0.35); z-index: 25; }
  form, section.card { background: var(--p-bg-raised); border-radius: 10px; padding: 1.1rem 1.3rem; box-shadow: var(--p-shadow); width: min(30rem, 94vw); display: grid; gap: 0.7rem; max-height: 90vh; overflow-y: auto; }
  h2 { margin: 0; font-size: 1.1rem; }
  label { display: grid; gap: 0.25rem; font-weight: 600; }
  textarea { width: 100%; min-height: 4rem; resize: vertical; }
  .actions { display: flex; justify-content: flex-end; gap: 0.5rem; }
  fieldset { border: 1px solid var(--p-border); border-radius: var(--p-radius); display: grid; gap: 0.3rem; padding: 0.5rem 0.7rem; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  .choice { display: flex; align-items: center; gap: 0.4rem; font-weight: 400; }
  @media print { :host { display: none; } }
`;
