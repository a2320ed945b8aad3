/**
 * `<parley-erase-visitor-dialog>`: erases the visitor on screen and everything about them
 * (conversations, notes, files, answers, offline messages, additional information; their widget is
 * signed out). Not undoable, so the supervisor types the word DELETE to confirm. On success the
 * console forgets the visitor's conversations and says what was erased.
 */
import { css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import { dialogStyles } from "../dialog/dialog.styles";
import { FormDialogElement } from "../dialog/form-dialog.element";
import { controls } from "../theme/theme.styles";
import { toast, type ConsoleServices } from "../state/console.context";
import { eraseVisitor } from "./visitor-record.api";

/** The word to type: the same in every language, like the confirmations of other products. */
export const ERASE_CONFIRMATION = "DELETE";

/** The erase-visitor dialog. */
@localized()
@customElement("parley-erase-visitor-dialog")
export class EraseVisitorDialogElement extends FormDialogElement {
  static override styles = [
    controls,
    dialogStyles,
    css`
      button.destroy { background: var(--p-danger); border-color: var(--p-danger); color: #fff; }
      button.destroy:disabled { opacity: 0.5; }
      p { margin: 0; }
    `,
  ];
  @property() accessor visitorId = "";
  /** How the panel names the visitor (their name, or "Visitor …"). */
  @property() accessor visitorName = "";
  @state() private accessor typed = "";
  @state() private accessor error: string | null = null;

  override firstUpdated(): void {
    this.renderRoot.querySelector("input")?.focus();
  }

  override render() {
    return this.dialogForm(
      msg(str`Erase ${this.visitorName}?`, { id: "erase.title" }),
      html`<p>${msg("Every conversation with this visitor, its messages, notes, files and survey answers, their offline messages and additional information are deleted for good. Their chat widget is signed out. This cannot be undone.", { id: "erase.explain" })}</p>
        <label>${msg(str`Type ${ERASE_CONFIRMATION} to confirm`, { id: "erase.typeToConfirm" })}
          <input name="confirm" autocomplete="off" data-testid="erase-confirm" .value=${this.typed} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)} /></label>
        ${this.error ? html`<p role="alert" class="error" data-testid="erase-error">${this.error}</p>` : null}`,
      html`${this.cancelButton()}
        <button class="destroy" type="submit" data-testid="erase-submit" ?disabled=${this.busy || this.typed.trim() !== ERASE_CONFIRMATION}>${msg("Erase the visitor", { id: "erase.submit" })}</button>`,
      "erase-visitor-dialog",
    );
  }

  protected override failed(error: unknown): void {
    this.error = (error as Error).message;
  }

  protected override async submitForm(_data: FormData, services: ConsoleServices): Promise<void> {
    if (this.typed.trim() !== ERASE_CONFIRMATION) return;
    const report = await eraseVisitor(services.api.http, this.visitorId);
    for (const [id, entry] of services.store.state.conversations) if (entry.view.visitor.id === this.visitorId) services.store.forget(id);
    toast(services, msg(str`Visitor erased (${report.erased.conversations} conversation(s)).`, { id: "erase.done" }));
    this.close();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-erase-visitor-dialog": EraseVisitorDialogElement;
  }
}
