/**
 * `<parley-operator-questionnaire>`: the wrap-up questionnaire configured for operators
 * (`questionnaires[].when: operatorEnd`), opened when a conversation I had ends (whoever ended it)
 * or from the "Complete questionnaire" button. Its questions come from the questionnaire plugin.
 * `allowCloseWithoutAnswer: false` leaves answering as the only way out (no Cancel, no Escape, no
 * click outside); when closing is allowed, `showCancelButton` adds a Cancel button to Escape and a
 * click outside.
 */
import { css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import type { OperatorQuestionnaire, Question } from "../api/console.api";
import { dialogStyles } from "../dialog/dialog.styles";
import { FormDialogElement } from "../dialog/form-dialog.element";
import { toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { collectAnswers } from "./answers";

/** The operator questionnaire dialog. */
@localized()
@customElement("parley-operator-questionnaire")
export class OperatorQuestionnaireElement extends FormDialogElement {
  static override styles = [controls, dialogStyles, css`.scale { display: flex; gap: 0.3rem; flex-wrap: wrap; align-items: center; } .required { color: var(--p-danger); }`];

  @property({ attribute: false }) accessor questionnaire: OperatorQuestionnaire | null = null;
  @property() accessor conversationId = "";
  /** Whom the conversation was with, so the operator knows which one they are answering about. */
  @property() accessor visitorName: string | null = null;
  @state() private accessor error = "";

  constructor() {
    super();
    // A click on the dimmed page around the form closes it, when closing without answering is allowed.
    this.addEventListener("click", (e) => {
      // Clicks inside the shadow root are retargeted to the host: only the host itself is "outside".
      if (e.composedPath()[0] === this && this.escapeCloses()) this.close();
    });
  }

  override render() {
    const q = this.questionnaire;
    if (!q) return nothing;
    return this.dialogForm(
      q.title,
      html`${this.visitorName ? html`<p class="muted" data-testid="questionnaire-about">${msg(str`Conversation with ${this.visitorName}`, { id: "questionnaire.about" })}</p>` : nothing}
        ${q.allowCloseWithoutAnswer ? nothing : html`<p class="muted">${msg("Please answer this questionnaire to continue.", { id: "questionnaire.required" })}</p>`}
        ${q.questions.map((question) => this.field(question))}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`,
      html`${q.allowCloseWithoutAnswer && q.showCancelButton ? this.cancelButton() : nothing}
        <button class="primary" type="submit" data-testid="questionnaire-submit" ?disabled=${this.busy}>${msg("Save", { id: "questionnaire.save" })}</button>`,
      "operator-questionnaire",
    );
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

  protected override escapeCloses(): boolean {
    return this.questionnaire?.allowCloseWithoutAnswer ?? false;
  }

  /** Errors stay in the form, next to the answers. */
  protected override failed(error: unknown): void {
    this.error = (error as Error).message;
  }

  protected override async submitForm(data: FormData, services: ConsoleServices): Promise<void> {
    const q = this.questionnaire;
    if (!q) return;
    const { answers, missing } = collectAnswers(q.questions, data);
    if (missing.length) return void (this.error = msg("Please answer the required questions.", { id: "questionnaire.missing" }));
    await services.api.answerQuestionnaire(this.conversationId, q.id, answers);
    toast(services, msg("Questionnaire saved.", { id: "questionnaire.saved" }));
    // The opener forgets the due and removes the dialog (or opens the next owed one).
    this.dispatchEvent(new CustomEvent("answered", { detail: { conversationId: this.conversationId } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-operator-questionnaire": OperatorQuestionnaireElement;
  }
}
