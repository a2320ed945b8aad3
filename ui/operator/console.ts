/**
 * Entry of the operator console bundle (served at /console). The full console — conversation
 * tabs, queue, transfers — is built in its own issue; this shell establishes the bundle, the page
 * and the custom element the rest grows from.
 */
import { LitElement, css, html } from "lit";
import { customElement } from "lit/decorators.js";
import "../shared/server-status.element";

/** The console application root. */
@customElement("parley-console")
export class ConsoleApp extends LitElement {
  static override styles = css`
    :host { display: block; font: 16px/1.5 system-ui, sans-serif; color: #1b1f24; }
    header { display: flex; justify-content: space-between; align-items: center; padding: 0.75rem 1.25rem; border-bottom: 1px solid #d0d7de; }
    h1 { font-size: 1.1rem; margin: 0; }
    main { padding: 1.25rem; }
  `;

  override render() {
    return html`<header><h1>Parley — Operator console</h1><parley-server-status></parley-server-status></header>
      <main><p>The operator console will appear here.</p></main>`;
  }
}
