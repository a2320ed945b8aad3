/**
 * `<parley-operator-chat>`: the team drawer — the operators online with their status and load
 * (when my role may see them) and a chat with any connected colleague (when operator chat is on).
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { messageTextTemplate } from "../../shared/message-text.template";
import { can, servicesContext, StoreController, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { timeOf } from "../chat/event-row";
import { consoleLocalization } from "../i18n/console-locale";
import { presenceTone, statusDot, statusDotStyles } from "./status-dot";
import { statusNameOf } from "./status-labels";

/** The team drawer. */
@localized()
@customElement("parley-operator-chat")
export class OperatorChatElement extends LitElement {
  static override styles = [
    controls,
    statusDotStyles,
    css`
      :host { position: fixed; inset-block: 3rem 0; inset-inline-end: 0; width: min(30rem, 96vw); display: grid; grid-template-columns: 11rem 1fr; background: var(--p-bg-raised); border-inline-start: 1px solid var(--p-border); box-shadow: var(--p-shadow); z-index: 10; }
      :host(.list-only) { grid-template-columns: 1fr; width: 16rem; }
      aside { border-inline-end: 1px solid var(--p-border); overflow-y: auto; }
      h3 { font-size: 0.9rem; margin: 0.6rem; display: flex; justify-content: space-between; align-items: center; }
      ul { list-style: none; margin: 0; padding: 0; }
      li button { width: 100%; border: none; border-radius: 0; background: none; justify-content: space-between; padding: 0.45rem 0.6rem; }
      li button[aria-current="true"] { background: var(--p-accent-soft); }
      .op { display: grid; text-align: start; }
      .op small { color: var(--p-fg-muted); font-size: 0.75rem; }
      .dot { --dot-size: 0.55rem; margin-inline-end: 0.3rem; }
      section { display: flex; flex-direction: column; min-height: 0; }
      .thread { flex: 1; overflow-y: auto; padding: 0.6rem; }
      .line { margin: 0.25rem 0; padding: 0.35rem 0.55rem; border-radius: 8px; background: var(--p-visitor-bg); max-width: 85%; overflow-wrap: anywhere; }
      .line.mine { margin-inline-start: auto; background: var(--p-operator-bg); }
      .line p { margin: 0; }
      .line time { font-size: 0.7rem; color: var(--p-fg-muted); }
      form { display: flex; gap: 0.3rem; padding: 0.5rem; border-top: 1px solid var(--p-border); }
      form input { flex: 1; }
      .empty { padding: 1rem; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor withId: string | null = null;
  private readonly store = new StoreController(this, () => this.services?.store);

  override render() {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return nothing;
    const chat = can(services, "operatorChat");
    this.classList.toggle("list-only", !chat);
    const presence = state.operators;
    const showPresence = can(services, "listOnlineOperators");
    const people = services.config.operators
      .filter((o) => o.id !== services.session.id)
      .map((o) => ({ ...o, p: presence.get(o.id) }))
      .filter((o) => !showPresence || (o.p && o.p.presence !== "offline"));
    return html`<aside aria-label=${msg("Team", { id: "header.team" })}>
        <h3>${showPresence ? msg("Online operators", { id: "team.online" }) : msg("Operators", { id: "team.all" })}<button class="ghost icon" aria-label=${msg("Close", { id: "common.close" })} @click=${() => this.dispatchEvent(new CustomEvent("close"))}>✕</button></h3>
        ${people.length === 0 ? html`<p class="empty muted">${msg("Nobody else is online.", { id: "team.nobody" })}</p>` : nothing}
        <ul data-testid="operators-online">
          ${people.map((o) => {
            const label = o.p ? (statusNameOf(services.config.statuses, o.p.status) ?? "") : "";
            const unread = state.chatUnread.get(o.id) ?? 0;
            return html`<li><button aria-current=${this.withId === o.id ? "true" : "false"} ?disabled=${!chat} data-testid="operator-${o.id}" @click=${() => this.open(o.id)}>
              <span class="op"><span>${o.p ? statusDot(presenceTone(o.p.presence)) : nothing}${o.name}</span>
                ${o.p ? html`<small>${label} · ${msg(str`${o.p.activeConversations}/${o.p.capacity} conversations`, { id: "team.load" })}</small>` : nothing}</span>
              ${unread ? html`<span class="badge">${unread}</span>` : nothing}
            </button></li>`;
          })}
        </ul>
      </aside>
      ${chat ? this.renderThread(services, state.chats.get(this.withId ?? "") ?? []) : nothing}`;
  }

  private renderThread(services: ConsoleServices, lines: readonly { id: string; text: string; at: number; mine: boolean; fromName: string }[]) {
    if (!this.withId) return html`<section><p class="empty muted">${msg("Choose a colleague to chat with.", { id: "team.choose" })}</p></section>`;
    const name = services.config.operators.find((o) => o.id === this.withId)?.name ?? this.withId;
    const locale = consoleLocalization().getLocale();
    return html`<section>
      <h3>${name}</h3>
      <div class="thread" role="log" aria-live="polite" data-testid="op-chat-thread">
        ${repeat(lines, (l) => l.id, (l) => html`<div class="line ${l.mine ? "mine" : ""}">${messageTextTemplate(l.text)}<time>${timeOf(l.at, locale)}</time></div>`)}
      </div>
      <form @submit=${this.send}><input name="text" data-testid="op-chat-input" maxlength=${services.config.maxMessageLength} autocomplete="off" aria-label=${msg(str`Message to ${name}`, { id: "team.messageTo" })} /><button class="primary" type="submit">${msg("Send", { id: "composer.send" })}</button></form>
    </section>`;
  }

  override updated(): void {
    if (this.withId && this.store.state?.chatUnread.get(this.withId)) this.services?.store.markChatRead(this.withId);
    const thread = this.renderRoot.querySelector(".thread");
    if (thread) thread.scrollTop = thread.scrollHeight;
  }

  private open(operatorId: string): void {
    this.withId = operatorId;
    this.services?.store.markChatRead(operatorId);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>("form input")?.focus());
  }

  private async send(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const services = this.services;
    const to = this.withId;
    const input = (e.target as HTMLFormElement).elements.namedItem("text") as HTMLInputElement;
    const text = input.value.trim();
    if (!services || !to || !text) return;
    input.value = "";
    try {
      const ack = await services.connection.send({ type: "op.message", toOperatorId: to, text });
      const result = ack.result as { delivered?: boolean } | undefined;
      if (result?.delivered === false) toast(services, msg("Your colleague is not connected: the message was not delivered.", { id: "team.notDelivered" }), "error");
    } catch (error) {
      input.value = text;
      toast(services, (error as Error).message, "error");
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-operator-chat": OperatorChatElement;
  }
}
