/**
 * `<parley-offline-messages>`: the drawer of messages visitors left through the widget's offline
 * form (after hours, queue full, nobody online) — unhandled first, or handled / all; by department.
 * Each shows who wrote, their e-mail, the department, the page and time, and the message as plain
 * text (never HTML); "Reply by e-mail" opens the operator's mail program with the message quoted,
 * "Mark handled" records who handled it and when (shown to everyone). The server decides what each
 * operator may see (their departments); the header's badge follows the unhandled count.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { consoleLocalization } from "../i18n/console-locale";
import { servicesContext, StoreController, toast, type ConsoleServices } from "../state/console.context";
import { controls } from "../theme/theme.styles";
import { OfflineMessagesApi, type OfflineMessage, type OfflineStatus } from "./offline-messages.api";
import { replyMailto } from "./reply-link";

/** The offline messages drawer. */
@localized()
@customElement("parley-offline-messages")
export class OfflineMessagesElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { position: fixed; inset-block: 3rem 0; inset-inline-end: 0; width: min(34rem, 96vw); display: flex; flex-direction: column; background: var(--p-bg-raised); border-inline-start: 1px solid var(--p-border); box-shadow: var(--p-shadow); z-index: 10; }
      header { display: flex; align-items: center; gap: 0.5rem; padding: 0.6rem 0.8rem; border-bottom: 1px solid var(--p-border); flex-wrap: wrap; }
      h2 { font-size: 1rem; margin: 0; flex: 1; }
      .tabs { display: flex; gap: 0.3rem; }
      .tabs button[aria-pressed="true"] { background: var(--p-accent); color: var(--p-bg); border-color: var(--p-accent); }
      ol { list-style: none; margin: 0; padding: 0.6rem 0.8rem; overflow-y: auto; flex: 1; display: grid; gap: 0.6rem; align-content: start; }
      li { border: 1px solid var(--p-border); border-radius: var(--p-radius); padding: 0.55rem 0.7rem; display: grid; gap: 0.3rem; }
      li.open { border-inline-start: 4px solid var(--p-warn); }
      .who { display: flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; }
      .who strong { font-size: 0.95rem; }
      .meta { font-size: 0.8rem; color: var(--p-fg-muted); display: flex; gap: 0.6rem; flex-wrap: wrap; }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
      .actions { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .actions a { color: var(--p-accent); }
      .handled { font-size: 0.8rem; color: var(--p-ok); }
      .more { margin: 0 0.8rem 0.8rem; }
      a { color: var(--p-accent); }
    `,
  ];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @state() private accessor status: OfflineStatus = "open";
  @state() private accessor department = "";
  @state() private accessor items: readonly OfflineMessage[] = [];
  @state() private accessor nextCursor: string | null = null;
  @state() private accessor loading = false;
  @state() private accessor error = "";
  @state() private accessor marking = new Set<string>();
  private readonly store = new StoreController(this, () => this.services?.store);
  private generation = 0;
  private seenCount = -1;

  private get api(): OfflineMessagesApi | null {
    return this.services ? new OfflineMessagesApi(this.services.api.http) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(false);
  }

  /** A pushed message (the badge grew) reloads the first page. */
  override willUpdate(): void {
    const count = this.store.state?.offlineUnhandled ?? 0;
    if (this.seenCount >= 0 && count > this.seenCount) void this.load(false);
    this.seenCount = count;
  }

  private async load(more: boolean): Promise<void> {
    const api = this.api;
    if (!api) return;
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = await api.list({ status: this.status, department: this.department || null, cursor: more ? this.nextCursor : null });
      if (generation !== this.generation) return;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.error = "";
    } catch (error) {
      if (generation === this.generation) this.error = (error as Error).message;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  override render() {
    const services = this.services;
    if (!services) return nothing;
    const departments = services.config.departments;
    return html`<header>
        <h2 id="offline-title">${msg("Offline messages", { id: "offline.title" })}</h2>
        <button class="icon ghost" @click=${this.close} aria-label=${msg("Close", { id: "offline.close" })} title=${msg("Close", { id: "offline.close" })}>✕</button>
        <div class="tabs" role="group" aria-label=${msg("Show", { id: "offline.show" })}>
          ${this.tab("open", msg("Unhandled", { id: "offline.open" }))} ${this.tab("handled", msg("Handled", { id: "offline.handled" }))} ${this.tab("all", msg("All", { id: "offline.all" }))}
        </div>
        ${departments.length > 1
          ? html`<select aria-label=${msg("Department", { id: "offline.department" })} data-testid="offline-department" @change=${this.onDepartment}>
              <option value="">${msg("All departments", { id: "offline.allDepartments" })}</option>
              ${departments.map((d) => html`<option value=${d.id} ?selected=${this.department === d.id}>${d.name}</option>`)}
            </select>`
          : nothing}
      </header>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <ol aria-labelledby="offline-title" data-testid="offline-list">
        ${repeat(this.items, (m) => m.id, (m) => this.item(m, services))}
      </ol>
      ${!this.loading && !this.error && this.items.length === 0 ? html`<p class="muted more">${this.status === "open" ? msg("No message is waiting. Well done!", { id: "offline.noneOpen" }) : msg("No message.", { id: "offline.none" })}</p>` : nothing}
      ${this.nextCursor ? html`<button class="more" ?disabled=${this.loading} @click=${() => this.load(true)}>${msg("Older messages", { id: "offline.more" })}</button>` : nothing}`;
  }

  private tab(status: OfflineStatus, label: string) {
    return html`<button aria-pressed=${this.status === status ? "true" : "false"} @click=${() => this.setStatus(status)}>${label}</button>`;
  }

  private item(m: OfflineMessage, services: ConsoleServices) {
    const department = m.department ? (services.config.departments.find((d) => d.id === m.department)?.name ?? m.department) : null;
    const subject = msg("Your message on our website", { id: "offline.replySubject" });
    const intro = msg(str`${m.name} wrote on ${this.when(m.createdAt)}:`, { id: "offline.replyIntro" });
    return html`<li class=${m.handledAt === null ? "open" : ""} data-testid="offline-item" data-id=${m.id}>
      <div class="who"><strong>${m.name}</strong> <a href=${`mailto:${m.email}`}>${m.email}</a></div>
      <div class="meta">
        <time datetime=${new Date(m.createdAt).toISOString()}>${this.when(m.createdAt)}</time>
        ${department ? html`<span>${department}</span>` : nothing}
        ${m.reason ? html`<span>${reasonLabel(m.reason)}</span>` : nothing}
        ${m.pageUrl ? html`<span>${msg("Page:", { id: "offline.page" })} ${safeHttp(m.pageUrl) ? html`<a href=${m.pageUrl} target="_blank" rel="noopener noreferrer">${m.pageUrl}</a>` : m.pageUrl}</span>` : nothing}
      </div>
      <p class="text" data-testid="offline-text">${m.message}</p>
      <div class="actions">
        <a href=${replyMailto(m, subject, intro)} data-testid="offline-reply">✉ ${msg("Reply by e-mail", { id: "offline.reply" })}</a>
        ${m.handledAt === null
          ? html`<button class="primary" data-testid="offline-handle" ?disabled=${this.marking.has(m.id)} @click=${() => this.markHandled(m, services)}>✓ ${msg("Mark handled", { id: "offline.markHandled" })}</button>`
          : html`<span class="handled" data-testid="offline-handled">✓ ${msg(str`Handled by ${m.handledByName ?? m.handledBy ?? "?"} on ${this.when(m.handledAt)}`, { id: "offline.handledBy" })}</span>`}
      </div>
    </li>`;
  }

  private async markHandled(m: OfflineMessage, services: ConsoleServices): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.marking = new Set([...this.marking, m.id]);
    try {
      const updated = await api.markHandled(m.id);
      this.items = this.status === "open" ? this.items.filter((x) => x.id !== m.id) : this.items.map((x) => (x.id === m.id ? updated : x));
      services.store.setOfflineCount(await api.countOpen());
      this.seenCount = services.store.state.offlineUnhandled;
    } catch (error) {
      toast(services, (error as Error).message, "error");
    } finally {
      const marking = new Set(this.marking);
      marking.delete(m.id);
      this.marking = marking;
    }
  }

  private setStatus(status: OfflineStatus): void {
    this.status = status;
    this.items = [];
    void this.load(false);
  }

  private onDepartment(e: Event): void {
    this.department = (e.target as HTMLSelectElement).value;
    void this.load(false);
  }

  private when(at: number): string {
    return new Intl.DateTimeFormat(consoleLocalization().getLocale(), { dateStyle: "medium", timeStyle: "short" }).format(at);
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent("close"));
  }
}

/** Why the widget offered the form, in the operator's words. */
function reasonLabel(reason: string): string {
  switch (reason) {
    case "after_hours":
      return msg("outside opening hours", { id: "offline.reason.afterHours" });
    case "queue_full":
      return msg("queue full", { id: "offline.reason.queueFull" });
    case "no_operator":
      return msg("nobody online", { id: "offline.reason.noOperator" });
    case "queue_closed":
      return msg("queue closed", { id: "offline.reason.queueClosed" });
    case "queue_timeout":
      return msg("waited too long in the queue", { id: "offline.reason.queueTimeout" });
    default:
      return reason;
  }
}

/** Only http(s) page addresses become links (a `javascript:` URL typed into the form stays text). */
function safeHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-offline-messages": OfflineMessagesElement;
  }
}
