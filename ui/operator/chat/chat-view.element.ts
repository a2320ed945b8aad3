/**
 * `<parley-chat-view>`: the open conversation — who the visitor is and where the conversation
 * stands, the toolbar, the history, the reply box — plus its dialogs (transfer, end, manager help,
 * operator questionnaire). Sends read receipts for what is on screen, loads older history on demand,
 * and shows a print header so the printout is a proper transcript.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { stateLabel } from "../conversations/conversation-labels";
import { consoleLocalization } from "../i18n/console-locale";
import { RequestListener, servicesContext, StoreController, toast, type ConsoleServices } from "../state/console.context";
import type { ConversationEntry } from "../state/console.model";
import { latestSeq, visitorLabel } from "../state/conversation.derive";
import { controls } from "../theme/theme.styles";
import "./chat-actions.element";
import "./message-list.element";
import "./assistance-dialog.element";
import "../composer/composer.element";
import "../transfer/transfer-dialog.element";
import { OperatorQuestionnaireController } from "../questionnaire/operator-questionnaire.controller";

/** The chat window. */
@localized()
@customElement("parley-chat-view")
export class ChatViewElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; min-height: 0; height: 100%; }
      .empty { margin: auto; text-align: center; max-width: 24rem; }
      header { padding: 0.5rem 0.9rem; border-bottom: 1px solid var(--p-border); display: grid; gap: 0.35rem; }
      .title { display: flex; align-items: baseline; gap: 0.6rem; flex-wrap: wrap; }
      h2 { margin: 0; font-size: 1.05rem; }
      .banner { padding: 0.45rem 0.9rem; background: var(--p-accent-soft); display: flex; gap: 0.6rem; align-items: center; }
      .banner.ended { background: var(--p-bg-soft); }
      .questionnaire-due { padding: 0.45rem 0.9rem; border-top: 1px solid var(--p-border); display: flex; gap: 0.6rem; align-items: center; justify-content: space-between; }
      parley-message-list { flex: 1; min-height: 0; }
      .print-only { display: none; }
      @media print {
        :host { display: block; height: auto; }
        parley-message-list { overflow: visible; }
        .banner, parley-composer, parley-chat-actions, .questionnaire-due, .screen-only { display: none !important; }
        .print-only { display: block; margin-bottom: 0.5rem; }
      }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property() accessor conversationId: string | null = null;
  @state() private accessor dialog: "transfer" | "end" | "help" | null = null;
  @state() private accessor loadingOlder = false;
  private readonly store = new StoreController(this, () => this.services?.store);
  /** The operator questionnaire: its dialog when a conversation of mine ends, its button under the input area. */
  private readonly questionnaire = new OperatorQuestionnaireController(this, () => this.services, () => this.conversationId);
  private autoLoaded = new Set<string>();

  constructor() {
    super();
    new RequestListener(this, () => this.services?.bus, (req) => {
      if (req.kind === "transfer" && this.entry()?.view.state === "active" && this.handling(this.entry()!)) this.dialog = "transfer";
    });
    document.addEventListener("visibilitychange", () => this.requestUpdate());
  }

  private entry(): ConversationEntry | undefined {
    return this.conversationId ? this.store.state?.conversations.get(this.conversationId) : undefined;
  }

  /** I handle it, or I supervise (managers may step in). */
  private handling(entry: ConversationEntry): boolean {
    const services = this.services!;
    return entry.view.operatorId === services.session.id || services.session.role !== "operator";
  }

  override updated(): void {
    const services = this.services;
    const entry = this.entry();
    if (!services || !entry) return;
    // Read receipt: what is on screen in my own conversation, while the page is visible.
    const seq = latestSeq(entry);
    if (entry.view.operatorId === services.session.id && seq > entry.view.operatorReadSeq && document.visibilityState === "visible") services.connection.read(entry.view.id, seq);
    // A conversation known only by its summary (e.g. from the Done list) gets its history.
    if (entry.events.length === 0 && entry.view.lastSeq > 0 && !this.autoLoaded.has(entry.view.id)) {
      this.autoLoaded.add(entry.view.id);
      void this.loadOlder();
    }
  }

  override render() {
    const services = this.services;
    const entry = this.entry();
    const questionnaire = this.questionnaire.dialog();
    if (!services || !entry) {
      return html`<div class="empty muted">${questionnaire}<p>${msg("Select a conversation on the left, or wait for a new one: it will flash and ring.", { id: "chat.empty" })}</p></div>`;
    }
    const v = entry.view;
    const mine = v.operatorId === services.session.id;
    const canReply = v.state === "active" && this.handling(entry);
    const operatorName = v.operatorId ? (services.config.operators.find((o) => o.id === v.operatorId)?.name ?? v.operatorId) : null;
    const locale = consoleLocalization().getLocale();
    return html`<header>
        <div class="print-only"><strong>${msg("Transcript", { id: "chat.transcript" })}</strong> — ${visitorLabel(entry)} — ${new Date(v.createdAt).toLocaleString(locale)} — ${v.id}</div>
        <div class="title screen-only">
          <h2 data-testid="chat-title">${visitorLabel(entry)}</h2>
          <span class="muted">${stateLabel(v.state)}${operatorName && !mine ? ` · ${operatorName}` : ""}${v.department ? ` · ${services.config.departments.find((d) => d.id === v.department)?.name ?? v.department}` : ""}</span>
        </div>
        <parley-chat-actions .entry=${entry} .handling=${this.handling(entry)} @transfer=${() => (this.dialog = "transfer")} @end=${() => (this.dialog = "end")} @request-help=${() => (this.dialog = "help")}></parley-chat-actions>
      </header>
      ${v.state === "waiting" || v.state === "pending"
        ? html`<div class="banner" role="status">${msg("This visitor is waiting for an operator.", { id: "chat.waitingBanner" })}
            <button class="primary" data-testid="accept-banner" @click=${() => this.accept(v.id)}>${msg("Accept", { id: "list.accept" })}</button></div>`
        : nothing}
      ${v.state === "active" && !mine
        ? html`<div class="banner" role="status">${services.session.role === "operator"
            ? msg(str`Handled by ${operatorName ?? "?"}: you can read and add internal notes.`, { id: "chat.otherOperator" })
            : msg(str`Handled by ${operatorName ?? "?"}: as a manager you may step in and reply.`, { id: "chat.managerJoin" })}</div>`
        : nothing}
      ${v.state === "ended"
        ? html`<div class="banner ended" role="status">${msg("This conversation has ended.", { id: "chat.endedBanner" })}
            <button class="ghost" @click=${() => services.store.forget(v.id)}>${msg("Close tab", { id: "chat.closeTab" })}</button></div>`
        : nothing}
      <parley-message-list .entry=${entry} .me=${services.session.id} .locale=${locale} .questionnaireTitles=${services.config.questionnaireTitles} .loadingOlder=${this.loadingOlder} @load-older=${this.loadOlder} @retry=${this.retry} @discard=${this.discard}></parley-message-list>
      <parley-composer .entry=${entry} .canReply=${canReply}></parley-composer>
      ${this.questionnaire.button(v.id)}
      ${this.dialog === "transfer" ? html`<parley-transfer-dialog .entry=${entry} @close=${() => (this.dialog = null)}></parley-transfer-dialog>` : nothing}
      ${this.dialog === "help" ? html`<parley-assistance-dialog .conversationId=${v.id} @close=${() => (this.dialog = null)}></parley-assistance-dialog>` : nothing}
      ${this.dialog === "end" ? this.renderEndConfirm(v.id) : nothing}
      ${questionnaire}`;
  }

  private renderEndConfirm(id: string) {
    return html`<div class="banner" role="alertdialog" aria-label=${msg("End this conversation?", { id: "chat.endConfirm" })}>
      ${msg("End this conversation?", { id: "chat.endConfirm" })}
      <button class="danger" data-testid="end-confirm" @click=${() => this.end(id)}>${msg("End", { id: "actions.end" })}</button>
      <button @click=${() => (this.dialog = null)}>${msg("Cancel", { id: "common.cancel" })}</button>
    </div>`;
  }

  private async accept(id: string): Promise<void> {
    const services = this.services!;
    try {
      await services.connection.accept(id);
    } catch (error) {
      toast(services, (error as Error).message, "error");
    }
  }

  private async end(id: string): Promise<void> {
    const services = this.services!;
    this.dialog = null;
    try {
      await services.connection.send({ type: "end", conversationId: id });
    } catch (error) {
      toast(services, (error as Error).message, "error");
    }
  }

  private async loadOlder(): Promise<void> {
    const services = this.services;
    const entry = this.entry();
    if (!services || !entry || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const before = entry.events[0]?.seq ?? entry.view.lastSeq + 1;
      const page = await services.api.history(entry.view.id, before);
      services.store.prependHistory(entry.view.id, page.events, !page.hasMore);
    } catch (error) {
      toast(services, (error as Error).message, "error");
    } finally {
      this.loadingOlder = false;
    }
  }

  private retry(e: CustomEvent<{ clientId: string; kind: "message" | "note"; text: string }>): void {
    const services = this.services;
    const id = this.conversationId;
    if (!services || !id) return;
    services.connection.discard(id, e.detail.clientId);
    services.connection.post(id, e.detail.kind, e.detail.text).catch(() => undefined);
  }

  private discard(e: CustomEvent<{ clientId: string }>): void {
    if (this.services && this.conversationId) this.services.connection.discard(this.conversationId, e.detail.clientId);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-chat-view": ChatViewElement;
  }
}
