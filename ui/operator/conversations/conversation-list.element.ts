/**
 * `<parley-conversation-list>`: the conversation tabs. Status folders (Unread / Unresolved / Done /
 * All) with counts, "assigned to me", department, priority and tag filters, a visitor search, and
 * the order (newest or priority/SLA). Waiting conversations can be taken from here ("Accept").
 * The choice of filters is remembered per browser. Done conversations are fetched from the API.
 */
import { LitElement, css, html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import { CommandError } from "../../shared/socket.controller";
import { RequestListener, servicesContext, StoreController, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { stepSelection } from "../shell/shortcuts";
import { DEFAULT_FILTER, folderCounts, knownTags, visibleConversations, type ListFilter, type StatusFolder } from "./conversation-filter";
import { folderLabel } from "./folder-labels";
import "./list-filters.element";
import "./conversation-item.element";

const FILTER_KEY = "parley.console.filter";

/** The conversation list. */
@localized()
@customElement("parley-conversation-list")
export class ConversationListElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; overflow: hidden; }
      nav { display: flex; gap: 0.2rem; padding: 0.4rem; border-bottom: 1px solid var(--p-border); flex-wrap: wrap; }
      nav button { font-size: 0.82rem; padding: 0.2rem 0.45rem; }
      .items { overflow-y: auto; flex: 1; }
      .empty { padding: 1.5rem 1rem; text-align: center; }
      .accept { display: flex; justify-content: flex-end; padding: 0 0.7rem 0.4rem; border-bottom: 1px solid var(--p-border); margin-top: -0.2rem; }
      .accept button { font-size: 0.8rem; padding: 0.15rem 0.6rem; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor filter: ListFilter = loadFilter();
  private readonly store = new StoreController(this, () => this.services?.store);
  private fetchedDone = false;

  constructor() {
    super();
    new RequestListener(this, () => this.services?.bus, (req) => {
      if (req.kind === "step-conversation") this.step(req.step);
      if (req.kind === "focus-search") this.renderRoot.querySelector("parley-list-filters")?.focusSearch();
    });
  }

  override render() {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return null;
    const entries = [...state.conversations.values()];
    const counts = folderCounts(entries);
    const list = visibleConversations(entries, this.filter, services.session.id);
    const names = new Map(services.config.operators.map((o) => [o.id, o.name]));
    return html`<nav role="tablist" aria-label=${msg("Conversation folders", { id: "list.folders" })}>
        ${(["unread", "unresolved", "done", "all"] as StatusFolder[]).map(
          (folder) => html`<button role="tab" data-testid="folder-${folder}" aria-selected=${this.filter.folder === folder ? "true" : "false"} aria-pressed=${this.filter.folder === folder ? "true" : "false"} @click=${() => this.setFilter({ folder })}>
            ${folderLabel(folder)} <span class="muted">${counts[folder]}</span>
          </button>`,
        )}
      </nav>
      <parley-list-filters .filter=${this.filter} .departments=${services.config.departments} .tags=${knownTags(entries)} @filter-change=${(e: CustomEvent<Partial<ListFilter>>) => this.setFilter(e.detail)}></parley-list-filters>
      <div class="items" role="tablist" aria-orientation="vertical" aria-label=${msg("Conversations", { id: "list.label" })} @keydown=${this.onKey}>
        ${list.length === 0 ? html`<p class="empty muted">${msg("No conversation here.", { id: "list.empty" })}</p>` : null}
        ${repeat(
          list,
          (e) => e.view.id,
          (e) => html`<parley-conversation-item
              .entry=${e}
              .selected=${e.view.id === state.selectedId}
              .operatorName=${e.view.operatorId && e.view.operatorId !== services.session.id ? (names.get(e.view.operatorId) ?? e.view.operatorId) : ""}
              @click=${() => this.open(e.view.id)}
            ></parley-conversation-item>
            ${e.view.state === "waiting" || e.view.state === "pending"
              ? html`<div class="accept"><button class="primary" data-testid="accept" @click=${() => this.accept(e.view.id)}>${msg("Accept", { id: "list.accept" })}</button></div>`
              : null}`,
        )}
      </div>`;
  }

  private open(id: string): void {
    const services = this.services;
    if (!services) return;
    services.store.select(id);
    const entry = services.store.entry(id);
    // A waiting conversation is followed (watched) so its messages show before accepting it.
    if (entry && entry.view.state !== "ended" && entry.view.operatorId !== services.session.id && entry.events.length === 0) {
      void services.connection.send({ type: "watch", conversationId: id }).catch(() => undefined);
    }
  }

  private async accept(id: string): Promise<void> {
    const services = this.services;
    if (!services) return;
    services.store.select(id);
    try {
      await services.connection.accept(id);
    } catch (error) {
      toast(services, error instanceof CommandError ? error.message : String(error), "error");
    }
  }

  private step(step: 1 | -1): void {
    const services = this.services;
    const state = this.store.state;
    if (!services || !state) return;
    const ids = visibleConversations(state.conversations.values(), this.filter, services.session.id).map((e) => e.view.id);
    const next = stepSelection(ids, state.selectedId, step);
    if (next) this.open(next);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.step(e.key === "ArrowDown" ? 1 : -1);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("parley-conversation-item[selected]")?.shadowRoot?.querySelector<HTMLElement>(".row")?.focus());
    }
  }

  private setFilter(patch: Partial<ListFilter>): void {
    this.filter = { ...this.filter, ...patch };
    saveFilter(this.filter);
    if ((this.filter.folder === "done" || this.filter.folder === "all") && !this.fetchedDone) void this.fetchDone();
  }

  /** Ended conversations come from the API (the socket only carries open ones). */
  private async fetchDone(): Promise<void> {
    const services = this.services;
    if (!services) return;
    this.fetchedDone = true;
    try {
      const page = await services.api.conversations({ status: "ended", limit: 100 });
      for (const view of page.items) services.store.addFetched(view);
    } catch (error) {
      this.fetchedDone = false;
      toast(services, (error as Error).message, "error");
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.filter.folder === "done" || this.filter.folder === "all") queueMicrotask(() => void this.fetchDone());
  }
}

function loadFilter(): ListFilter {
  try {
    return { ...DEFAULT_FILTER, ...(JSON.parse(localStorage.getItem(FILTER_KEY) ?? "{}") as Partial<ListFilter>), search: "" };
  } catch {
    return DEFAULT_FILTER;
  }
}

function saveFilter(filter: ListFilter): void {
  try {
    localStorage.setItem(FILTER_KEY, JSON.stringify({ ...filter, search: "" }));
  } catch {
    /* storage unavailable */
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-conversation-list": ConversationListElement;
  }
}
