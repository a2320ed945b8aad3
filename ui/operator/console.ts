/**
 * Entry of the operator console bundle (served at /console). The full console — conversation
 * tabs, queue, transfers — is built in its own issue; this shell establishes the bundle, the page
 * and the custom element the rest grows from.
 */
import { LitElement, html } from "lit";
import { customElement } from "lit/decorators.js";
import "../shared/app-shell.element";

/** The console application root. */
@customElement("parley-console")
export class ConsoleApp extends LitElement {
  override render() {
    return html`<parley-app-shell heading="Operator console"><p>The operator console will appear here.</p></parley-app-shell>`;
  }
}
