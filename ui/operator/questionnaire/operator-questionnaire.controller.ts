/**
 * Drives the operator questionnaire for the chat view: loads my owed questionnaires from the
 * server, opens the dialog when a conversation I had ends (whoever ended it: me, the visitor, the
 * inactivity timeout, a manager), keeps insisting when the configuration does not allow closing
 * it without answering (also after a reload), and renders the "Complete questionnaire" button
 * under the input area of an owed conversation.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import { msg } from "@lit/localize";
import type { ConsoleServices } from "../state/console.context";
import { visitorLabel } from "../state/conversation.derive";
import { QuestionnaireDues } from "./questionnaire-dues";
import "./operator-questionnaire.element";

/** The chat view's operator questionnaire. */
export class OperatorQuestionnaireController implements ReactiveController {
  private readonly dues = new QuestionnaireDues();
  /** The conversation whose questionnaire dialog is open. */
  private dialogFor: string | null = null;
  /** The state of each conversation last seen, to notice it ending. */
  private readonly seen = new Map<string, string>();
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: () => ConsoleServices | undefined,
    private readonly onScreen: () => string | null,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const services = this.services();
    if (!services?.config.operatorQuestionnaire) return;
    this.loaded ??= this.refresh(services);
    for (const [id, entry] of services.store.state.conversations) {
      const before = this.seen.get(id);
      this.seen.set(id, entry.view.state);
      if (before !== undefined && before !== "ended" && entry.view.state === "ended" && entry.view.operatorId === services.session.id) void this.ended(services, id);
    }
  }

  /** The "Complete questionnaire" button under the input area of `conversationId`, when owed. */
  button(conversationId: string) {
    const q = this.services()?.config.operatorQuestionnaire;
    if (!q || !this.dues.showsButton(q, conversationId, this.dialogFor)) return nothing;
    return html`<div class="questionnaire-due" role="status">
      <span class="muted">${msg("The wrap-up questionnaire of this conversation is not answered yet.", { id: "questionnaire.due" })}</span>
      <button class="primary" data-testid="complete-questionnaire" @click=${() => this.open(conversationId)}>${msg("Complete questionnaire", { id: "questionnaire.complete" })}</button>
    </div>`;
  }

  /** The dialog, when open. */
  dialog() {
    const services = this.services();
    const q = services?.config.operatorQuestionnaire;
    const id = this.dialogFor;
    if (!services || !q || !id) return nothing;
    const entry = services.store.state.conversations.get(id);
    const visitorName = entry ? visitorLabel(entry) : (this.dues.get(id)?.visitorName ?? null);
    return html`<parley-operator-questionnaire .questionnaire=${q} .conversationId=${id} .visitorName=${visitorName} @close=${() => this.open(null)} @answered=${() => this.answered(services, id)}></parley-operator-questionnaire>`;
  }

  private open(conversationId: string | null): void {
    this.dialogFor = conversationId;
    this.host.requestUpdate();
  }

  /** A conversation I had has just ended: the server recorded the due; show it. */
  private async ended(services: ConsoleServices, conversationId: string): Promise<void> {
    await this.refresh(services);
    if (this.dues.has(conversationId) && (this.dialogFor === null || !this.dues.has(this.dialogFor))) this.open(conversationId);
  }

  private answered(services: ConsoleServices, conversationId: string): void {
    this.dues.remove(conversationId);
    this.open(null);
    this.insist(services);
  }

  /** Reloads my dues from the server (failures keep the list held; the next end or reload retries). */
  private async refresh(services: ConsoleServices): Promise<void> {
    try {
      this.dues.replace(await services.api.questionnaireDues());
    } catch {
      return;
    }
    this.insist(services);
    this.host.requestUpdate();
  }

  /** When the questionnaire may not be closed unanswered, an owed one is always on screen. */
  private insist(services: ConsoleServices): void {
    const q = services.config.operatorQuestionnaire;
    if (!q || this.dialogFor !== null) return;
    const id = this.dues.insistOn(q, this.onScreen());
    if (id) this.open(id);
  }
}
