/**
 * `<parley-widget-offline-form>`: when no chat is possible (after hours, nobody available, queue full,
 * waited too long) the visitor reads the configured phrase and leaves a message — name, e-mail, text —
 * stored for the operators, who answer by e-mail. It starts filled with what is already known
 * (`prefill`: their name, e-mail and what they wrote in a chat nobody answered).
 */
import { msg } from "@lit/localize";
import { html, nothing } from "lit";
import { define, INPUT, LightElement, STATE } from "./light.element";
import { errorText } from "./texts";
import { fieldError } from "./welcome.element";

/** What the visitor leaves. */
export interface OfflineMessage {
  readonly name: string;
  readonly email: string;
  readonly message: string;
}

const FIELDS = [
  { id: "name", type: "text", required: true, max: 200 },
  { id: "email", type: "email", required: true, max: 254 },
  { id: "message", type: "textarea", required: true, max: 10_000 },
] as const;

/** The offline message form. */
export class OfflineFormElement extends LightElement {
  static override properties = { text: INPUT, prefill: INPUT, onSend: INPUT, onBack: INPUT, values: STATE, errors: STATE, busy: STATE, failure: STATE };

  /** The configured phrase explaining why (after hours…). */
  declare text: string;
  /** Starting values (the site's user or the pre-chat answers, and the unanswered chat's messages). */
  declare prefill: Partial<OfflineMessage>;
  declare onSend: (message: OfflineMessage) => Promise<void>;
  /** Back to the welcome screen (only when a chat is possible after all). */
  declare onBack: (() => void) | null;
  declare private values: Record<string, string>;
  declare private errors: Record<string, string>;
  declare private busy: boolean;
  declare private failure: string;

  constructor() {
    super();
    this.text = "";
    this.prefill = {};
    this.onSend = async () => {};
    this.onBack = null;
    this.values = {};
    this.errors = {};
    this.busy = false;
    this.failure = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const p = this.prefill;
    this.values = { name: p.name ?? "", email: p.email ?? "", message: p.message ?? "", ...this.values };
  }

  private label(id: (typeof FIELDS)[number]["id"]): string {
    if (id === "name") return msg("Your name", { id: "offline.name" });
    if (id === "email") return msg("Your e-mail address", { id: "offline.email" });
    return msg("Your message", { id: "offline.message" });
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const errors: Record<string, string> = {};
    for (const f of FIELDS) {
      const error = fieldError(f, this.values[f.id] ?? "");
      if (error) errors[f.id] = error;
    }
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    this.busy = true;
    this.failure = "";
    try {
      await this.onSend({ name: this.values.name!.trim(), email: this.values.email!.trim(), message: this.values.message!.trim() });
    } catch (error) {
      this.failure = errorText((error as { code?: string }).code ?? "");
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<div class="screen">
      <p class="lead" role="status">${this.text}</p>
      <form novalidate @submit=${this.submit}>
        ${FIELDS.map((f) => {
          const id = `of-${f.id}`;
          const error = this.errors[f.id];
          const onInput = (e: Event) => {
            this.values = { ...this.values, [f.id]: (e.target as HTMLInputElement).value };
            if (error) this.errors = { ...this.errors, [f.id]: "" };
          };
          const attrs = { invalid: error ? "true" : "false", described: error ? `${id}-error` : "" };
          return html`<label for=${id}>${this.label(f.id)} <span aria-hidden="true">*</span></label>
            <div>
              ${f.type === "textarea"
                ? html`<textarea id=${id} required maxlength=${f.max} .value=${this.values[f.id] ?? ""} aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @input=${onInput}></textarea>`
                : html`<input id=${id} type=${f.type} required maxlength=${f.max} autocomplete=${f.id} .value=${this.values[f.id] ?? ""} aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @input=${onInput} />`}
              ${error ? html`<div class="field-error" id="${id}-error">${error}</div>` : nothing}
            </div>`;
        })}
        ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg("Send the message", { id: "offline.send" })}</button>
          ${this.onBack ? html`<button class="secondary" type="button" @click=${() => this.onBack?.()}>${msg("Back", { id: "offline.back" })}</button>` : nothing}
        </div>
      </form>
    </div>`;
  }
}
define("parley-widget-offline-form", OfflineFormElement);

declare global {
  interface HTMLElementTagNameMap {
    "parley-widget-offline-form": OfflineFormElement;
  }
}
