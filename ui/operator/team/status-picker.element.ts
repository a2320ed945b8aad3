/**
 * `<parley-status-picker>`: my status — the built-in ones (connected, on break, offline) and the
 * optional ones from the configuration (training, phone, searching for information…). A status
 * that takes no new conversations is shown in amber, offline in grey. Next to it, how many
 * conversations at once I take ("Max conversations n of N"): I may lower it and raise it back up to
 * the configured ceiling; lowering takes none of my conversations away.
 */
import { LitElement, css, html } from "lit";
import { customElement } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized, str } from "@lit/localize";
import { CommandError } from "../../shared/socket.controller";
import { servicesContext, StoreController, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { capacityChoice, parseCapacity } from "./capacity-choice";
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
      .capacity { display: inline-flex; align-items: center; gap: 0.3rem; margin-inline-start: 0.4rem; font-size: 0.9em; }
      .capacity input { width: 3.2rem; padding-block: 0.15rem; }
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
      </select>${this.renderCapacity(me)}`;
  }

  private renderCapacity(me: Parameters<typeof capacityChoice>[0]) {
    const choice = capacityChoice(me);
    if (!choice) return null;
    const title = msg("How many conversations you take at once (at most what the configuration allows). Lowering it takes none of yours away: you just get no new ones.", { id: "capacity.title" });
    return html`<span class="capacity" title=${title}>
      <label for="capacity">${msg("Max conversations", { id: "capacity.label" })}</label>
      <input id="capacity" data-testid="capacity" type="number" inputmode="numeric" min="1" max=${choice.max} step="1" .value=${String(choice.value)} @change=${this.changeCapacity} />
      <span data-testid="capacity-max">${msg(str`of ${choice.max}`, { id: "capacity.of" })}</span>
    </span>`;
  }

  private async changeCapacity(e: Event): Promise<void> {
    const services = this.services;
    const choice = capacityChoice(this.store.state?.me ?? null);
    if (!services || !choice) return;
    const input = e.target as HTMLInputElement;
    const max = parseCapacity(input.value, choice.max);
    if (max === null || max === choice.value) {
      input.value = String(choice.value);
      return;
    }
    try {
      await services.connection.send({ type: "capacity.set", max });
      toast(services, msg(str`You now take up to ${max} conversation(s) at once.`, { id: "capacity.saved" }));
    } catch (error) {
      toast(services, error instanceof CommandError ? error.message : String(error), "error");
      input.value = String(choice.value);
    }
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
