/**
 * `<parley-composer>`: where the operator writes. Reply or internal note; formatting toolbar;
 * `#` opens the canned responses (expanded for this visitor and operator); `/t Name [message]`
 * and `/a` are commands; Enter sends, Shift+Enter breaks the line; files by button, drop or paste;
 * "ask the visitor for a file"; the draft of every conversation survives a reload; the visitor
 * sees "typing…" while the operator types.
 */
import { LitElement, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { consume } from "@lit/context";
import { msg, str, localized } from "@lit/localize";
import { applyCanned, expandCanned, hashQueryAt, searchCanned, type CannedResponse, type HashQuery } from "../canned/canned-search";
import { can, RequestListener, servicesContext, toast, type ConsoleServices } from "../state/console.context";
import type { ConversationEntry } from "../state/console.model";
import { visitorLabel } from "../state/conversation.derive";
import { controls } from "../theme/theme.styles";
import { composerStyles } from "./composer.styles";
import { runCommand } from "./composer-commands";
import { insertLink, insertText, toggleBlock, toggleInline, type TextEdit } from "./markdown-edit";
import { parseSlashCommand } from "./slash-commands";
import { uploadAndSend } from "./attachments";
import { TypingSignal } from "./typing-signal";
import { knowledgeTitleFor, type InsertedArticle } from "../knowledge/knowledge-source";
import type { FormatRequest } from "./format-toolbar.element";
import "./format-toolbar.element";
import "../canned/canned-picker.element";

/** The reply box. */
@localized()
@customElement("parley-composer")
export class ComposerElement extends LitElement {
  static override styles = [controls, composerStyles];

  @consume({ context: servicesContext }) accessor services: ConsoleServices | undefined = undefined;
  @property({ attribute: false }) accessor entry: ConversationEntry | null = null;
  /** False when only notes may be written (not my conversation, or ended). */
  @property({ type: Boolean }) accessor canReply = false;
  @state() private accessor mode: "message" | "note" = "message";
  @state() private accessor text = "";
  @state() private accessor picker: { at: HashQuery; matches: CannedResponse[]; active: number } | null = null;
  @state() private accessor uploading = 0;
  @query("textarea") private accessor textarea!: HTMLTextAreaElement;
  private canned: CannedResponse[] | null = null;
  /** The knowledge base article last inserted here: the reply is sent with it as source while its text remains. */
  private inserted: { conversationId: string | null; article: InsertedArticle } | null = null;
  private readonly typing = new TypingSignal((id, on) => this.services?.connection.typing(id, on));

  constructor() {
    super();
    new RequestListener(this, () => this.services?.bus, (req) => {
      if (req.kind === "insert-text") {
        this.edit(insertText(this.selection(), req.text), true);
        if (req.knowledge) this.inserted = { conversationId: this.conversationId, article: req.knowledge };
      }
      else if (req.kind === "toggle-note") this.mode = this.mode === "note" || !this.canReply ? (this.canReply ? "message" : "note") : "note";
      else if (req.kind === "focus-composer") this.textarea?.focus();
      else if (req.kind === "canned-search") this.openCannedSearch();
    });
  }

  private get conversationId(): string | null {
    return this.entry?.view.id ?? null;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get("entry") as ConversationEntry | null | undefined;
    if (changed.has("entry") && before?.view.id !== this.entry?.view.id) {
      this.typing.stop();
      this.text = this.conversationId && this.services ? this.services.drafts.load(this.conversationId) : "";
      this.picker = null;
      this.canned = null;
    }
    if (!this.canReply && this.mode === "message") this.mode = "note";
    if (changed.has("canReply") && this.canReply && changed.get("canReply") === false) this.mode = "message";
  }

  override render() {
    const services = this.services;
    if (!services || !this.entry) return nothing;
    const max = services.config.maxMessageLength;
    const over = this.text.length > max;
    const note = this.mode === "note";
    return html`<div class="box ${note ? "note-mode" : ""}" @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${this.drop}>
      ${this.picker ? html`<parley-canned-picker .responses=${this.picker.matches} .active=${this.picker.active} @choose=${(e: CustomEvent<CannedResponse>) => this.insertCanned(e.detail)}></parley-canned-picker>` : nothing}
      <div class="top">
        <div class="modes" role="tablist">
          <button role="tab" data-testid="mode-reply" aria-selected=${!note ? "true" : "false"} aria-pressed=${!note ? "true" : "false"} ?disabled=${!this.canReply} @click=${() => (this.mode = "message")}>${msg("Reply", { id: "composer.reply" })}</button>
          <button role="tab" data-testid="mode-note" aria-selected=${note ? "true" : "false"} aria-pressed=${note ? "true" : "false"} @click=${() => (this.mode = "note")}>🔒 ${msg("Internal note", { id: "row.note" })}</button>
        </div>
        <parley-format-toolbar @format=${(e: CustomEvent<FormatRequest>) => this.format(e.detail)}></parley-format-toolbar>
      </div>
      <textarea
        data-testid="composer"
        rows="3"
        .value=${this.text}
        placeholder=${note ? msg("Internal note — only staff see it", { id: "composer.notePlaceholder" }) : msg("Write a reply… # for canned responses, /t Name to transfer, /a to accept", { id: "composer.placeholder" })}
        aria-label=${note ? msg("Internal note", { id: "row.note" }) : msg("Reply to the visitor", { id: "composer.label" })}
        aria-autocomplete="list"
        aria-controls=${this.picker ? "canned-list" : nothing}
        aria-activedescendant=${this.picker ? `canned-${this.picker.active}` : nothing}
        @input=${this.onInput}
        @keydown=${this.onKey}
        @paste=${this.paste}
        @blur=${() => this.typing.stop()}
      ></textarea>
      <div class="bottom">
        ${this.canReply && can(services, "sendFile")
          ? html`<label class="attach" title=${msg("Send a file", { id: "composer.sendFile" })}><input type="file" multiple @change=${this.pickFiles} data-testid="file-input" />📎 ${msg("File", { id: "composer.file" })}</label>`
          : nothing}
        ${this.canReply && can(services, "requestFile") ? html`<button class="ghost" data-testid="request-file" @click=${this.requestFile}>📥 ${msg("Ask for a file", { id: "composer.requestFile" })}</button>` : nothing}
        ${this.uploading ? html`<span class="muted" role="status">${msg(str`Uploading ${this.uploading} file(s)…`, { id: "composer.uploading" })}</span>` : nothing}
        <span class="spacer"></span>
        ${this.text.length > max * 0.8 ? html`<span class="count ${over ? "error" : "muted"}">${this.text.length} / ${max}</span>` : nothing}
        <button class="primary" data-testid="send" ?disabled=${!this.text.trim() || over} @click=${() => this.send()}>${note ? msg("Add note", { id: "composer.addNote" }) : msg("Send", { id: "composer.send" })}</button>
      </div>
    </div>`;
  }

  // ── editing ─────────────────────────────────────────────────────────────────────────────────
  private selection(): TextEdit {
    const ta = this.textarea;
    return ta ? { value: ta.value, start: ta.selectionStart, end: ta.selectionEnd } : { value: this.text, start: this.text.length, end: this.text.length };
  }

  private edit(next: TextEdit, focus = false): void {
    this.text = next.value;
    this.saveDraft();
    void this.updateComplete.then(() => {
      const ta = this.textarea;
      if (!ta) return;
      ta.value = next.value;
      ta.setSelectionRange(next.start, next.end);
      if (focus) ta.focus();
    });
  }

  private format(req: FormatRequest): void {
    const sel = this.selection();
    const next = "inline" in req ? toggleInline(sel, req.inline) : "block" in req ? toggleBlock(sel, req.block) : insertLink(sel, req.link);
    this.edit(next, true);
  }

  private onInput(e: InputEvent): void {
    const ta = e.target as HTMLTextAreaElement;
    this.text = ta.value;
    this.saveDraft();
    this.updatePicker(ta.value, ta.selectionStart);
    if (this.mode === "message" && this.canReply && this.conversationId && !ta.value.startsWith("/")) this.typing.keystroke(this.conversationId);
  }

  private saveDraft(): void {
    if (this.conversationId) this.services?.drafts.save(this.conversationId, this.text);
  }

  // ── canned responses ────────────────────────────────────────────────────────────────────────
  private async updatePicker(value: string, caret: number): Promise<void> {
    const services = this.services;
    const first = services && can(services, "cannedResponses") ? hashQueryAt(value, caret) : null;
    if (!first || !services || !this.conversationId) return void (this.picker = null);
    if (!this.canned) {
      const id = this.conversationId;
      try {
        this.canned = await services.api.canned(id);
      } catch (error) {
        toast(services, (error as Error).message, "error");
        this.canned = [];
      }
      if (id !== this.conversationId) return;
    }
    // The operator may have typed on while the list loaded: search what is there now.
    const sel = this.selection();
    const at = hashQueryAt(sel.value, sel.start);
    this.picker = at ? { at, matches: searchCanned(this.canned, at.query), active: 0 } : null;
  }

  private openCannedSearch(): void {
    const sel = this.selection();
    const needsSpace = sel.start > 0 && !/\s/.test(sel.value[sel.start - 1]!);
    const next = insertText(sel, needsSpace ? " #" : "#");
    this.edit(next, true);
    void this.updatePicker(next.value, next.start);
  }

  private insertCanned(response: CannedResponse): void {
    const services = this.services;
    const picker = this.picker;
    if (!services || !picker || !this.entry) return;
    const expanded = expandCanned(response.text, { visitor: this.entry.view.visitor.name, operator: services.session.name }, msg("there", { id: "canned.fallbackVisitor" }));
    const sel = this.selection();
    const { value, caret } = applyCanned(sel.value, hashQueryAt(sel.value, sel.start) ?? picker.at, expanded);
    this.picker = null;
    this.edit({ value, start: caret, end: caret }, true);
  }

  // ── keys ────────────────────────────────────────────────────────────────────────────────────
  private onKey(e: KeyboardEvent): void {
    const picker = this.picker;
    if (picker) {
      const n = picker.matches.length;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (n) this.picker = { ...picker, active: (picker.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n };
        return;
      }
      if ((e.key === "Enter" || e.key === "Tab") && n) {
        e.preventDefault();
        this.insertCanned(picker.matches[picker.active]!);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        this.picker = null;
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void this.send();
    }
  }

  // ── sending ─────────────────────────────────────────────────────────────────────────────────
  private async send(): Promise<void> {
    const services = this.services;
    const id = this.conversationId;
    const text = this.text.trim();
    if (!services || !id || !text || text.length > services.config.maxMessageLength) return;
    if (text.startsWith("/")) {
      const command = parseSlashCommand(text, this.transferTargets(services));
      if (command) {
        if (await runCommand(services, id, command)) this.clear(id);
        return;
      }
    }
    if (this.mode === "message" && !this.canReply) return toast(services, msg("Only the operator handling this conversation can reply.", { id: "composer.cannotReply" }), "error");
    const knowledgeTitle = this.mode === "message" && this.inserted?.conversationId === id ? knowledgeTitleFor(text, this.inserted.article) : null;
    this.clear(id);
    this.typing.stop();
    services.connection.post(id, this.mode, text, undefined, knowledgeTitle).catch(() => undefined);
  }

  /** Operators `/t` may name: online colleagues (or every configured one when presence is hidden). */
  private transferTargets(services: ConsoleServices) {
    const online = [...services.store.state.operators.values()].filter((o) => o.presence !== "offline" && o.id !== services.session.id);
    return online.length ? online : services.config.operators.filter((o) => o.id !== services.session.id);
  }

  private clear(conversationId: string): void {
    this.text = "";
    this.inserted = null;
    this.picker = null;
    this.services?.drafts.clear(conversationId);
    if (this.textarea) this.textarea.value = "";
  }

  // ── files ───────────────────────────────────────────────────────────────────────────────────
  private pickFiles(e: Event): void {
    const input = e.target as HTMLInputElement;
    void this.sendFiles([...(input.files ?? [])]);
    input.value = "";
  }

  private drop(e: DragEvent): void {
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    void this.sendFiles(files);
  }

  private paste(e: ClipboardEvent): void {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    void this.sendFiles(files);
  }

  private async sendFiles(files: File[]): Promise<void> {
    const services = this.services;
    const id = this.conversationId;
    if (!services || !id || !files.length) return;
    if (!this.canReply || !can(services, "sendFile")) return toast(services, msg("Sending files is not available here.", { id: "composer.noFiles" }), "error");
    this.uploading += files.length;
    try {
      await uploadAndSend(services, id, files);
    } finally {
      this.uploading -= files.length;
    }
  }

  private async requestFile(): Promise<void> {
    const services = this.services;
    const id = this.conversationId;
    if (!services || !id) return;
    try {
      await services.connection.send({ type: "request.file", conversationId: id, ...(this.text.trim() ? { message: this.text.trim().slice(0, 1000) } : {}) });
      if (this.text.trim()) this.clear(id);
      toast(services, msg("The visitor was asked to send a file.", { id: "composer.fileRequested" }));
    } catch (error) {
      toast(services, (error as Error).message, "error");
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-composer": ComposerElement;
  }
}
