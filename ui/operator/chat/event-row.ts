/**
 * How each conversation event looks in the chat window: visitor and operator messages as
 * bubbles (formatted with the safe markdown subset — sender text never becomes HTML), internal
 * notes in amber and marked staff-only, lifecycle events (joined, transferred, ended,
 * reminders…) as one quiet centred line, and the requests made of the visitor (a file, a
 * questionnaire) with what became of them, the questionnaire's answers summarised.
 */
import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import type { EventFrameT } from "../../shared/protocol";
import { requestStates, type RequestLogEntry, type RequestStates } from "../../shared/conversation-requests";
import { messageTextTemplate } from "../../shared/message-text.template";
import { priorityLabel } from "../conversations/conversation-labels";
import { endReasonLabel } from "./end-reasons";

/** What a row needs besides the event. */
export interface RowContext {
  readonly me: string;
  readonly visitorName: string;
  /** Highest seq the visitor has read (for "Read" under my messages). */
  readonly visitorReadSeq: number;
  readonly locale: string;
  /** What became of the file and questionnaire requests of this conversation. */
  readonly requests: RequestStates;
  /** The name of a questionnaire (its id when the console does not know it). */
  questionnaireTitle(id: string): string;
}

/** The requests' states from a conversation's loaded events (see ui/shared/conversation-requests.ts). */
export function eventRequestStates(events: readonly EventFrameT[]): RequestStates {
  const entries: RequestLogEntry[] = [];
  for (const { seq, event: e } of events) {
    if (seq === undefined) continue;
    if (e.type === "file.requested") entries.push({ seq, kind: "file.requested" });
    else if (e.type === "message" && e.sender.kind === "visitor" && e.file) entries.push({ seq, kind: "visitor.file" });
    else if (e.type === "questionnaire.answered") entries.push({ seq, kind: "questionnaire.answered", questionnaireId: e.questionnaireId });
  }
  return requestStates(entries);
}

/** Clock time of an event, e.g. 14:05. */
export function timeOf(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(at);
}

