/**
 * `<parley-status-picker>`: my status — the built-in ones (connected, on break, offline) and the
 * optional ones from the configuration (training, phone, searching for information…). A status
 * that takes no new conversations is shown in amber, offline in grey.
 */
import { LitElement, css, html } from "lit";
import { customElement } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import { CommandError } from "../../shared/socket.controller";
import { servicesContext, StoreController, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { statusDot, statusDotStyles, type DotTone } from "./status-dot";
import { statusName } from "./status-labels";

/** The status select. */
@localized()
@customElement("parley-status-picker")
export class StatusPickerElement extends LitElement {
  static override styles = [
    controls,
    statusDotStyles,
    css`
      :host { display: inline-flex; align-items: center; gap: 0.4rem; }
      .dot { --dot-size: 0.7rem; }
      select { padding-block: 0.2rem; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  private readonly store = new StoreController(this, () => this.services?.store);

  override render() {
    const services = this.services;
    const me = this.store.state?.me;
    if (!services || !me) return null;
    const statuses = services.config.statuses;
    const current = statuses.find((s) => s.id === me.status);
    const tone: DotTone = me.status === "offline" ? "off" : current?.acceptsNewConversations ? "ok" : "warn";
    return html`${statusDot(tone)}
      <label class="sr-only" for="status">${msg("My status", { id: "status.label" })}</label>
      <select id="status" data-testid="status" .value=${me.status} @change=${this.change}>
        ${statuses.map((s) => html`<option value=${s.id} ?selected=${s.id === me.status}>${statusName(s)}</option>`)}
      </select>`;
  }

  private async change(e: Event): Promise<void> {
    const services = this.services;
    if (!services) return;
    const status = (e.target as HTMLSelectElement).value;
    try {
      await services.connection.send({ type: "status", status });
    } catch (error) {
      toast(services, error instanceof CommandError ? error.message : String(error), "error");
      this.requestUpdate();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-status-picker": StatusPickerElement;
  }
}
