/**
 * `<parley-operator-chat>`: the team drawer — my colleagues with their status and load (when my role
 * may see them), an unread badge beside each, and a chat with any of them (when operator chat is
 * on). Messages are stored: a colleague who is offline gets them when they sign in, and opening a
 * thread loads its history from the server (older pages on demand) and marks it read on every tab.
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
import { teamThread } from "./team-chat.api";
import { lineOf } from "./team-chat.thread";

/** What the drawer knows of a thread's server history: whether loaded, and the cursor of the page before. */
interface ThreadHistory {
  readonly olderCursor: string | null;
  readonly loading: boolean;
}

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
      .offline { opacity: 0.7; }
      .earlier { align-self: center; margin: 0.3rem auto; display: block; }
      .note { margin: 0.3rem 0.6rem; font-size: 0.8rem; color: var(--p-fg-muted); }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor withId: string | null = null;
  /** Server history per colleague; absent: not fetched yet. */
  @state() private accessor histories = new Map<string, ThreadHistory>();
  /** The colleague of the open thread was offline when I last wrote (they get it on sign-in). */
  @state() private accessor offlineNote = false;
  private readonly store = new StoreController(this, () => this.services?.store);
  private lastConnection: string | undefined;
  /** False right after an older page arrived: the reader stays where they were instead of jumping to the end. */
  private followEnd = true;

  override render() {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return nothing;
    const chat = can(services, "operatorChat");
    this.classList.toggle("list-only", !chat);
    const presence = state.operators;
    const showPresence = can(services, "listOnlineOperators");
    // Everyone, those connected first: a message to an offline colleague waits for their sign-in.
    const connected = (o: { p?: { presence: string } }) => (o.p && o.p.presence !== "offline" ? 0 : 1);
    const people = services.config.operators
      .filter((o) => o.id !== services.session.id)
      .map((o) => ({ ...o, p: presence.get(o.id) }))
      .filter((o) => chat || !showPresence || connected(o) === 0)
      .sort((a, b) => (showPresence ? connected(a) - connected(b) : 0));
    const nobodyOnline = showPresence && people.every((o) => connected(o) === 1);
    return html`<aside aria-label=${msg("Team", { id: "header.team" })}>
        <h3>${msg("Operators", { id: "team.all" })}<button class="ghost icon" aria-label=${msg("Close", { id: "common.close" })} @click=${() => this.dispatchEvent(new CustomEvent("close"))}>✕</button></h3>
        ${nobodyOnline ? html`<p class="empty muted">${msg("Nobody else is online.", { id: "team.nobody" })}</p>` : nothing}
        <ul data-testid="operators-online">
          ${people.map((o) => {
            const label = o.p ? (statusNameOf(services.config.statuses, o.p.status) ?? "") : "";
            const unread = state.chatUnread.get(o.id) ?? 0;
            const away = showPresence && connected(o) === 1;
            return html`<li><button class=${away ? "offline" : ""} aria-current=${this.withId === o.id ? "true" : "false"} ?disabled=${!chat} data-testid="operator-${o.id}" @click=${() => this.open(o.id)}>
              <span class="op"><span>${o.p ? statusDot(presenceTone(o.p.presence)) : nothing}${o.name}</span>
                ${o.p && !away ? html`<small>${label} · ${msg(str`${o.p.activeConversations}/${o.p.capacity} conversations`, { id: "team.load" })}</small>` : nothing}
                ${away ? html`<small>${msg("Offline", { id: "status.offline" })}</small>` : nothing}</span>
              ${unread ? html`<span class="badge" data-testid="unread-${o.id}" aria-label=${msg(str`${unread} unread`, { id: "team.unread" })}>${unread}</span>` : nothing}
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
    const history = this.histories.get(this.withId);
    return html`<section>
      <h3>${name}</h3>
      <div class="thread" role="log" aria-live="polite" aria-busy=${history?.loading ? "true" : "false"} data-testid="op-chat-thread">
        ${history?.olderCursor ? html`<button class="ghost earlier" data-testid="op-chat-earlier" ?disabled=${history.loading} @click=${() => this.load(this.withId!, history.olderCursor)}>${msg("Earlier messages", { id: "team.earlier" })}</button>` : nothing}
        ${repeat(lines, (l) => l.id, (l) => html`<div class="line ${l.mine ? "mine" : ""}">${messageTextTemplate(l.text)}<time>${timeOf(l.at, locale)}</time></div>`)}
      </div>
      ${this.offlineNote ? html`<p class="note" data-testid="op-chat-offline">${msg(str`${name} is offline and will see your message on their next sign-in.`, { id: "team.offlineNote" })}</p>` : nothing}
      <form @submit=${this.send}><input name="text" data-testid="op-chat-input" maxlength=${services.config.maxMessageLength} autocomplete="off" aria-label=${msg(str`Message to ${name}`, { id: "team.messageTo" })} /><button class="primary" type="submit">${msg("Send", { id: "composer.send" })}</button></form>
    </section>`;
  }

  override willUpdate(): void {
    // Back online after a reconnection: the open thread may have missed lines while away.
    const connection = this.store.state?.connection;
    if (connection === "online" && this.lastConnection !== undefined && this.lastConnection !== "online" && this.withId) void this.load(this.withId, null);
    this.lastConnection = connection;
  }

  override updated(): void {
    if (this.withId && this.store.state?.chatUnread.get(this.withId)) this.markRead(this.withId);
    const thread = this.renderRoot.querySelector(".thread");
    if (thread && this.followEnd && !this.histories.get(this.withId ?? "")?.loading) thread.scrollTop = thread.scrollHeight;
  }

  private open(operatorId: string): void {
    this.withId = operatorId;
    this.offlineNote = false;
    this.followEnd = true;
    this.markRead(operatorId);
    if (!this.histories.has(operatorId)) void this.load(operatorId, null);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>("form input")?.focus());
  }

  /** Clears the badge here at once and, through the server, on my other tabs. */
  private markRead(operatorId: string): void {
    const services = this.services;
    if (!services?.store.state.chatUnread.get(operatorId)) return;
    services.store.markChatRead(operatorId);
    void services.connection.send({ type: "op.read", operatorId }).catch(() => undefined);
  }

  /** Fetches a page of the thread (the newest with `cursor` null) and merges it into the held lines. */
  private async load(operatorId: string, cursor: string | null): Promise<void> {
    const services = this.services;
    if (!services || this.histories.get(operatorId)?.loading) return;
    const before = this.histories.get(operatorId);
    this.histories = new Map(this.histories).set(operatorId, { olderCursor: before?.olderCursor ?? null, loading: true });
    try {
      const page = await teamThread(services.api.http, operatorId, cursor);
      services.store.addChatHistory(operatorId, page.items.map((item) => lineOf(item, services.session.id)));
      // The newest page says where the history continues only the first time; a refresh keeps the cursor we had.
      const olderCursor = cursor === null && before ? before.olderCursor : page.olderCursor;
      this.followEnd = cursor === null;
      this.histories = new Map(this.histories).set(operatorId, { olderCursor, loading: false });
    } catch (error) {
      this.histories = new Map(this.histories).set(operatorId, { olderCursor: before?.olderCursor ?? null, loading: false });
      toast(services, (error as Error).message, "error");
    }
  }

  private async send(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const services = this.services;
    const to = this.withId;
    const input = (e.target as HTMLFormElement).elements.namedItem("text") as HTMLInputElement;
    const text = input.value.trim();
    if (!services || !to || !text) return;
    input.value = "";
    this.followEnd = true;
    try {
      const ack = await services.connection.send({ type: "op.message", toOperatorId: to, text });
      const result = ack.result as { delivered?: boolean } | undefined;
      if (this.withId === to) this.offlineNote = result?.delivered === false;
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
