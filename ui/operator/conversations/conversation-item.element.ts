/**
 * `<parley-conversation-item>`: one conversation tab of the list — visitor, last message, how long
 * the visitor has been waiting for an answer (live), unread count, priority, importance, and the
 * transfer arrow with who transferred it and their message. A new conversation flashes red until
 * it is opened.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { msg, str, localized } from "@lit/localize";
import type { ConversationEntry } from "../state/console.model";
import { formatDuration, previewOf, unreadCount, visitorLabel, waitingSince } from "../state/conversation.derive";
import { controls } from "../theme/theme.styles";
import { Ticker } from "../shell/ticker";
import { priorityLabel, stateLabel } from "./conversation-labels";

/** One row of the conversation list. */
@localized()
@customElement("parley-conversation-item")
export class ConversationItemElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      .row { display: grid; grid-template-columns: 1fr auto; gap: 0.1rem 0.5rem; padding: 0.5rem 0.7rem; border-inline-start: 3px solid transparent; cursor: pointer; border-bottom: 1px solid var(--p-border); }
      .row:hover { background: var(--p-bg-soft); }
      .row.selected { background: var(--p-accent-soft); border-inline-start-color: var(--p-accent); }
      .row.attention { border-inline-start-color: var(--p-flash); animation: flash 1s steps(2, start) infinite; }
      @keyframes flash { 50% { background: color-mix(in srgb, var(--p-flash) 22%, transparent); } }
      @media (prefers-reduced-motion: reduce) { .row.attention { animation: none; background: color-mix(in srgb, var(--p-flash) 15%, transparent); } }
      .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .unread .name::after { content: " •"; color: var(--p-accent); }
      .meta { font-size: 0.78rem; display: flex; gap: 0.35rem; align-items: center; justify-content: flex-end; }
      .preview { grid-column: 1 / -1; font-size: 0.85rem; color: var(--p-fg-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .transfer { grid-column: 1 / -1; font-size: 0.8rem; color: var(--p-accent); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .wait { font-variant-numeric: tabular-nums; }
      .wait.late { color: var(--p-danger); font-weight: 600; }
      .chip { font-size: 0.72rem; padding: 0 0.35rem; border-radius: 4px; border: 1px solid var(--p-border); }
      .chip.urgent { border-color: var(--p-danger); color: var(--p-danger); }
      .chip.high { border-color: var(--p-warn); color: var(--p-warn); }
      .star { color: var(--p-warn); }
      .state { color: var(--p-fg-muted); }
    `,
  ];

  @property({ attribute: false }) accessor entry: ConversationEntry | null = null;
  @property({ type: Boolean, reflect: true }) accessor selected = false;
  /** Name of the operator handling it, when it is not me (supervisors see everyone's). */
  @property() accessor operatorName = "";
  private readonly ticker = new Ticker(this);

  override render() {
    const entry = this.entry;
    if (!entry) return null;
    const v = entry.view;
    const since = waitingSince(entry);
    const waited = since === null ? null : this.ticker.now - since;
    const late = waited !== null && (v.slaDueAt !== null ? this.ticker.now > v.slaDueAt : waited > 120_000);
    const unread = unreadCount(entry);
    const name = visitorLabel(entry);
    const t = entry.transfer;
    const from = t?.from?.name ?? "?";
    const note = t?.message ? `: ${t.message}` : "";
    const transferLine = t
      ? t.automatic
        ? msg("⇄ Transferred automatically", { id: "item.autoTransfer" })
        : msg(str`⇄ Transferred by ${from}${note}`, { id: "item.transferredBy" })
      : null;
    return html`<div
      class="row ${this.selected ? "selected" : ""} ${entry.attention ? "attention" : ""} ${unread ? "unread" : ""}"
      role="tab"
      aria-selected=${this.selected ? "true" : "false"}
      tabindex=${this.selected ? "0" : "-1"}
      data-testid="conversation-item"
      data-conversation-id=${v.id}
      data-attention=${entry.attention ? "true" : "false"}
    >
      <span class="name">${t ? html`<span title=${transferLine ?? ""} aria-label=${msg("Transferred", { id: "item.transferred" })}>⇄ </span>` : null}${name}</span>
      <span class="meta">
        ${v.important ? html`<span class="star" title=${msg("Important", { id: "item.important" })}>★</span>` : null}
        ${v.priority === "high" || v.priority === "urgent" ? html`<span class="chip ${v.priority}">${priorityLabel(v.priority)}</span>` : null}
        ${waited !== null ? html`<span class="wait ${late ? "late" : ""}" data-testid="waiting-time" title=${msg("Time since the visitor's last message", { id: "item.waitTitle" })}>${formatDuration(waited)}</span>` : null}
        ${unread ? html`<span class="badge" aria-label=${msg(str`${unread} unread`, { id: "item.unread" })}>${unread}</span>` : null}
      </span>
      <span class="preview">
        <span class="state">${stateLabel(v.state)}${v.state === "waiting" && v.queuePosition ? ` #${v.queuePosition}` : ""}${this.operatorName ? ` · ${this.operatorName}` : ""}</span>
        ${previewOf(entry) ? html` — ${previewOf(entry)}` : null}
      </span>
      ${transferLine ? html`<span class="transfer" data-testid="transfer-mark">${transferLine}</span>` : null}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-conversation-item": ConversationItemElement;
  }
}
