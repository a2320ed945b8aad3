/**
 * `<parley-operator-questionnaire>`: the wrap-up questionnaire configured for operators
 * (`questionnaires[].when: operatorEnd`), shown when I end a conversation. Its questions come from
 * the questionnaire plugin; Cancel and closing without answering follow the configuration.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import type { OperatorQuestionnaire, Question } from "../api/console.api";
import { dialogStyles } from "../chat/dialog.styles";
import { servicesContext, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { collectAnswers } from "./answers";

/** The operator questionnaire dialog. */
@localized()
@customElement("parley-operator-questionnaire")
export class OperatorQuestionnaireElement extends LitElement {
  static override styles = [controls, dialogStyles, css`.scale { display: flex; gap: 0.3rem; flex-wrap: wrap; align-items: center; } .required { color: var(--p-danger); }`];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property({ attribute: false }) accessor questionnaire: OperatorQuestionnaire | null = null;
  @property() accessor conversationId = "";
  @state() private accessor busy = false;
  @state() private accessor error = "";

  override render() {
    const q = this.questionnaire;
    if (!q) return nothing;
    return html`<form @submit=${this.submit} @keydown=${this.onKey} role="dialog" aria-modal="true" aria-labelledby="t" data-testid="operator-questionnaire">
      <h2 id="t">${q.title}</h2>
      ${q.questions.map((question) => this.field(question))}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        ${q.showCancelButton || q.allowCloseWithoutAnswer ? html`<button type="button" @click=${this.close}>${q.showCancelButton ? msg("Cancel", { id: "common.cancel" }) : msg("Close", { id: "common.close" })}</button>` : nothing}
        ${q.showCompleteButton ? html`<button class="primary" type="submit" ?disabled=${this.busy}>${msg("Complete the questionnaire", { id: "questionnaire.complete" })}</button>` : html`<button class="primary" type="submit" ?disabled=${this.busy}>${msg("Save", { id: "questionnaire.save" })}</button>`}
      </div>
    </form>`;
  }

  private field(q: Question) {
    const mark = q.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing;
    switch (q.type) {
      case "text":
        return html`<label>${q.label}${mark}<textarea name=${q.id} ?required=${q.required} maxlength=${q.maxLength ?? 2000}></textarea></label>`;
      case "yesno":
        return html`<fieldset><legend>${q.label}${mark}</legend>
          <label class="choice"><input type="radio" name=${q.id} value="yes" ?required=${q.required} />${msg("Yes", { id: "common.yes" })}</label>
          <label class="choice"><input type="radio" name=${q.id} value="no" />${msg("No", { id: "common.no" })}</label></fieldset>`;
      case "rating":
        return html`<fieldset><legend>${q.label}${mark}</legend><div class="scale">
          ${q.minLabel ? html`<span class="muted">${q.minLabel}</span>` : nothing}
          ${Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i).map((n) => html`<label class="choice"><input type="radio" name=${q.id} value=${n} ?required=${q.required} />${n}</label>`)}
          ${q.maxLabel ? html`<span class="muted">${q.maxLabel}</span>` : nothing}</div></fieldset>`;
      case "choice":
        return html`<fieldset><legend>${q.label}${mark}</legend>
          ${q.choices.map((c) => html`<label class="choice"><input type=${q.multiple ? "checkbox" : "radio"} name=${q.id} value=${c} ?required=${q.required && !q.multiple} />${c}</label>`)}</fieldset>`;
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "Escape" && this.questionnaire?.allowCloseWithoutAnswer) this.close();
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const services = this.services;
    const q = this.questionnaire;
    if (!services || !q || this.busy) return;
    const { answers, missing } = collectAnswers(q.questions, new FormData(e.target as HTMLFormElement));
    if (missing.length) return void (this.error = msg("Please answer the required questions.", { id: "questionnaire.missing" }));
    this.busy = true;
    try {
      await services.api.answerQuestionnaire(this.conversationId, q.id, answers);
      toast(services, msg("Questionnaire saved.", { id: "questionnaire.saved" }));
      this.dispatchEvent(new CustomEvent("answered"));
      this.close();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent("close"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-operator-questionnaire": OperatorQuestionnaireElement;
  }
}
