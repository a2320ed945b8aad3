/**
 * `<parley-toast-stack>`: short messages at the bottom of the screen ("Transcript queued for
 * e-mail", "Transfer refused: …"), announced to screen readers, gone after a few seconds.
 */
import { LitElement, css, html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { RequestListener, servicesContext, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";

interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: "info" | "error";
}

/** The toast area. */
@customElement("parley-toast-stack")
export class ToastStackElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { position: fixed; inset-block-end: 1rem; inset-inline-start: 50%; transform: translateX(-50%); display: grid; gap: 0.4rem; z-index: 20; }
      div { padding: 0.5rem 0.9rem; border-radius: var(--p-radius); background: var(--p-fg); color: var(--p-bg); box-shadow: var(--p-shadow); max-width: 32rem; }
      div.error { background: var(--p-danger); color: #fff; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor toasts: readonly Toast[] = [];
  private next = 1;

  constructor() {
    super();
    new RequestListener(this, () => this.services?.bus, (req) => {
      if (req.kind !== "toast") return;
      const toast = { id: this.next++, text: req.text, tone: req.tone };
      this.toasts = [...this.toasts.slice(-3), toast];
      setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== toast.id)), req.tone === "error" ? 8000 : 4000);
    });
  }

  override render() {
    return html`<section aria-live="polite">${this.toasts.map((t) => html`<div class=${t.tone} role=${t.tone === "error" ? "alert" : "status"} data-testid="toast">${t.text}</div>`)}</section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-toast-stack": ToastStackElement;
  }
}
