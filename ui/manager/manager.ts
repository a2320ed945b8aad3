/**
 * Entry of the manager dashboard bundle (served at /manager). The dashboard itself — live
 * supervision, reports, configuration views — is built in its own issue; this shell establishes
 * the bundle, the page and the custom element the rest grows from.
 */
import { LitElement, html } from "lit";
import { customElement } from "lit/decorators.js";
import "../shared/app-shell.element";

/** The dashboard application root. */
@customElement("parley-manager")
export class ManagerApp extends LitElement {
  override render() {
    return html`<parley-app-shell heading="Manager dashboard"><p>The manager dashboard will appear here.</p></parley-app-shell>`;
  }
}
