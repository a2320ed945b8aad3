/**
 * `<parley-message-list>`: the conversation's history and live messages, my unacknowledged
 * messages (sending… / failed, with retry), "load earlier messages", and the visitor's typing
 * indicator. Sticks to the bottom while the operator is at the bottom; announces new messages to
 * screen readers (aria-live).
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { msg, str, localized } from "@lit/localize";
import { messageTextTemplate } from "../../shared/message-text.template";
import type { ConversationEntry, PendingMessage } from "../state/console.model";
import { visitorLabel } from "../state/conversation.derive";
import { controls } from "../theme/theme.styles";
import { eventRequestStates, eventRow, timeOf, type RowContext } from "./event-row";
import { messageStyles } from "./message.styles";

/** The chat history. */
@localized()
@customElement("parley-message-list")
export class MessageListElement extends LitElement {
  static override styles = [
    controls,
    messageStyles,
    css`
      :host { display: block; overflow-y: auto; padding: 0.8rem 1rem; }
      .older { text-align: center; margin-bottom: 0.6rem; }
      .typing { font-size: 0.85rem; color: var(--p-fg-muted); font-style: italic; min-height: 1.3em; }
    `,
  ];

  @property({ attribute: false }) accessor entry: ConversationEntry | null = null;
  @property() accessor me = "";
  @property() accessor locale = "en";
  @property({ type: Boolean }) accessor loadingOlder = false;
  /** Questionnaire titles by id (from the console config), for the request lines. */
  @property({ attribute: false }) accessor questionnaireTitles: Readonly<Record<string, string>> = {};
  private stickToBottom = true;

  constructor() {
    super();
    this.addEventListener("scroll", () => {
      this.stickToBottom = this.scrollHeight - this.scrollTop - this.clientHeight < 40;
    });
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get("entry") as ConversationEntry | null | undefined;
    if (previous && this.entry && previous.view.id !== this.entry.view.id) this.stickToBottom = true;
  }

  override updated(): void {
    if (this.stickToBottom) this.scrollTop = this.scrollHeight;
  }

  override render() {
    const entry = this.entry;
    if (!entry) return nothing;
    const titles = this.questionnaireTitles;
    const ctx: RowContext = {
      me: this.me,
      visitorName: visitorLabel(entry),
      visitorReadSeq: entry.view.visitorReadSeq,
      locale: this.locale,
      requests: eventRequestStates(entry.events),
      questionnaireTitle: (id) => titles[id] ?? id,
    };
    const first = entry.events[0]?.seq ?? entry.view.lastSeq + 1;
    const more = entry.historyFrom !== 0 && first > 1;
    return html`${more
        ? html`<div class="older"><button class="ghost" ?disabled=${this.loadingOlder} @click=${() => this.dispatchEvent(new CustomEvent("load-older"))}>${msg("Load earlier messages", { id: "list.older" })}</button></div>`
        : nothing}
      <div role="log" aria-live="polite" aria-label=${msg("Conversation history", { id: "chat.history" })}>
        ${repeat(entry.events, (f) => f.seq ?? 0, (f) => eventRow(f, ctx))}
        ${entry.pending.map((p) => this.pendingRow(p))}
      </div>
      <div class="typing" aria-live="polite" data-testid="visitor-typing">${entry.visitorTyping ? msg(str`${ctx.visitorName} is typing…`, { id: "chat.typing" }) : ""}</div>`;
  }

  private pendingRow(p: PendingMessage) {
    return html`<article class="msg ${p.kind === "note" ? "note" : "operator"} ${p.ackedSeq === undefined ? "pending" : ""}" data-testid=${p.ackedSeq === undefined ? "pending" : p.kind === "note" ? "note" : "message"}>
      <header>${p.kind === "note" ? html`<span class="who">🔒 ${msg("Internal note", { id: "row.note" })}</span>` : nothing} <time>${timeOf(p.at, this.locale)}</time></header>
      <div class="text">${messageTextTemplate(p.text)}</div>
      <footer class="receipt">
        ${p.error
          ? html`<span class="error">${msg(str`Not sent: ${p.error}`, { id: "chat.failed" })}</span>
              <button class="ghost" @click=${() => this.dispatchEvent(new CustomEvent("retry", { detail: p }))}>${msg("Retry", { id: "chat.retry" })}</button>
              <button class="ghost" @click=${() => this.dispatchEvent(new CustomEvent("discard", { detail: p }))}>${msg("Discard", { id: "chat.discard" })}</button>`
          : p.ackedSeq !== undefined
            ? msg("✓ Sent", { id: "row.sent" })
            : msg("Sending…", { id: "chat.sending" })}
      </footer>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-message-list": MessageListElement;
  }
}
