/**
 * `<parley-canned-panel>`: the canned responses of this conversation, grouped by topic with their
 * `#shortcut`; a click inserts the response (already expanded for this visitor) into the reply.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import { request, servicesContext, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { expandCanned, groupByTopic, searchCanned, type CannedResponse } from "./canned-search";

/** The canned responses tab. */
@localized()
@customElement("parley-canned-panel")
export class CannedPanelElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; padding: 0.7rem; }
      input { width: 100%; }
      h4 { margin: 0.8rem 0 0.3rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--p-fg-muted); }
      button.item { display: grid; width: 100%; text-align: start; gap: 0.1rem; margin-bottom: 0.3rem; }
      .shortcut { font-weight: 600; color: var(--p-accent); font-size: 0.85rem; }
      .text { font-size: 0.85rem; color: var(--p-fg-muted); white-space: pre-wrap; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property() accessor conversationId: string | null = null;
  @state() private accessor responses: readonly CannedResponse[] | null = null;
  @state() private accessor filter = "";
  @state() private accessor error = "";

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("conversationId")) void this.load();
  }

  private async load(): Promise<void> {
    const services = this.services;
    const id = this.conversationId;
    this.responses = null;
    if (!services || !id) return;
    try {
      const responses = await services.api.canned(id);
      if (id === this.conversationId) this.responses = responses;
      this.error = "";
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    if (!this.conversationId) return html`<p class="muted">${msg("Select a conversation to see its canned responses.", { id: "canned.noConversation" })}</p>`;
    if (this.error) return html`<p class="error">${this.error}</p>`;
    if (!this.responses) return html`<p class="muted">${msg("Loading…", { id: "app.loading" })}</p>`;
    const list = this.filter.trim() ? searchCanned(this.responses, this.filter, 50) : this.responses;
    return html`<input type="search" placeholder=${msg("Filter…", { id: "canned.filter" })} aria-label=${msg("Filter…", { id: "canned.filter" })} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
      ${list.length === 0 ? html`<p class="muted">${msg("No canned response matches.", { id: "canned.none" })}</p>` : nothing}
      ${groupByTopic(list).map(
        ([topic, items]) => html`<h4>${topic}</h4>
          ${items.map((r) => html`<button class="item" data-testid="canned-item" @click=${() => this.insert(r)}><span class="shortcut">#${r.shortcut}</span><span class="text">${r.text}</span></button>`)}`,
      )}`;
  }

  private insert(response: CannedResponse): void {
    const services = this.services;
    const entry = this.conversationId ? services?.store.entry(this.conversationId) : undefined;
    if (!services || !entry) return;
    const text = expandCanned(response.text, { visitor: entry.view.visitor.name, operator: services.session.name }, msg("there", { id: "canned.fallbackVisitor" }));
    request(services, { kind: "insert-text", text });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-canned-panel": CannedPanelElement;
  }
}
