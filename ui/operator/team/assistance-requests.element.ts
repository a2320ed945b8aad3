/**
 * `<parley-assistance-requests>`: for managers, the banner of help requests from operators — who,
 * which visitor, their message — with "Open" (follows the conversation so the manager can read and
 * step in) and "Dismiss".
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { servicesContext, StoreController, type ConsoleServices } from "../state/console.context";
import { visitorLabel } from "../state/conversation.derive";
import { banner, bannerStyles } from "../shell/banner.template";
import { controls } from "../theme/theme.styles";

/** Help requests banner. */
@localized()
@customElement("parley-assistance-requests")
export class AssistanceRequestsElement extends LitElement {
  static override styles = [
    controls,
    bannerStyles,
    css`
      :host { --banner-bg: var(--p-note-bg); --banner-fg: var(--p-note-fg); }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  /** On the dashboard (no chat window): "Open" goes to the console on that conversation. */
  @property({ type: Boolean }) accessor openInConsole = false;
  private readonly store = new StoreController(this, () => this.services?.store);

  override render() {
    const state = this.store.state;
    if (!state || state.assistance.size === 0) return nothing;
    return html`${[...state.assistance.values()].map((request) => {
      const entry = state.conversations.get(request.conversationId);
      const who = request.from.name;
      const visitor = entry ? visitorLabel(entry) : "?";
      return banner(
        "assistance-request",
        `🆘 ${msg(str`${who} asks for your help with ${visitor}`, { id: "assist.text" })}`,
        request.message,
        html`<button class="primary" data-testid="assistance-open" @click=${() => this.open(request.conversationId)}>${msg("Open", { id: "assist.open" })}</button>
          <button @click=${() => this.services?.store.dismissAssistance(request.conversationId)}>${msg("Dismiss", { id: "assist.dismiss" })}</button>`,
      );
    })}`;
  }

  private open(conversationId: string): void {
    const services = this.services;
    if (!services) return;
    services.store.dismissAssistance(conversationId);
    if (this.openInConsole) return void window.open(`/console#conversation=${encodeURIComponent(conversationId)}`, "_blank", "noopener");
    services.store.select(conversationId);
    void services.connection.send({ type: "watch", conversationId }).catch(() => undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-assistance-requests": AssistanceRequestsElement;
  }
}
