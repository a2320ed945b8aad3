/**
 * `<parley-widget-welcome>`: the first screen. The configured welcome phrase, the department choice (in
 * department routing, unless the embed chose one), and the pre-chat fields from the config, validated
 * before anything is sent. A closed department offers the offline form instead of a dead end.
 */
import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import { EMAIL_PATTERN, FIELD_MAX_LENGTH, TEL_PATTERN } from "../../../src/core/visitor/visitor-fields.rules";
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import { CommandError } from "../../shared/socket.model";
import type { VisitorUser } from "../embed-options";
import { define, INPUT, LightElement, STATE } from "./light.element";
import { errorText } from "./texts";

/** What the visitor submits. */
export interface StartRequest {
  readonly department?: string;
  readonly fields: Record<string, string>;
}

/** A form field: a configured pre-chat field, or the department choice. */
interface FormField {
  readonly id: string;
  readonly label: string;
  readonly type: WidgetConfig["preChatFields"][number]["type"];
  readonly required: boolean;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}
/** The key of the department choice among the form values. */
const DEPARTMENT = "__department";

/** Checks one field's value by the server's own rules; returns the message to show, or "" when valid. */
export function fieldError(field: Pick<FormField, "required" | "type">, value: string): string {
  const v = value.trim();
  if (field.required && !v) return msg("This field is required.", { id: "form.required" });
  if (field.type === "email" && v && !EMAIL_PATTERN.test(v)) return msg("Enter a valid e-mail address.", { id: "form.email" });
  if (field.type === "tel" && v && !TEL_PATTERN.test(v)) return msg("Enter a telephone number.", { id: "form.tel" });
  if (v.length > FIELD_MAX_LENGTH[field.type]) return msg(str`At most ${FIELD_MAX_LENGTH[field.type]} characters.`, { id: "form.too-long" });
  return "";
}

/** What to show on a field the server refused (`field.required` / `field.invalid`). */
function refusedText(code: string): string {
  return code === "field.required" ? msg("This field is required.", { id: "form.required" }) : msg("This answer is not accepted. Please check it.", { id: "form.refused" });
}

/** The welcome form. */
export class WelcomeElement extends LightElement {
  static override properties = { config: INPUT, user: INPUT, department: INPUT, onStart: INPUT, onOffline: INPUT, values: STATE, errors: STATE, busy: STATE, failure: STATE };

  declare config: WidgetConfig;
  declare user: VisitorUser;
  /** Department chosen by the embed snippet (no picker then). */
  declare department: string | undefined;
  declare onStart: (request: StartRequest) => Promise<void>;
  declare onOffline: (department: string | undefined) => void;
  declare private values: Record<string, string>;
  declare private errors: Record<string, string>;
  declare private busy: boolean;
  declare private failure: string;

  constructor() {
    super();
    this.user = {};
    this.onStart = async () => {};
    this.onOffline = () => {};
    this.values = {};
    this.errors = {};
    this.busy = false;
    this.failure = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const prefill: Record<string, string> = {};
    if (this.user.name) prefill.name = this.user.name;
    if (this.user.email) prefill.email = this.user.email;
    // The host page's fields prefill the pre-chat fields of the same id.
    for (const f of this.config.preChatFields) if (this.user.fields?.[f.id]) prefill[f.id] = this.user.fields[f.id]!;
    this.values = { ...prefill, ...this.values };
  }

