/**
 * `<parley-shortcuts-help>`: the keyboard shortcuts overlay (opened with `?`), listing the same
 * table the key handler uses.
 */
import { LitElement, css, html } from "lit";
import { customElement } from "lit/decorators.js";
import { msg, localized } from "@lit/localize";
import { controls } from "../theme/theme.styles";
import { SHORTCUT_HELP, type ShortcutHelp } from "./shortcuts";

/** The shortcuts overlay. */
@localized()
@customElement("parley-shortcuts-help")
export class ShortcutsHelpElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { position: fixed; inset: 0; display: grid; place-items: center; background: rgb(0 0 0 / 0.35); z-index: 30; }
      section { background: var(--p-bg-raised); border-radius: 10px; padding: 1.2rem 1.4rem; box-shadow: var(--p-shadow); min-width: 22rem; }
      h2 { margin: 0 0 0.6rem; font-size: 1.1rem; }
      table { border-collapse: collapse; width: 100%; }
      td { padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--p-border); }
      kbd { font: 0.85rem ui-monospace, monospace; background: var(--p-bg-soft); border: 1px solid var(--p-border); border-radius: 4px; padding: 0.05rem 0.35rem; }
      .actions { text-align: end; margin-top: 0.8rem; }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => this.renderRoot.querySelector<HTMLButtonElement>("button")?.focus());
  }

  override render() {
    return html`<section role="dialog" aria-modal="true" aria-labelledby="t" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.close()}>
      <h2 id="t">${msg("Keyboard shortcuts", { id: "header.shortcuts" })}</h2>
      <table>${SHORTCUT_HELP.map((row) => html`<tr><td><kbd>${row.keys}</kbd></td><td>${describe(row.action)}</td></tr>`)}</table>
      <div class="actions"><button @click=${this.close}>${msg("Close", { id: "common.close" })}</button></div>
    </section>`;
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent("close", { bubbles: true, composed: true }));
  }
}

function describe(action: ShortcutHelp["action"]): string {
  switch (action) {
    case "next-conversation":
      return msg("Next conversation", { id: "keys.next" });
    case "previous-conversation":
      return msg("Previous conversation", { id: "keys.previous" });
    case "send":
      return msg("Send the message", { id: "keys.send" });
    case "newline":
      return msg("New line", { id: "keys.newline" });
    case "canned-search":
      return msg("Search canned responses", { id: "keys.canned" });
    case "toggle-note":
      return msg("Switch between reply and internal note", { id: "keys.note" });
    case "accept-next":
      return msg("Take the conversation waiting longest", { id: "keys.accept" });
    case "transfer":
      return msg("Transfer the conversation", { id: "keys.transfer" });
    case "focus-composer":
      return msg("Go to the reply box", { id: "keys.composer" });
    case "focus-search":
      return msg("Search conversations", { id: "keys.search" });
    case "help":
      return msg("Show this help", { id: "keys.help" });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-shortcuts-help": ShortcutsHelpElement;
  }
}
