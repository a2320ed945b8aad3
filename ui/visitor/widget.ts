/**
 * Entry of the visitor widget bundle, loaded on customers' sites through /widget.js. It defines
 * `<parley-widget>` and mounts one on the page. The element lives in a shadow root so the host
 * page's CSS cannot break it, nor ours the page. The conversation UI is built in its own issue;
 * this establishes the embed path (loader → hashed bundle → element) end to end.
 */
import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

/** The Parley server this bundle was loaded from (the widget talks to it, not to the host page). */
export const SERVER_ORIGIN = new URL(import.meta.url).origin;

/** The floating launcher and chat panel. */
@customElement("parley-widget")
export class ParleyWidget extends LitElement {
  static override styles = css`
    :host { position: fixed; right: 1.25rem; bottom: 1.25rem; z-index: 2147483000; font: 15px/1.4 system-ui, sans-serif; }
    button.launcher { border: 0; border-radius: 999px; padding: 0.8rem 1.2rem; color: #fff; background: var(--parley-primary, #1f5fbf); cursor: pointer; box-shadow: 0 4px 14px rgb(0 0 0 / 0.2); }
    section { position: absolute; right: 0; bottom: 3.5rem; width: 20rem; padding: 1rem; background: #fff; color: #1b1f24; border-radius: 0.75rem; box-shadow: 0 8px 28px rgb(0 0 0 / 0.25); }
  `;

  /** Text of the launcher button. */
  @property() accessor label = "Chat with us";
  @state() private accessor open = false;

  override render() {
    return html`${this.open ? html`<section role="dialog" aria-label=${this.label}><p>Chat is being set up. Please come back soon.</p></section>` : null}
      <button class="launcher" aria-expanded=${String(this.open)} @click=${() => (this.open = !this.open)}>${this.label}</button>`;
  }
}

if (typeof document !== "undefined" && !document.querySelector("parley-widget")) {
  document.body.append(document.createElement("parley-widget"));
}
