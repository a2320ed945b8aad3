/**
 * The conversation as a list: messages (with time, sender, delivery and read marks, attachments),
 * notices, lifecycle markers and the operator's requests. Rendered into a `role="log"` list so screen readers announce new
 * lines politely. Message text goes through the shared safe markdown renderer (no innerHTML).
 */
import { msg, str } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import { messageTextTemplate } from "../../shared/message-text.template";
import type { ChatView, FileRefT, TimelineItem, TimelineMessage } from "../chat/chat.model";
import { INLINE_IMAGES, type ChatFiles } from "../chat/chat.files";
import { fileErrorText, formatSize, markerText, timeText } from "./conversation.texts";
import { requestTemplate, type RequestContext } from "./requests.view";

/** What the timeline needs besides the view. */
export interface TimelineContext {
  readonly view: ChatView;
  readonly files: ChatFiles;
  readonly locale: string;
  readonly maxBytes: number;
  retry(clientId: string): void;
  discard(clientId: string): void;
  /** The operator's requests (file, questionnaire) and what became of them. */
  readonly requests: RequestContext;
}

/** The whole timeline. */
export function timelineTemplate(ctx: TimelineContext): TemplateResult {
  return html`<ol class="timeline" role="log" aria-live="polite" aria-relevant="additions" aria-label=${msg("Conversation", { id: "chat.log" })}>
    ${ctx.view.items.map((item) => itemTemplate(item, ctx))}
  </ol>`;
}

function itemTemplate(item: TimelineItem, ctx: TimelineContext): TemplateResult | typeof nothing {
  if (item.kind === "marker") return html`<li class="marker">${markerText(item)} · ${timeText(item.at, ctx.locale)}</li>`;
  if (item.kind === "notice") return html`<li class="notice" role="note">${item.text}</li>`;
  if (item.kind === "event") return requestTemplate(item, ctx.requests);
  return messageTemplate(item, ctx);
}

function messageTemplate(m: TimelineMessage, ctx: TimelineContext): TemplateResult {
  const mine = m.from === "visitor";
  const who = mine ? msg("You", { id: "sender.you" }) : m.source ? msg("From our help center", { id: "sender.helpCenter" }) : (m.name ?? msg("Operator", { id: "sender.operator" }));
  return html`<li class="msg ${m.from}">
    <span class="sr-only">${who}:</span>
    ${m.text || m.file ? html`<div class="bubble">${m.text ? messageTextTemplate(m.text) : nothing}${m.file ? fileTemplate(m.file, m, ctx) : nothing}</div>` : nothing}
    ${m.source ? html`<div class="meta source" data-testid="knowledge-source">📚 ${m.source.url && /^https?:\/\//i.test(m.source.url) ? html`<a href=${m.source.url} target="_blank" rel="noopener noreferrer">${m.source.title}</a>` : m.source.title}</div>` : nothing}
    <div class="meta">
      ${mine ? nothing : html`<span aria-hidden="true">${who}</span>`}
      <time datetime=${new Date(m.at).toISOString()}>${timeText(m.at, ctx.locale)}</time>
      ${mine ? deliveryTemplate(m, ctx) : nothing}
    </div>
  </li>`;
}

function deliveryTemplate(m: TimelineMessage, ctx: TimelineContext): TemplateResult {
  if (m.status === "failed") {
    return html`<span class="failed" role="alert">${msg("Not sent", { id: "message.failed" })}: ${fileErrorText(m.error ?? "", ctx.maxBytes)}</span>
      ${m.text ? html`<button type="button" class="link-button" @click=${() => ctx.retry(m.clientId!)}>${msg("Retry", { id: "message.retry" })}</button>` : nothing}
      <button type="button" class="link-button" @click=${() => ctx.discard(m.clientId!)}>${msg("Delete", { id: "message.delete" })}</button>`;
  }
  if (m.status === "pending") return html`<span>${msg("Sending…", { id: "message.sending" })}</span>`;
  const read = m.seq !== null && m.seq <= ctx.view.operatorReadSeq;
  return html`<span>${read ? msg("Read", { id: "message.read" }) : msg("Sent", { id: "message.sent" })}</span>`;
}

function fileTemplate(file: FileRefT, m: TimelineMessage, ctx: TimelineContext): TemplateResult {
  const progress = m.clientId ? ctx.files.progress.get(m.clientId) : undefined;
  if (progress !== undefined || !file.id) {
    const percent = Math.round((progress ?? 0) * 100);
    return html`<div>${file.name}</div>
      <progress max="100" value=${percent} aria-label=${msg(str`Uploading ${file.name}`, { id: "file.uploading" })}></progress>
      ${m.clientId && m.status === "pending" ? html`<button type="button" class="link-button" @click=${() => ctx.files.cancel(m.clientId!)}>${msg("Cancel upload", { id: "file.cancel" })}</button>` : nothing}`;
  }
  const label = msg(str`Download ${file.name} (${formatSize(file.size)})`, { id: "file.download" });
  if (INLINE_IMAGES.has(file.mime)) {
    return html`<button type="button" class="file" aria-label=${label} @click=${() => void ctx.files.download(file)}>
      <img class="thumb" alt=${file.name} src=${ctx.files.imageUrl(file) ?? nothing} />
    </button>`;
  }
  return html`<button type="button" class="file" aria-label=${label} @click=${() => void ctx.files.download(file)}>📎 ${file.name} · ${formatSize(file.size)}</button>`;
}
