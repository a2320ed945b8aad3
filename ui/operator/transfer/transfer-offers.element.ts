/**
 * `<parley-transfer-offers>`: the banner of transfers offered to me (a colleague typed `/t Me`):
 * who, which visitor, their message, with Accept (or `/a`) and Decline.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { servicesContext, StoreController, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { banner, bannerStyles } from "../shell/banner.template";
import { Ticker } from "../shell/ticker";

/** Offered transfers. */
@localized()
@customElement("parley-transfer-offers")
export class TransferOffersElement extends LitElement {
  static override styles = [
    controls,
    bannerStyles,
    css`
      :host { --banner-bg: var(--p-accent-soft); }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  private readonly store = new StoreController(this, () => this.services?.store);
  private readonly ticker = new Ticker(this);

  override render() {
    const offers = [...(this.store.state?.offers.values() ?? [])].filter((o) => o.expiresAt === null || o.expiresAt > this.ticker.now);
    if (!offers.length) return nothing;
    return html`${offers.map((o) => {
      const visitor = o.conversation.visitor.name ?? o.conversation.visitor.email ?? msg("a visitor", { id: "offer.aVisitor" });
      return banner(
        "transfer-offer",
        `⇄ ${msg(str`${o.from.name} asks you to take the conversation with ${visitor}`, { id: "offer.text" })}`,
        o.message,
        html`<button class="primary" data-testid="offer-accept" @click=${() => this.accept(o.transferId, o.conversation.id)}>${msg("Accept", { id: "list.accept" })} (/a)</button>
          <button data-testid="offer-decline" @click=${() => this.decline(o.transferId)}>${msg("Decline", { id: "offer.decline" })}</button>`,
      );
    })}`;
  }

  private async accept(transferId: string, conversationId: string): Promise<void> {
    const services = this.services!;
    try {
      await services.connection.acceptTransfer(transferId, conversationId);
      services.store.select(conversationId);
    } catch (error) {
      toast(services, (error as Error).message, "error");
    }
  }

  private async decline(transferId: string): Promise<void> {
    const services = this.services!;
    try {
      await services.connection.declineTransfer(transferId);
    } catch (error) {
      toast(services, (error as Error).message, "error");
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-transfer-offers": TransferOffersElement;
  }
}
