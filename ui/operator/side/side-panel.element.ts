/**
 * `<parley-side-panel>`: the right-hand column, in tabs — the visitor (who, where from, device,
 * local time, past conversations), "Search for knowledge" and the canned responses by topic. A tab
 * whose feature is turned off for my role is absent.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import { can, servicesContext, StoreController, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import "../visitor/visitor-profile.element";
import "../knowledge/knowledge-panel.element";
import "../canned/canned-panel.element";

type Tab = "visitor" | "knowledge" | "canned";

/** The side panel. */
@localized()
@customElement("parley-side-panel")
export class SidePanelElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; overflow: hidden; background: var(--p-bg); }
      nav { display: flex; border-bottom: 1px solid var(--p-border); }
      nav button { flex: 1; border: none; border-radius: 0; border-bottom: 2px solid transparent; background: none; font-size: 0.85rem; justify-content: center; }
      nav button[aria-selected="true"] { border-bottom-color: var(--p-accent); font-weight: 600; }
      .body { flex: 1; overflow-y: auto; }
      @media print { :host { display: none; } }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property() accessor conversationId: string | null = null;
  @state() private accessor tab: Tab = "visitor";
  private readonly store = new StoreController(this, () => this.services?.store);

  override render() {
    const services = this.services;
    if (!services) return nothing;
    const tabs: [Tab, string][] = [["visitor", msg("Visitor", { id: "side.visitor" })]];
    if (can(services, "knowledgeSearch")) tabs.push(["knowledge", msg("Search for knowledge", { id: "side.knowledge" })]);
    if (can(services, "cannedResponses")) tabs.push(["canned", msg("Canned responses", { id: "canned.title" })]);
    const tab = tabs.some(([t]) => t === this.tab) ? this.tab : "visitor";
    const entry = this.conversationId ? this.store.state?.conversations.get(this.conversationId) : undefined;
    return html`<nav role="tablist">
        ${tabs.map(([t, label]) => html`<button role="tab" data-testid="side-tab-${t}" aria-selected=${t === tab ? "true" : "false"} @click=${() => (this.tab = t)}>${label}</button>`)}
      </nav>
      <div class="body" role="tabpanel">
        ${tab === "visitor" ? html`<parley-visitor-profile .entry=${entry ?? null}></parley-visitor-profile>` : nothing}
        ${tab === "knowledge" ? html`<parley-knowledge-panel .conversationId=${this.conversationId}></parley-knowledge-panel>` : nothing}
        ${tab === "canned" ? html`<parley-canned-panel .conversationId=${this.conversationId}></parley-canned-panel>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-side-panel": SidePanelElement;
  }
}
