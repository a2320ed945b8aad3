/**
 * `<parley-tags-editor>`: the conversation's tags as removable chips plus a field to add one
 * (Enter or comma). Emits `tags-change` with the full new list; the server is the judge.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import { controls } from "../theme/theme.styles";

const MAX_TAG = 40;

/** Tag chips with an add field. */
@localized()
@customElement("parley-tags-editor")
export class TagsEditorElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; align-items: center; }
      .tag { display: inline-flex; align-items: center; gap: 0.15rem; font-size: 0.78rem; padding: 0 0.1rem 0 0.45rem; border-radius: 999px; background: var(--p-accent-soft); }
      .tag button { border: none; background: none; padding: 0 0.3rem; font-size: 0.8rem; }
      input { width: 7rem; font-size: 0.8rem; padding: 0.1rem 0.35rem; }
    `,
  ];

  @property({ attribute: false }) accessor tags: readonly string[] = [];
  @property({ type: Boolean }) accessor disabled = false;

  override render() {
    return html`${this.tags.map(
        (tag) => html`<span class="tag" data-testid="tag">${tag}<button ?disabled=${this.disabled} aria-label=${msg(str`Remove tag ${tag}`, { id: "tags.remove" })} @click=${() => this.emit(this.tags.filter((t) => t !== tag))}>×</button></span>`,
      )}
      <input data-testid="tag-input" ?disabled=${this.disabled} maxlength=${MAX_TAG} placeholder=${msg("+ tag", { id: "tags.add" })} aria-label=${msg("Add a tag", { id: "tags.addLabel" })} @keydown=${this.onKey} />`;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key !== "Enter" && e.key !== ",") return;
    e.preventDefault();
    const input = e.target as HTMLInputElement;
    const tag = input.value.trim().replace(/,/g, "").slice(0, MAX_TAG);
    input.value = "";
    if (tag && !this.tags.includes(tag)) this.emit([...this.tags, tag]);
  }

  private emit(tags: string[]): void {
    this.dispatchEvent(new CustomEvent<string[]>("tags-change", { detail: tags }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-tags-editor": TagsEditorElement;
  }
}