  /** The form's fields: the department choice (when the visitor picks one) then the configured pre-chat fields. */
  get #fields(): FormField[] {
    const c = this.config;
    const departments: FormField[] =
      c.routingMode === "department" && !this.department && c.departments.length > 0
        ? [{
            id: DEPARTMENT,
            label: msg("Department", { id: "welcome.department" }),
            type: "select",
            required: true,
            options: c.departments.map((d) => ({ value: d.id, label: d.availability.open ? d.name : msg(str`${d.name} (closed)`, { id: "welcome.department.closed" }) })),
          }]
        : [];
    return [...departments, ...c.preChatFields.map((f) => ({ ...f, options: f.options.map((o) => ({ value: o, label: o })) }))];
  }

  async #submit(e: Event): Promise<void> {
    e.preventDefault();
    const errors: Record<string, string> = {};
    for (const field of this.#fields) {
      const error = fieldError(field, this.values[field.id] ?? "");
      if (error) errors[field.id] = error;
    }
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    const department = this.department ?? this.values[DEPARTMENT];
    if (department && this.config.departments.find((d) => d.id === department)?.availability.open === false) return this.onOffline(department);
    const answers = Object.fromEntries(this.config.preChatFields.map((f) => [f.id, (this.values[f.id] ?? "").trim()]).filter(([, v]) => v));
    // The host page's profile fields travel with the answers; the visitor's answer wins on a shared id.
    const host = Object.fromEntries(Object.entries(this.user.fields ?? {}).filter(([id]) => !this.config.preChatFields.some((f) => f.id === id)));
    this.busy = true;
    this.failure = "";
    try {
      for (;;) {
        try {
          await this.onStart({ ...(department ? { department } : {}), fields: { ...host, ...answers } });
          break;
        } catch (error) {
          const field = error instanceof CommandError && error.code.startsWith("field.") ? String(error.details?.field ?? "") : "";
          // A field the site set that the server refuses is the site's bug: reported to its developer, never the visitor's dead end.
          if (field in host) {
            console.error(`Parley: the server refused field "${field}" set by this page (${error instanceof Error ? error.message : ""}); starting without it`);
            delete host[field];
            continue;
          }
          if (this.#fields.some((f) => f.id === field)) {
            this.errors = { ...this.errors, [field]: refusedText((error as CommandError).code) };
            return;
          }
          throw error;
        }
      }
    } catch (error) {
      this.failure = errorText((error as { code?: string }).code ?? "");
    } finally {
      this.busy = false;
    }
  }

  #fieldTemplate(field: FormField) {
    const id = `pf-${field.id}`;
    const error = this.errors[field.id];
    const invalid = error ? "true" : "false";
    const describedBy = error ? `${id}-error` : "";
    const value = this.values[field.id] ?? "";
    const onInput = (e: Event) => {
      this.values = { ...this.values, [field.id]: (e.target as HTMLInputElement).value };
      if (error) this.errors = { ...this.errors, [field.id]: "" };
    };
    const control =
      field.type === "textarea"
        ? html`<textarea id=${id} .value=${value} maxlength=${FIELD_MAX_LENGTH.textarea} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy} @input=${onInput}></textarea>`
        : field.type === "select"
          ? html`<select id=${id} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy} @change=${onInput}>
              <option value="">${msg("Choose…", { id: "form.choose" })}</option>
              ${field.options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
            </select>`
          : html`<input id=${id} type=${field.type} .value=${value} maxlength=${FIELD_MAX_LENGTH[field.type]} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy}
              autocomplete=${field.type === "text" ? (field.id === "name" ? "name" : "off") : field.type} @input=${onInput} />`;
    return html`<label for=${id}>${field.label}${field.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
      <div>${control}${error ? html`<div class="field-error" id="${id}-error">${error}</div>` : nothing}</div>`;
  }

  override render() {
    return html`<div class="screen">
      <p class="lead">${this.config.phrases.welcome}</p>
      <form novalidate @submit=${this.#submit}>
        ${this.#fields.map((f) => this.#fieldTemplate(f))}
        ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? msg("Starting…", { id: "welcome.starting" }) : msg("Start the chat", { id: "welcome.start" })}</button>
      </form>
      <p><button type="button" class="link-button" @click=${() => this.onOffline(this.department ?? (this.values[DEPARTMENT] || undefined))}>${msg("Leave a message instead", { id: "welcome.leave-message" })}</button></p>
    </div>`;
  }
}
define("parley-widget-welcome", WelcomeElement);

declare global {
  interface HTMLElementTagNameMap {
    "parley-widget-welcome": WelcomeElement;
  }
}
