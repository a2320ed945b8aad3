/**
 * The base of the console's modal form dialogs (transfer, manager help, operator questionnaire), so
 * they behave alike: one `<form role="dialog">` frame (title, body, actions row), Escape closes it,
 * a busy flag keeps a second submit from starting while the first is in flight, a failure becomes
 * a toast unless the dialog shows it itself, and `close` tells the opener to remove it.
 */
import { LitElement, html, type CSSResultGroup, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { ifDefined } from "lit/directives/if-defined.js";
import { consume } from "@lit/context";
import { msg } from "@lit/localize";
import { servicesContext, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { dialogStyles } from "./dialog.styles";

/** A modal form dialog; subclasses render through {@link dialogForm} and act in {@link submitForm}. */
export abstract class FormDialogElement extends LitElement {
  static override styles: CSSResultGroup = [controls, dialogStyles];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  /** True while {@link submitForm} runs: the submit button is disabled and a second submit is ignored. */
  @state() protected accessor busy = false;

  /** The dialog's action with the submitted form; it closes the dialog itself when done. */
  protected abstract submitForm(data: FormData, services: ConsoleServices): Promise<void>;

  /** Whether Escape closes the dialog (a questionnaire may have to be answered). */
  protected escapeCloses(): boolean {
    return true;
  }

  /** What a failed {@link submitForm} does: a toast, unless the dialog shows errors in place. */
  protected failed(error: unknown, services: ConsoleServices): void {
    toast(services, (error as Error).message, "error");
  }

  /** The frame: the form titled `title`, then `body`, then the `actions` row. */
  protected dialogForm(title: unknown, body: unknown, actions: TemplateResult, testId?: string) {
    return html`<form @submit=${this.onSubmit} @keydown=${this.onKeydown} role="dialog" aria-modal="true" aria-labelledby="t" data-testid=${ifDefined(testId)}>
      <h2 id="t">${title}</h2>
      ${body}
      <div class="actions">${actions}</div>
    </form>`;
  }

  /** The button that closes without acting ("Cancel" unless told otherwise). */
  protected cancelButton(label: string = msg("Cancel", { id: "common.cancel" })) {
    return html`<button type="button" @click=${this.close}>${label}</button>`;
  }

  /** Asks the opener to remove the dialog. */
  protected close(): void {
    this.dispatchEvent(new CustomEvent("close"));
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const services = this.services;
    if (!services || this.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    try {
      await this.submitForm(data, services);
    } catch (error) {
      this.failed(error, services);
    } finally {
      this.busy = false;
    }
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === "Escape" && this.escapeCloses()) this.close();
  }
}
