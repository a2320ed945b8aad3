/**
 * `<parley-app-shell heading="…">`: the frame shared by the staff UIs (console, dashboard): a
 * header with the page title and the server status badge, and the page's content in the slot.
 * One element so both UIs look and behave alike as they grow.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import "./server-status.element";

/** Header + content frame of a staff page. */
@customElement("parley-app-shell")
export class AppShellElement extends LitElement {
  static override styles = css`
    :host { display: block; font: 16px/1.5 system-ui, sans-serif; color: #1b1f24; }
    header { display: flex; justify-content: space-between; align-items: center; padding: 0.75rem 1.25rem; border-bottom: 1px solid #d0d7de; }
    h1 { font-size: 1.1rem; margin: 0; }
    main { padding: 1.25rem; }
  `;

  /** The page title shown after "Parley —". */
  @property() accessor heading = "";

  override render() {
    return html`<header><h1>Parley — ${this.heading}</h1><parley-server-status></parley-server-status></header><main><slot></slot></main>`;
  }
}
