/**
 * `<parley-widget-questionnaire>`: the questions a questionnaire plugin defined (rating scales, choices,
 * yes/no, free text), rendered as native form controls grouped in fieldsets so keyboards and screen
 * readers handle them without help. Required questions are checked before anything is sent; the
 * server checks again and its refusal is shown.
 */
import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import type { WidgetQuestionnaire } from "../../../src/transport/http/widget-config.routes";
import { define, INPUT, LightElement, STATE } from "./light.element";
import { errorText } from "./texts";

type Question = WidgetQuestionnaire["questions"][number];
/** An answer value, as the protocol carries it. */
export type AnswerValue = string | number | boolean | string[];

/** The answers to send: unanswered optional questions are left out. */
export function collectAnswers(questions: readonly Question[], values: Readonly<Record<string, AnswerValue | undefined>>): { answers: Record<string, AnswerValue>; missing: string[] } {
  const answers: Record<string, AnswerValue> = {};
  const missing: string[] = [];
  for (const q of questions) {
    const v = values[q.id];
    const empty = v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) missing.push(q.id);
      continue;
    }
    answers[q.id] = typeof v === "string" ? v.trim() : v;
  }
  return { answers, missing };
}

/** One questionnaire, answered or skipped. */
export class QuestionnaireElement extends LightElement {
  static override properties = { questionnaire: INPUT, onSubmit: INPUT, onSkip: INPUT, values: STATE, missing: STATE, busy: STATE, failure: STATE };

  declare questionnaire: WidgetQuestionnaire;
  declare onSubmit: (answers: Record<string, AnswerValue>) => Promise<void>;
  declare onSkip: (() => void) | null;
  declare private values: Record<string, AnswerValue | undefined>;
  declare private missing: string[];
  declare private busy: boolean;
  declare private failure: string;

  constructor() {
    super();
    this.onSubmit = async () => {};
    this.onSkip = null;
    this.values = {};
    this.missing = [];
    this.busy = false;
    this.failure = "";
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const { answers, missing } = collectAnswers(this.questionnaire.questions, this.values);
    this.missing = missing;
    if (missing.length) {
      this.querySelector<HTMLElement>(`[data-question="${missing[0]}"] input, [data-question="${missing[0]}"] textarea`)?.focus();
      return;
    }
    this.busy = true;
    this.failure = "";
    try {
      await this.onSubmit(answers);
    } catch (error) {
      this.failure = errorText((error as { code?: string }).code ?? "");
    } finally {
      this.busy = false;
    }
  }

  private set(id: string, value: AnswerValue | undefined): void {
    this.values = { ...this.values, [id]: value };
    this.missing = this.missing.filter((m) => m !== id);
  }

  private questionTemplate(q: Question) {
    const name = `q-${q.id}`;
    const invalid = this.missing.includes(q.id);
    const required = q.required ? html` <span aria-hidden="true">*</span>` : nothing;
    const error = invalid ? html`<div class="field-error" id="${name}-error">${msg("Please answer this question.", { id: "survey.required" })}</div>` : nothing;
    const radio = (value: AnswerValue, label: string, aria?: string) =>
      html`<label><input type="radio" name=${name} aria-label=${aria ?? nothing} .checked=${this.values[q.id] === value} @change=${() => this.set(q.id, value)} /><span>${label}</span></label>`;
    switch (q.type) {
      case "text":
        return html`<label data-question=${q.id}>${q.label}${required}
          <textarea maxlength=${q.maxLength ?? 4000} aria-invalid=${String(invalid)} aria-describedby=${invalid ? `${name}-error` : ""} .value=${String(this.values[q.id] ?? "")}
            @input=${(e: Event) => this.set(q.id, (e.target as HTMLTextAreaElement).value)}></textarea>${error}</label>`;
      case "rating": {
        const steps = Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i);
        return html`<fieldset data-question=${q.id} aria-describedby=${invalid ? `${name}-error` : ""}>
          <legend>${q.label}${required}</legend>
          <div class="scale">${steps.map((n) => radio(n, String(n), msg(str`${n} out of ${q.max}`, { id: "survey.rating" })))}</div>
          ${q.minLabel || q.maxLabel ? html`<div class="scale-labels" aria-hidden="true"><span>${q.minLabel ?? ""}</span><span>${q.maxLabel ?? ""}</span></div>` : nothing}
          ${error}</fieldset>`;
      }
      case "yesno":
        return html`<fieldset data-question=${q.id} aria-describedby=${invalid ? `${name}-error` : ""}>
          <legend>${q.label}${required}</legend>
          <div class="scale">${radio(true, msg("Yes", { id: "survey.yes" }))}${radio(false, msg("No", { id: "survey.no" }))}</div>${error}</fieldset>`;
      case "choice": {
        const current = this.values[q.id];
        const chosen = Array.isArray(current) ? current : [];
        return html`<fieldset data-question=${q.id} class="choices" aria-describedby=${invalid ? `${name}-error` : ""}>
          <legend>${q.label}${required}</legend>
          ${q.choices.map((c) =>
            q.multiple
              ? html`<label><input type="checkbox" .checked=${chosen.includes(c)} @change=${(e: Event) => this.set(q.id, (e.target as HTMLInputElement).checked ? [...chosen, c] : chosen.filter((x) => x !== c))} />${c}</label>`
              : html`<label><input type="radio" name=${name} .checked=${current === c} @change=${() => this.set(q.id, c)} />${c}</label>`,
          )}${error}</fieldset>`;
      }
    }
  }

  override render() {
    const title = this.questionnaire.title ?? msg("Before you go", { id: "survey.title" });
    return html`<form novalidate @submit=${this.submit} aria-label=${title}>
      <h3>${title}</h3>
      ${this.questionnaire.questions.map((q) => this.questionTemplate(q))}
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg("Send", { id: "survey.submit" })}</button>
        ${this.onSkip && this.questionnaire.allowCloseWithoutAnswer ? html`<button class="secondary" type="button" @click=${() => this.onSkip?.()}>${msg("Skip", { id: "survey.skip" })}</button>` : nothing}
      </div>
    </form>`;
  }
}
define("parley-widget-questionnaire", QuestionnaireElement);

declare global {
  interface HTMLElementTagNameMap {
    "parley-widget-questionnaire": QuestionnaireElement;
  }
}
