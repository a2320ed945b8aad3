/**
 * `<parley-additional-info>`: the "Additional information" section of the visitor panel — the
 * fields `visitors.additionalInfoFields` declares, filled in by operators and kept on the visitor's
 * record (so they show again in their later conversations), each with who changed it last and
 * when. Saves only what changed; the server checks every value and a refusal is shown in place.
 * Renders nothing when no field is configured.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { consoleLocalization } from "../i18n/console-locale";
import { servicesContext, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { changedValues, loadAdditionalInfo, saveAdditionalInfo, type AdditionalInfo, type AdditionalInfoField } from "./visitor-record.api";

/** The additional information section. */
@localized()
@customElement("parley-additional-info")
export class AdditionalInfoElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      h4 { margin: 1rem 0 0.4rem; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--p-fg-muted); }
      form { display: grid; gap: 0.55rem; font-size: 0.88rem; }
      label { display: grid; gap: 0.2rem; color: var(--p-fg-muted); }
      input, select, textarea { width: 100%; color: var(--p-fg); }
      textarea { min-height: 3.5rem; resize: vertical; }
      small { font-size: 0.75rem; color: var(--p-fg-muted); }
      .actions { display: flex; gap: 0.4rem; justify-content: flex-end; }
      p[role="alert"] { margin: 0; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  /** The conversation on screen: seeing it is what lets the operator see and edit its visitor's record. */
  @property() accessor conversationId = "";
  @state() private accessor info: AdditionalInfo | null = null;
  @state() private accessor edits = new Map<string, string>();
  @state() private accessor busy = false;
  @state() private accessor error: string | null = null;
  @state() private accessor unavailable = false;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("conversationId") && this.conversationId && this.services) {
      this.info = null;
      this.edits = new Map();
      this.error = null;
      this.unavailable = false;
      void this.load(this.conversationId);
    }
  }

  private async load(conversationId: string): Promise<void> {
    try {
      const info = await loadAdditionalInfo(this.services!.api.http, conversationId);
      if (conversationId === this.conversationId) this.info = info;
    } catch {
      if (conversationId === this.conversationId) this.unavailable = true;
    }
  }

  override render() {
    if (this.unavailable) return html`<h4>${heading()}</h4><p class="muted">${msg("Could not load the additional information.", { id: "visitorInfo.loadFailed" })}</p>`;
    const info = this.info;
    if (!info || info.fields.length === 0) return nothing;
    const dirty = Object.keys(changedValues(info.fields, this.edits)).length > 0;
    return html`<h4>${heading()}</h4>
      <form data-testid="additional-info" @submit=${this.save} @input=${this.onInput} @change=${this.onInput}>
        ${info.fields.map((f) => this.fieldRow(f))}
        ${this.error ? html`<p role="alert" class="error" data-testid="additional-info-error">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="button" class="ghost" ?disabled=${!dirty || this.busy} @click=${this.reset}>${msg("Undo changes", { id: "visitorInfo.reset" })}</button>
          <button type="submit" class="primary" data-testid="additional-info-save" ?disabled=${!dirty || this.busy}>${msg("Save", { id: "visitorInfo.save" })}</button>
        </div>
      </form>`;
  }

  private fieldRow(f: AdditionalInfoField) {
    const value = this.edits.get(f.id) ?? f.value ?? "";
    const max = f.maxLength ?? undefined;
    const control =
      f.type === "select"
        ? html`<select name=${f.id} .value=${value}>
            <option value="" ?selected=${value === ""}>—</option>
            ${(f.options ?? []).map((o) => html`<option ?selected=${o === value}>${o}</option>`)}
          </select>`
        : f.type === "textarea"
          ? html`<textarea name=${f.id} maxlength=${max ?? 2000} .value=${value}></textarea>`
          : html`<input name=${f.id} type=${f.type === "date" ? "date" : "text"} maxlength=${f.type === "date" ? 10 : (max ?? 200)} .value=${value} />`;
    const locale = consoleLocalization().getLocale();
    const changed = f.updatedAt !== null ? msg(str`Changed by ${f.updatedByName ?? f.updatedBy ?? "?"} · ${new Date(f.updatedAt).toLocaleString(locale)}`, { id: "visitorInfo.changedBy" }) : null;
    return html`<label data-field=${f.id}>${f.label}${control}${changed ? html`<small>${changed}</small>` : nothing}</label>`;
  }

  private onInput(e: Event): void {
    const target = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (!target.name) return;
    this.edits = new Map(this.edits).set(target.name, target.value);
    this.error = null;
  }

  private reset(): void {
    this.edits = new Map();
    this.error = null;
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const services = this.services;
    const info = this.info;
    if (!services || !info || this.busy) return;
    const values = changedValues(info.fields, this.edits);
    if (Object.keys(values).length === 0) return;
    const conversationId = this.conversationId;
    this.busy = true;
    try {
      const saved = await saveAdditionalInfo(services.api.http, conversationId, values);
      if (conversationId !== this.conversationId) return;
      this.info = saved;
      this.edits = new Map();
      toast(services, msg("Additional information saved.", { id: "visitorInfo.saved" }));
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }
}

function heading() {
  return msg("Additional information", { id: "visitorInfo.title" });
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-additional-info": AdditionalInfoElement;
  }
}
