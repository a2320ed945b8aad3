/**
 * `<parley-canned-picker>`: the pop-up list of canned responses that opens when the operator
 * types `#` (or presses Ctrl+K): filtered as they type, arrow keys to move, Enter or Tab to insert,
 * Escape to close. The composer owns the keyboard; this element only shows the choice.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { msg, localized } from "@lit/localize";
import { controls } from "../theme/theme.styles";
import type { CannedResponse } from "./canned-search";

/** The canned responses pop-up. */
@localized()
@customElement("parley-canned-picker")
export class CannedPickerElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; position: absolute; inset-inline: 0.6rem; inset-block-end: 100%; margin-bottom: 0.3rem; background: var(--p-bg-raised); border: 1px solid var(--p-border); border-radius: var(--p-radius); box-shadow: var(--p-shadow); max-height: 16rem; overflow-y: auto; z-index: 4; }
      ul { list-style: none; margin: 0; padding: 0.2rem; }
      li { padding: 0.35rem 0.5rem; border-radius: 4px; cursor: pointer; display: grid; grid-template-columns: auto 1fr; gap: 0 0.6rem; }
      li[aria-selected="true"] { background: var(--p-accent-soft); }
      .shortcut { font-weight: 600; color: var(--p-accent); }
      .topic { font-size: 0.75rem; color: var(--p-fg-muted); text-align: end; }
      .text { grid-column: 1 / -1; font-size: 0.85rem; color: var(--p-fg-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      p { margin: 0; padding: 0.5rem; }
    `,
  ];

  @property({ attribute: false }) accessor responses: readonly CannedResponse[] = [];
  @property({ type: Number }) accessor active = 0;
  @property() accessor query = "";

  override updated(): void {
    this.renderRoot.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }

  override render() {
    if (this.responses.length === 0) return html`<p class="muted">${msg("No canned response matches.", { id: "canned.none" })}</p>`;
    return html`<ul role="listbox" id="canned-list" aria-label=${msg("Canned responses", { id: "canned.title" })}>
      ${this.responses.map(
        (r, i) => html`<li role="option" id="canned-${i}" data-testid="canned-option" aria-selected=${i === this.active ? "true" : "false"} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(r)}>
          <span class="shortcut">#${r.shortcut}</span><span class="topic">${r.topic}</span><span class="text">${r.text}</span>
        </li>`,
      )}
    </ul>`;
  }

  private choose(response: CannedResponse): void {
    this.dispatchEvent(new CustomEvent<CannedResponse>("choose", { detail: response }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-canned-picker": CannedPickerElement;
  }
}