/** A file size in words (kB, MB). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The row of one persisted event. */
export function eventRow(frame: EventFrameT, ctx: RowContext): TemplateResult | typeof nothing {
  const e = frame.event;
  const at = "at" in e ? timeOf(e.at, ctx.locale) : "";
  switch (e.type) {
    case "message": {
      const kind = e.sender.kind;
      if (kind === "system") return line(e.text, at);
      const mine = kind === "operator";
      const who = kind === "visitor" ? ctx.visitorName : (e.sender.name ?? msg("Operator", { id: "row.operator" }));
      const read = mine && frame.seq !== undefined && ctx.visitorReadSeq >= frame.seq;
      return html`<article class="msg ${kind}" data-testid="message" data-sender=${kind} data-seq=${frame.seq ?? ""}>
        <header><span class="who">${who}</span> <time>${at}</time></header>
        ${e.text ? html`<div class="text">${messageTextTemplate(e.text)}</div>` : nothing}
        ${e.file ? fileLink(e.file) : nothing}
        ${e.source ? knowledgeSourceLine(e.source) : nothing}
        ${mine ? html`<footer class="receipt" data-testid="receipt">${read ? msg("✓✓ Read", { id: "row.read" }) : msg("✓ Sent", { id: "row.sent" })}</footer>` : nothing}
      </article>`;
    }
    case "note":
      return html`<article class="msg note" data-testid="note">
        <header><span class="who">🔒 ${msg("Internal note", { id: "row.note" })} · ${e.author.name}</span> <time>${at}</time></header>
        <div class="text">${messageTextTemplate(e.text)}</div>
      </article>`;
    case "conversation.created":
      return line(e.pageUrl ? msg(str`Conversation started from ${e.pageUrl}`, { id: "row.createdFrom" }) : msg("Conversation started", { id: "row.created" }), at);
    case "conversation.queued":
      return line(msg(str`Waiting in the queue (position ${e.position})`, { id: "row.queued" }), at);
    case "conversation.assigned":
      return line(msg(str`${e.operator.name} joined the conversation`, { id: "row.assigned" }), at);
    case "conversation.requeued":
      return line(msg("Back in the queue", { id: "row.requeued" }) + (e.reason ? ` (${e.reason})` : ""), at);
    case "conversation.ended":
      return line(msg(str`Conversation ended: ${endReasonLabel(e.reason)}`, { id: "row.ended" }), at, "ended");
    case "conversation.reescalated":
      return line(msg("The visitor wrote again: conversation reopened", { id: "row.reescalated" }), at);
    case "conversation.transferred": {
      const from = e.from?.name ?? msg("the system", { id: "row.system" });
      const to = e.to?.name ?? e.toDepartment ?? "?";
      const text = msg(str`Transferred by ${from} to ${to}`, { id: "row.transferred" });
      return html`<div class="line transfer" data-testid="transfer-line">⇄ ${text}${e.message ? html`: <q>${e.message}</q>` : nothing} <time>${at}</time></div>`;
    }
    case "conversation.updated": {
      const parts: string[] = [];
      if (e.priority) parts.push(msg(str`priority ${priorityLabel(e.priority)}`, { id: "row.priority" }));
      if (e.tags) parts.push(e.tags.length ? msg(str`tags ${e.tags.join(", ")}`, { id: "row.tags" }) : msg("tags cleared", { id: "row.tagsCleared" }));
      if (e.important !== undefined) parts.push(e.important ? msg("marked important", { id: "row.important" }) : msg("no longer important", { id: "row.notImportant" }));
      return line(parts.join(" · "), at);
    }
    case "transfer.requested":
      return line(msg(str`${e.from?.name ?? "?"} asked ${e.to.name} to take over`, { id: "row.transferRequested" }) + (e.message ? ` — “${e.message}”` : ""), at);
    case "transfer.declined":
      return line(msg(str`${e.to.name} declined the transfer`, { id: "row.transferDeclined" }), at);
    case "transfer.expired":
      return line(msg(str`The transfer to ${e.to.name} expired`, { id: "row.transferExpired" }), at);
    case "transfer.cancelled":
      return line(msg(str`The transfer to ${e.to.name} was cancelled`, { id: "row.transferCancelled" }), at);
    case "operator.reminder":
      if (e.outcome === "transfer") return line(msg(str`The visitor is waiting for an answer: the conversation may go to a colleague at ${timeOf(e.endsAt, ctx.locale)} unless someone replies`, { id: "row.reminderTransfer" }), at, "warn");
      return line(msg(str`The visitor is silent: the conversation closes at ${timeOf(e.endsAt, ctx.locale)} unless someone writes`, { id: "row.reminder" }), at, "warn");
    case "notice":
      return line(`ℹ ${e.text}`, at);
    case "questionnaire.offered": {
      const title = ctx.questionnaireTitle(e.questionnaireId);
      const answered = ctx.requests.answeredQuestionnaires.has(e.questionnaireId);
      const text = e.operator
        ? msg(str`${e.operator.name} sent the questionnaire “${title}”`, { id: "row.questionnaireSent" })
        : msg(str`The questionnaire “${title}” was offered to the visitor`, { id: "row.questionnaire" });
      return html`<div class="line request" data-testid="questionnaire-line" data-state=${answered ? "answered" : "open"}>📝 ${text}${answered ? html` · <strong>${msg("answered", { id: "row.answered" })}</strong>` : nothing} <time>${at}</time></div>`;
    }
    case "questionnaire.answered":
      return html`<div class="line answers" data-testid="questionnaire-answers">📝 ${msg(str`${ctx.visitorName} answered “${ctx.questionnaireTitle(e.questionnaireId)}”`, { id: "row.questionnaireAnswered" })}${e.summary ? html`: <q>${e.summary}</q>` : nothing}${e.score !== undefined && e.score !== null ? html` <span class="muted">(${msg(str`score ${e.score}`, { id: "row.score" })})</span>` : nothing} <time>${at}</time></div>`;
    case "file.requested": {
      const answered = frame.seq !== undefined && ctx.requests.answeredFiles.has(frame.seq);
      const text = msg(str`${e.operator.name} asked the visitor for a file`, { id: "row.fileRequested" });
      return html`<div class="line request" data-testid="file-request-line" data-state=${answered ? "answered" : "open"}>📥 ${text}${e.message ? html`: <q>${e.message}</q>` : nothing} · <strong>${answered ? msg("file received", { id: "row.fileReceived" }) : msg("waiting for the file", { id: "row.fileWaiting" })}</strong> <time>${at}</time></div>`;
    }
    default:
      return nothing;
  }
}

function line(text: string, at: string, tone = ""): TemplateResult {
  return html`<div class="line ${tone}">${text} <time>${at}</time></div>`;
}

function fileLink(file: { id: string; name: string; mime: string; size: number }): TemplateResult {
  const url = `/api/files/${encodeURIComponent(file.id)}`;
  return html`<a class="file" href=${url} target="_blank" rel="noopener" download=${file.name} data-testid="file-link">
    ${file.mime.startsWith("image/") ? html`<img src=${url} alt=${file.name} loading="lazy" />` : html`📎`}
    <span>${file.name}</span> <span class="muted">${fileSize(file.size)}</span>
  </a>`;
}

/** Under a knowledge base answer: which article, and how the visitor sees it (conversations.knowledgeAnswersAsOperator). */
function knowledgeSourceLine(source: { readonly title: string; readonly url: string | null; readonly asOperator?: boolean }) {
  const shown = source.asOperator === false ? msg("the visitor sees it as from the help center", { id: "row.knowledgeAttributed" }) : msg("the visitor sees it as your message", { id: "row.knowledgeAsOperator" });
  return html`<footer class="source" data-testid="knowledge-source">📚 ${msg("Knowledge base:", { id: "row.knowledge" })} ${source.url ? html`<a href=${source.url} target="_blank" rel="noopener noreferrer">${source.title}</a>` : source.title} · ${shown}</footer>`;
}
