/**
 * `<parley-chat-actions>`: the chat window's toolbar — priority, tags, mark important, print,
 * e-mail the transcript, request manager help, send the visitor a questionnaire, transfer and end.
 * Each feature the configuration turns off for my role is simply absent (the API refuses it too).
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import type { Priority } from "../../shared/protocol";
import { PRIORITIES, priorityLabel } from "../conversations/conversation-labels";
import { can, servicesContext, toast, type ConsoleServices } from "../state/console.context";
import type { ConversationEntry } from "../state/console.model";
import { newCommandId } from "../connection/command-ids";
import { controls } from "../theme/theme.styles";
import "./tags-editor.element";

/** The chat toolbar. */
@localized()
@customElement("parley-chat-actions")
export class ChatActionsElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; }
      select { font-size: 0.82rem; padding-block: 0.15rem; }
      button { font-size: 0.82rem; padding: 0.2rem 0.5rem; }
      .important[aria-pressed="true"] { color: var(--p-warn); }
      @media print { :host { display: none; } }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property({ attribute: false }) accessor entry: ConversationEntry | null = null;
  /** I handle it (or supervise): I may transfer and end it. */
  @property({ type: Boolean }) accessor handling = false;

  override render() {
    const services = this.services;
    const entry = this.entry;
    if (!services || !entry) return nothing;
    const v = entry.view;
    const open = v.state !== "ended";
    return html`
      <select data-testid="priority" aria-label=${msg("Priority", { id: "filters.priorityLabel" })} @change=${(e: Event) => this.run(() => services.api.setPriority(v.id, (e.target as HTMLSelectElement).value as Priority))}>
        ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${v.priority === p}>${priorityLabel(p)}</option>`)}
      </select>
      <parley-tags-editor .tags=${v.tags} @tags-change=${(e: CustomEvent<string[]>) => this.run(() => services.api.setTags(v.id, e.detail))}></parley-tags-editor>
      ${can(services, "markImportant")
        ? html`<button class="important" data-testid="important" aria-pressed=${v.important ? "true" : "false"} @click=${() => this.run(() => services.api.setImportant(v.id, !v.important))}>
            ${v.important ? "★" : "☆"} ${msg("Important", { id: "item.important" })}
          </button>`
        : nothing}
      ${can(services, "print") ? html`<button data-testid="print" @click=${() => window.print()}>🖨 ${msg("Print", { id: "actions.print" })}</button>` : nothing}
      ${can(services, "emailTranscript") ? html`<button data-testid="email-transcript" @click=${this.emailTranscript}>✉ ${msg("E-mail transcript", { id: "actions.email" })}</button>` : nothing}
      ${can(services, "requestManagerHelp") && open && services.session.role === "operator"
        ? html`<button data-testid="request-help" @click=${() => this.fire("request-help")}>🆘 ${msg("Ask a manager", { id: "actions.help" })}</button>`
        : nothing}
      ${this.questionnairePicker(services, entry)}
      ${open && this.handling && v.state === "active" ? html`<button data-testid="transfer" @click=${() => this.fire("transfer")}>⇄ ${msg("Transfer", { id: "actions.transfer" })}</button>` : nothing}
      ${open && this.handling ? html`<button class="danger" data-testid="end" @click=${() => this.fire("end")}>✕ ${msg("End", { id: "actions.end" })}</button>` : nothing}
    `;
  }

  /** "Send a questionnaire": the manual questionnaires, while I handle the active chat and my role may send them. */
  private questionnairePicker(services: ConsoleServices, entry: ConversationEntry) {
    const sendable = services.config.sendableQuestionnaires;
    if (!can(services, "sendQuestionnaire") || sendable.length === 0 || !this.handling || entry.view.state !== "active") return nothing;
    const send = (e: Event) => {
      const select = e.target as HTMLSelectElement;
      const questionnaireId = select.value;
      select.value = "";
      if (!questionnaireId) return;
      const title = sendable.find((q) => q.id === questionnaireId)?.title ?? questionnaireId;
      void this.run(async () => {
        await services.api.sendQuestionnaire(entry.view.id, questionnaireId, newCommandId("q"));
        toast(services, msg(str`“${title}” was sent to the visitor.`, { id: "actions.questionnaireSent" }));
      });
    };
    return html`<select data-testid="send-questionnaire" aria-label=${msg("Send the visitor a questionnaire", { id: "actions.questionnaire" })} @change=${send}>
      <option value="">📝 ${msg("Questionnaire…", { id: "actions.questionnairePick" })}</option>
      ${sendable.map((q) => html`<option value=${q.id}>${q.title}</option>`)}
    </select>`;
  }

  private async emailTranscript(): Promise<void> {
    const services = this.services;
    const entry = this.entry;
    if (!services || !entry) return;
    try {
      const { to, mailConfigured } = await services.api.emailTranscript(entry.view.id);
      toast(
        services,
        mailConfigured
          ? msg(str`Transcript queued for e-mail to ${to}.`, { id: "actions.emailQueued" })
          : msg(str`Transcript queued for ${to}; it will be sent once the mail server is configured.`, { id: "actions.emailPending" }),
      );
    } catch (error) {
      toast(services, (error as Error).message, "error");
    }
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    const services = this.services;
    if (!services) return;
    try {
      await action();
    } catch (error) {
      toast(services, (error as Error).message, "error");
      this.requestUpdate();
    }
  }

  private fire(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-chat-actions": ChatActionsElement;
  }
}
