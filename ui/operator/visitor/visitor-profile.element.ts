/**
 * `<parley-visitor-profile>`: what the operator knows about the visitor — name, e-mail, their
 * pre-chat answers (by their labels), the profile fields the host site set (a group of their own,
 * marked as not verified: the page sets them, so the visitor could too), the page they
 * are on and where they came from, browser and OS (parsed locally), their local time and language,
 * the additional information operators keep on their record, their past conversations with the
 * notes colleagues left on them, and (managers and admins) erasing the visitor.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, localized } from "@lit/localize";
import type { StaffConversationViewT } from "../../shared/protocol";
import { stateLabel } from "../conversations/conversation-labels";
import { consoleLocalization } from "../i18n/console-locale";
import { servicesContext, type ConsoleServices } from "../state/console.context";
import type { ConversationEntry } from "../state/console.model";
import { visitorLabel } from "../state/conversation.derive";
import { controls } from "../theme/theme.styles";
import { Ticker } from "../shell/ticker";
import { describeUserAgent, languageName, visitorLocalTime } from "./user-agent";
import { loadVisitorHistory, type VisitorHistory } from "./visitor-history";
import "./additional-info.element";
import "./erase-visitor-dialog.element";

/** The visitor panel. */
@localized()
@customElement("parley-visitor-profile")
export class VisitorProfileElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; padding: 0.8rem; }
      h3 { margin: 0 0 0.5rem; font-size: 1rem; }
      h4 { margin: 1rem 0 0.4rem; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--p-fg-muted); }
      dl { display: grid; grid-template-columns: minmax(6rem, auto) 1fr; gap: 0.25rem 0.6rem; margin: 0; font-size: 0.88rem; }
      dt { color: var(--p-fg-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      a { color: var(--p-accent); }
      ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.3rem; }
      li button { width: 100%; justify-content: space-between; font-size: 0.85rem; }
      .note { font-size: 0.85rem; background: var(--p-note-bg); color: var(--p-note-fg); padding: 0.35rem 0.5rem; border-radius: 6px; white-space: pre-wrap; }
      .note small { display: block; opacity: 0.8; }
      .hint { margin: 0 0 0.4rem; font-size: 0.8rem; color: var(--p-fg-muted); }
      .erase { margin-top: 1.2rem; border-top: 1px solid var(--p-border); padding-top: 0.6rem; }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property({ attribute: false }) accessor entry: ConversationEntry | null = null;
  @state() private accessor history: VisitorHistory | null = null;
  @state() private accessor erasing = false;
  private readonly ticker = new Ticker(this);

  override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get("entry") as ConversationEntry | null | undefined;
    const visitorId = this.entry?.view.visitor.id ?? null;
    if (changed.has("entry") && before?.view.visitor.id !== visitorId) {
      this.history = null;
      this.erasing = false;
      if (visitorId && this.services) void this.fetchHistory(visitorId, this.entry!.view.id);
    }
  }

  private async fetchHistory(visitorId: string, currentId: string): Promise<void> {
    const history = await loadVisitorHistory(this.services!, currentId);
    if (this.entry?.view.visitor.id === visitorId) this.history = history;
  }

  override render() {
    const services = this.services;
    const entry = this.entry;
    if (!services || !entry) return html`<p class="muted">${msg("Select a conversation to see the visitor.", { id: "visitor.none" })}</p>`;
    const v = entry.view.visitor;
    const locale = consoleLocalization().getLocale();
    const device = describeUserAgent(v.userAgent);
    const localTime = visitorLocalTime(v.timezone, this.ticker.now, locale);
    const labels = new Map(services.config.visitorFields.map((f) => [f.id, f.label]));
    const fromSite = new Set(services.config.visitorFields.filter((f) => f.source === "profile").map((f) => f.id));
    const fields = Object.entries(v.fields).filter(([id]) => !fromSite.has(id));
    const siteFields = services.config.visitorFields.filter((f) => fromSite.has(f.id) && v.fields[f.id]);
    return html`<h3 data-testid="visitor-name">${visitorLabel(entry)}</h3>
      <dl data-testid="visitor-details">
        ${row(msg("E-mail", { id: "login.email" }), v.email ? html`<a href="mailto:${v.email}">${v.email}</a>` : null)}
        ${fields.map(([id, value]) => row(labels.get(id) ?? id, value))}
        ${row(msg("Page", { id: "visitor.page" }), v.pageUrl ? link(v.pageUrl) : null)}
        ${row(msg("Came from", { id: "visitor.referrer" }), v.referrer ? link(v.referrer) : null)}
        ${row(msg("Browser", { id: "visitor.browser" }), device.browser)}
        ${row(msg("System", { id: "visitor.os" }), [device.os, device.device].filter(Boolean).join(" · ") || null)}
        ${row(msg("Local time", { id: "visitor.localTime" }), localTime ? html`<span data-testid="visitor-local-time">${localTime} <span class="muted">(${v.timezone})</span></span>` : null)}
        ${row(msg("Language", { id: "visitor.language" }), languageName(v.language, locale))}
        ${row(msg("Started", { id: "visitor.started" }), new Date(entry.view.createdAt).toLocaleString(locale))}
      </dl>
      ${siteFields.length
        ? html`<h4>${msg("From the website", { id: "visitor.site" })}</h4>
            <p class="hint">${msg("Set by the page the visitor is on, not verified: do not rely on them to confirm who the visitor is.", { id: "visitor.site.hint" })}</p>
            <dl data-testid="visitor-site-fields">${siteFields.map((f) => row(f.label, v.fields[f.id]))}</dl>`
        : nothing}
      <parley-additional-info .conversationId=${entry.view.id}></parley-additional-info>
      <h4>${msg("Past conversations", { id: "visitor.past" })}</h4>
      ${this.history === null
        ? html`<p class="muted">${msg("Loading…", { id: "app.loading" })}</p>`
        : this.history.conversations.length === 0
          ? html`<p class="muted">${msg("First conversation with this visitor.", { id: "visitor.first" })}</p>`
          : html`<ul data-testid="past-conversations">${this.history.conversations.map((c) => this.pastRow(c, locale))}</ul>`}
      ${this.history?.notes.length
        ? html`<h4>${msg("Notes from past conversations", { id: "visitor.notes" })}</h4>
            <ul>${this.history.notes.map((n) => html`<li class="note">${n.text}<small>${n.author} · ${new Date(n.at).toLocaleDateString(locale)}</small></li>`)}</ul>`
        : nothing}
      ${services.session.role === "operator" ? nothing : this.eraseSection(entry)}`;
  }

  /** Managers and admins: erase the visitor (the server refuses while a conversation of theirs is open). */
  private eraseSection(entry: ConversationEntry) {
    const open = entry.view.state !== "ended";
    return html`<div class="erase">
      ${open ? html`<p class="hint">${msg("To erase this visitor, end the conversation first.", { id: "erase.endFirst" })}</p>` : nothing}
      <button class="danger" data-testid="erase-visitor" ?disabled=${open} @click=${() => (this.erasing = true)}>${msg("Erase this visitor…", { id: "erase.open" })}</button>
      ${this.erasing
        ? html`<parley-erase-visitor-dialog .visitorId=${entry.view.visitor.id} .visitorName=${visitorLabel(entry)} @close=${() => (this.erasing = false)}></parley-erase-visitor-dialog>`
        : nothing}
    </div>`;
  }

  private pastRow(c: StaffConversationViewT, locale: string) {
    return html`<li><button class="ghost" @click=${() => this.open(c)}>
      <span>${new Date(c.createdAt).toLocaleDateString(locale)}</span><span class="muted">${stateLabel(c.state)}${c.tags.length ? ` · ${c.tags.join(", ")}` : ""}</span>
    </button></li>`;
  }

  private open(c: StaffConversationViewT): void {
    this.services?.store.addFetched(c);
    this.services?.store.select(c.id);
  }
}

function row(label: string, value: unknown) {
  return value === null || value === undefined || value === "" ? nothing : html`<dt>${label}</dt><dd>${value}</dd>`;
}

function link(url: string) {
  return /^https?:\/\//i.test(url) ? html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow">${url}</a>` : url;
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-visitor-profile": VisitorProfileElement;
  }
}
