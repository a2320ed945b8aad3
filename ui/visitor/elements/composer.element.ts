/**
 * `<parley-widget-composer>`: where the visitor types. Enter sends (Shift+Enter for a new line, and never
 * while an input method is composing), files come from the attach button or a paste, the draft
 * survives navigation, typing is reported to the operator, and the length limit is shown near it.
 */
import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import type { ChatActions } from "../chat/chat.actions";
import type { ChatFiles } from "../chat/chat.files";
import type { ChatSession } from "../chat/chat.session";
import type { SessionStorage } from "../session/session.storage";
import { define, INPUT, LightElement, STATE } from "./light.element";
import { fileErrorText } from "./conversation.texts";

const SEND_ICON = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path fill="currentColor" d="M3 20.5 21 12 3 3.5l.01 6.6L15 12 3.01 13.9z"/></svg>`;
const CLIP_ICON = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="m20 11-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.3 8.3a2 2 0 0 1-2.8-2.8L15 7"/></svg>`;
/** Show the remaining characters once fewer than this are left. */
const COUNTER_FROM = 200;

/** The message input with send and attach buttons. */
export class ComposerElement extends LightElement {
  static override properties = { session: INPUT, actions: INPUT, files: INPUT, storage: INPUT, text: STATE, error: STATE };

  declare session: ChatSession;
  declare actions: ChatActions;
  declare files: ChatFiles;
  declare storage: SessionStorage;
  declare private text: string;
  declare private error: string;

  constructor() {
    super();
    this.text = this.error = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.text = this.storage?.get().draft ?? "";
  }

  /** Focuses the text area (panel opened, file request answered). */
  override focus(): void {
    this.querySelector("textarea")?.focus();
  }

  /** Opens the file picker. */
  pickFile(): void {
    this.querySelector<HTMLInputElement>("input[type=file]")?.click();
  }

  /** Sends a file chosen, pasted or dropped; shows why not when refused. */
  async attach(file: File): Promise<void> {
    this.error = "";
    const problem = await this.files.attach(file);
    if (problem) this.error = fileErrorText(problem, this.session.config?.files.maxBytes);
  }

  #max(): number {
    return this.session.config?.maxMessageLength ?? 4000;
  }

  #input(e: Event): void {
    this.text = (e.target as HTMLTextAreaElement).value;
    this.storage.update({ draft: this.text || undefined });
    this.actions.typing(this.text.length > 0);
  }

  #keydown(e: KeyboardEvent): void {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.#submit();
    }
  }

  #paste(e: ClipboardEvent): void {
    const file = [...(e.clipboardData?.files ?? [])][0];
    if (!file) return;
    e.preventDefault();
    void this.attach(file);
  }

  #submit(e?: Event): void {
    e?.preventDefault();
    if (!this.text.trim() || this.text.length > this.#max()) return;
    this.actions.send(this.text);
    this.text = "";
    this.error = "";
    this.storage.update({ draft: undefined });
    this.focus();
  }

  override render() {
    const left = this.#max() - this.text.length;
    const label = msg("Message", { id: "composer.label" });
    return html`
      ${this.error ? html`<p class="error counter" role="alert">${this.error}</p>` : nothing}
      ${left < COUNTER_FROM ? html`<p class="counter" aria-live="polite">${msg(str`${left} characters left`, { id: "composer.remaining" })}</p>` : nothing}
      <form class="composer" @submit=${this.#submit}>
        <button type="button" class="icon-button" aria-label=${msg("Attach a file", { id: "composer.attach" })} @click=${this.pickFile}>${CLIP_ICON}</button>
        <input type="file" hidden tabindex="-1" accept=${this.session.config?.files.allowedTypes.join(",") ?? ""}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            input.value = "";
            if (file) void this.attach(file);
          }} />
        <textarea rows="1" aria-label=${label} placeholder=${msg("Type your message…", { id: "composer.placeholder" })} maxlength=${this.#max()}
          .value=${this.text} @input=${this.#input} @keydown=${this.#keydown} @paste=${this.#paste} @blur=${() => this.actions.typing(false)}></textarea>
        <button type="submit" class="icon-button send" aria-label=${msg("Send", { id: "composer.send" })} ?disabled=${!this.text.trim()}>${SEND_ICON}</button>
      </form>`;
  }
}
define("parley-widget-composer", ComposerElement);

declare global {
  interface HTMLElementTagNameMap {
    "parley-widget-composer": ComposerElement;
  }
}
