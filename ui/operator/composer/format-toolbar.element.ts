/**
 * `<parley-format-toolbar>`: bold, italic, strike, code, link, bulleted and numbered lists, quote —
 * the markdown subset messages are rendered with. Emits `format` with the style; a link first asks
 * for its URL in a small inline field (no blocking prompt).
 */
import { LitElement, css, html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { msg, localized } from "@lit/localize";
import { controls } from "../theme/theme.styles";
import type { BlockStyle, InlineStyle } from "./markdown-edit";

/** What the toolbar asks the composer to apply. */
export type FormatRequest = { readonly inline: InlineStyle } | { readonly block: BlockStyle } | { readonly link: string };

/** The formatting toolbar. */
@localized()
@customElement("parley-format-toolbar")
export class FormatToolbarElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; gap: 0.15rem; align-items: center; flex-wrap: wrap; }
      button { padding: 0.1rem 0.45rem; min-width: 1.9rem; justify-content: center; }
      .link { display: inline-flex; gap: 0.2rem; }
      .link input { width: 14rem; padding-block: 0.1rem; }
    `,
  ];

  @state() private accessor askingLink = false;

  override render() {
    const b = (label: string, title: string, req: FormatRequest, style = "") =>
      html`<button type="button" title=${title} aria-label=${title} style=${style} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.emit(req)}>${label}</button>`;
    return html`<div role="toolbar" aria-label=${msg("Formatting", { id: "format.toolbar" })}>
      ${b("B", msg("Bold", { id: "format.bold" }), { inline: "bold" }, "font-weight:700")}
      ${b("I", msg("Italic", { id: "format.italic" }), { inline: "italic" }, "font-style:italic")}
      ${b("S", msg("Strikethrough", { id: "format.strike" }), { inline: "strike" }, "text-decoration:line-through")}
      ${b("</>", msg("Code", { id: "format.code" }), { inline: "code" })}
      ${b("•", msg("Bulleted list", { id: "format.bullets" }), { block: "bullets" })}
      ${b("1.", msg("Numbered list", { id: "format.numbers" }), { block: "numbers" })}
      ${b("❝", msg("Quote", { id: "format.quote" }), { block: "quote" })}
      ${this.askingLink
        ? html`<span class="link"><input type="url" placeholder="https://…" aria-label=${msg("Link address", { id: "format.linkUrl" })} @keydown=${this.linkKey} />
            <button type="button" @click=${this.applyLink}>${msg("Add link", { id: "format.addLink" })}</button></span>`
        : html`<button type="button" title=${msg("Link", { id: "format.link" })} aria-label=${msg("Link", { id: "format.link" })} @mousedown=${(e: Event) => e.preventDefault()} @click=${this.askLink}>🔗</button>`}
    </div>`;
  }

  private askLink(): void {
    this.askingLink = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(".link input")?.focus());
  }

  private linkKey(e: KeyboardEvent): void {
    if (e.key === "Enter") {
      e.preventDefault();
      this.applyLink();
    } else if (e.key === "Escape") {
      this.askingLink = false;
    }
  }

  private applyLink(): void {
    const raw = this.renderRoot.querySelector<HTMLInputElement>(".link input")?.value.trim() ?? "";
    this.askingLink = false;
    if (!raw) return;
    const url = /^(https?:|mailto:)/i.test(raw) ? raw : `https://${raw}`;
    this.emit({ link: url });
  }

  private emit(req: FormatRequest): void {
    this.dispatchEvent(new CustomEvent<FormatRequest>("format", { detail: req }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-format-toolbar": FormatToolbarElement;
  }
}
