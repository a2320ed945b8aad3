/**
 * `<parley-knowledge-panel>`: the "Search for knowledge" tab. Searches the configured knowledge
 * base as the operator types — or, before they type, with the visitor's last question — and a
 * click on an article inserts its answer into the reply box (sent with the article as its source,
 * see knowledge-source.ts). The arrow shows the whole article.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import type { KnowledgeHit } from "../api/console.api";
import { request, servicesContext, type ConsoleServices } from "../state/console.context";
import { lastVisitorMessage } from "../state/conversation.derive";
import { controls } from "../theme/theme.styles";
import { keywordsOf, mergeSuggestions } from "./knowledge-suggest";

const DEBOUNCE_MS = 250;

/** The knowledge search tab. */
@localized()
@customElement("parley-knowledge-panel")
export class KnowledgePanelElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; padding: 0.7rem; }
      input { width: 100%; }
      ul { list-style: none; padding: 0; margin: 0.6rem 0 0; display: grid; gap: 0.4rem; }
      li { border: 1px solid var(--p-border); border-radius: var(--p-radius); padding: 0.45rem 0.55rem; }
      .head { display: flex; gap: 0.3rem; align-items: start; }
      .insert { flex: 1; text-align: start; border: none; background: none; padding: 0; font-weight: 600; color: var(--p-accent); display: block; }
      .body { font-size: 0.85rem; color: var(--p-fg-muted); white-space: pre-wrap; margin-top: 0.2rem; }
      .body.clamp { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
      .tags { font-size: 0.75rem; color: var(--p-fg-muted); }
      .hint { font-size: 0.8rem; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property() accessor conversationId: string | null = null;
  @state() private accessor query = "";
  @state() private accessor hits: readonly KnowledgeHit[] = [];
  @state() private accessor expanded: string | null = null;
  @state() private accessor error = "";
  @state() private accessor suggested = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("conversationId") && !this.query) this.suggest();
  }

  /** Searches with the visitor's last question while the operator has not typed anything. */
  private suggest(): void {
    const entry = this.conversationId ? this.services?.store.entry(this.conversationId) : undefined;
    const question = entry ? lastVisitorMessage(entry)?.event.text : undefined;
    const keywords = question ? keywordsOf(question) : [];
    this.suggested = keywords.length > 0;
    if (keywords.length) void this.searchAll(keywords);
    else this.hits = [];
  }

  /** One search per keyword, merged (the search itself wants every word of a query). */
  private async searchAll(keywords: readonly string[]): Promise<void> {
    const services = this.services;
    if (!services) return;
    const generation = ++this.generation;
    try {
      const lists = await Promise.all(keywords.map((k) => services.api.knowledge(k)));
      if (generation !== this.generation) return;
      this.hits = mergeSuggestions(lists);
      this.error = "";
    } catch (error) {
      if (generation === this.generation) this.error = (error as Error).message;
    }
  }

  override render() {
    return html`<input type="search" data-testid="knowledge-search" .value=${this.query} placeholder=${msg("Search the knowledge base…", { id: "knowledge.placeholder" })} aria-label=${msg("Search the knowledge base…", { id: "knowledge.placeholder" })} @input=${this.onInput} />
      ${this.suggested && !this.query ? html`<p class="hint muted">${msg("Suggestions for the visitor's last message:", { id: "knowledge.suggested" })}</p>` : nothing}
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${this.hits.length === 0 && (this.query || this.suggested) && !this.error ? html`<p class="muted">${msg("No article found.", { id: "knowledge.none" })}</p>` : nothing}
      <ul>
        ${this.hits.map(
          (hit) => html`<li data-testid="knowledge-hit">
            <div class="head">
              <button class="insert" title=${msg("Insert the answer into the reply", { id: "knowledge.insert" })} @click=${() => this.insert(hit)}>${hit.title}</button>
              <button class="ghost icon" aria-expanded=${this.expanded === hit.title ? "true" : "false"} aria-label=${msg("Show the whole article", { id: "knowledge.expand" })} @click=${() => (this.expanded = this.expanded === hit.title ? null : hit.title)}>${this.expanded === hit.title ? "▾" : "▸"}</button>
            </div>
            <div class="body ${this.expanded === hit.title ? "" : "clamp"}">${hit.body}</div>
            ${hit.tags.length ? html`<div class="tags">${hit.tags.map((t) => `#${t}`).join(" ")}</div>` : nothing}
          </li>`,
        )}
      </ul>`;
  }

  private onInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    if (!this.query.trim()) return this.suggest();
    this.suggested = false;
    this.timer = setTimeout(() => void this.search(this.query.trim()), DEBOUNCE_MS);
  }

  private async search(query: string): Promise<void> {
    const services = this.services;
    if (!services) return;
    const generation = ++this.generation;
    try {
      const hits = await services.api.knowledge(query);
      if (generation !== this.generation) return;
      this.hits = hits;
      this.error = "";
    } catch (error) {
      if (generation === this.generation) this.error = (error as Error).message;
    }
  }

  private insert(hit: KnowledgeHit): void {
    if (this.services) request(this.services, { kind: "insert-text", text: hit.body, knowledge: { title: hit.title, body: hit.body } });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-knowledge-panel": KnowledgePanelElement;
  }
}
