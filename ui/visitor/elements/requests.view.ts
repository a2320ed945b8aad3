/**
 * The operator's requests in the visitor's timeline, shipped with the conversation chunk: "Olga asks
 * you to send a file" with a button to send one until a file follows it, and "Olga sent you a
 * questionnaire" with a button to (re)open it until it is answered. Being log entries, they are still
 * there after a reload; what became of them is read from the log (ui/shared/conversation-requests.ts).
 */
import { msg, str } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import { requestStates, type RequestLogEntry, type RequestStates } from "../../shared/conversation-requests";
import type { TimelineEvent, TimelineItem } from "../chat/chat.model";

/** What the request lines need from the chat screen. */
export interface RequestContext {
  readonly states: RequestStates;
  /** The conversation still takes messages (a file can be sent). */
  readonly open: boolean;
  /** The title of a questionnaire the widget can show, or null when it cannot. */
  questionnaireTitle(id: string): string | null;
  pickFile(): void;
  openQuestionnaire(id: string): void;
}

/** The requests' states from the timeline's confirmed entries. */
export function timelineRequestStates(items: readonly TimelineItem[]): RequestStates {
  const entries: RequestLogEntry[] = [];
  for (const item of items) {
    if (item.seq === null) continue;
    if (item.kind === "message" && item.from === "visitor" && item.file) entries.push({ seq: item.seq, kind: "visitor.file" });
    else if (item.kind === "event" && item.event.type === "file.requested") entries.push({ seq: item.seq, kind: "file.requested" });
    else if (item.kind === "event" && item.event.type === "questionnaire.answered") entries.push({ seq: item.seq, kind: "questionnaire.answered", questionnaireId: item.event.questionnaireId });
  }
  return requestStates(entries);
}

/** The line of a request event; nothing for the events the visitor needs no line for. */
export function requestTemplate(item: TimelineEvent, ctx: RequestContext): TemplateResult | typeof nothing {
  const e = item.event;
  if (e.type === "file.requested") {
    const answered = item.seq !== null && ctx.states.answeredFiles.has(item.seq);
    return html`<li class="notice request" role="note" data-state=${answered ? "answered" : "open"}>
      <span>📎 ${msg(str`${e.operator.name} asks you to send a file`, { id: "file.request" })}${e.message ? html`: ${e.message}` : nothing}</span>
      ${answered
        ? html`<span class="done">✓ ${msg("File sent", { id: "file.request.done" })}</span>`
        : ctx.open ? html`<button type="button" class="secondary" @click=${() => ctx.pickFile()}>${msg("Send a file", { id: "file.request.answer" })}</button>` : nothing}
    </li>`;
  }
  if (e.type === "questionnaire.offered") {
    const title = ctx.questionnaireTitle(e.questionnaireId);
    if (title === null) return nothing;
    const answered = ctx.states.answeredQuestionnaires.has(e.questionnaireId);
    const name = e.operator?.name;
    return html`<li class="notice request" role="note" data-state=${answered ? "answered" : "open"}>
      <span>📝 ${name ? msg(str`${name} sent you a questionnaire: ${title}`, { id: "questionnaire.offered.by" }) : msg(str`A questionnaire for you: ${title}`, { id: "questionnaire.offered" })}</span>
      ${answered
        ? html`<span class="done">✓ ${msg("Answered", { id: "questionnaire.answered" })}</span>`
        : html`<button type="button" class="secondary" @click=${() => ctx.openQuestionnaire(e.questionnaireId)}>${msg("Answer", { id: "questionnaire.open" })}</button>`}
    </li>`;
  }
  return nothing;
}
