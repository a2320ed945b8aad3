/**
 * The conversation screen inside the panel: queue position and estimated wait while waiting, the
 * timeline (with the operator's file and questionnaire requests), the questionnaire sheet the server
 * or the operator opened, the typing indicator and the composer.
 */
import { msg, str } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import type { WidgetQuestionnaire } from "../../../src/transport/http/widget-config.routes";
import type { ChatActions } from "../chat/chat.actions";
import type { ChatFiles } from "../chat/chat.files";
import type { ChatView } from "../chat/chat.model";
import type { ChatSession } from "../chat/chat.session";
import type { SessionStorage } from "../session/session.storage";
import "./composer.element";
import type { AnswerValue } from "./questionnaire.element";
import { waitText } from "./conversation.texts";
import { timelineTemplate } from "./timeline.view";
import { timelineRequestStates, type RequestContext } from "./requests.view";

/** What the chat screen renders from. */
export interface ChatScreenContext {
  readonly session: ChatSession;
  readonly actions: ChatActions;
  readonly files: ChatFiles;
  readonly storage: SessionStorage;
  readonly locale: string;
  /** Opens the composer's file picker. */
  pickFile(): void;
}

/** The questionnaire the server offered during the chat (waiting or manual) and not yet answered, if the config knows it. */
export function offeredQuestionnaire(session: ChatSession, answered: ReadonlySet<string>): WidgetQuestionnaire | null {
  const id = session.view.offeredQuestionnaire;
  return id && !answered.has(id) ? (session.config?.questionnaires.find((q) => q.id === id) ?? null) : null;
}

function requestContext(ctx: ChatScreenContext, open: boolean): RequestContext {
  const { session } = ctx;
  return {
    states: timelineRequestStates(session.view.items),
    open,
    questionnaireTitle: (id) => {
      const q = session.config?.questionnaires.find((x) => x.id === id);
      return q ? (q.title ?? msg("a short questionnaire", { id: "questionnaire.untitled" })) : null;
    },
    pickFile: () => ctx.pickFile(),
    openQuestionnaire: (id) => session.setView({ ...session.view, offeredQuestionnaire: id }),
  };
}

function queueTemplate(view: ChatView): TemplateResult | typeof nothing {
  if (view.state !== "waiting" && view.state !== "pending") return nothing;
  const position = view.queue?.position;
  const wait = waitText(view.queue?.estimatedWaitMs ?? null);
  return html`<div class="queue" role="status" aria-live="polite">
    ${position
      ? html`<strong>${msg(str`You are number ${position} in the queue`, { id: "queue.position" })}</strong>`
      : html`<strong>${msg("Looking for an available operator…", { id: "queue.looking" })}</strong>`}
    ${wait ? html`<span>${wait}</span>` : nothing}
  </div>`;
}

/** The conversation screen. */
export function chatScreenTemplate(ctx: ChatScreenContext): TemplateResult {
  const { session, actions, files } = ctx;
  const view = session.view;
  const open = view.state === "pending" || view.state === "waiting" || view.state === "active";
  const requests = requestContext(ctx, open);
  const survey = offeredQuestionnaire(session, requests.states.answeredQuestionnaires);
  const typing = view.operatorTyping !== null
    ? view.operatorTyping ? msg(str`${view.operatorTyping} is typing…`, { id: "typing.named" }) : msg("The operator is typing…", { id: "typing.anonymous" })
    : "";
  const hasFiles = (e: DragEvent) => open && [...(e.dataTransfer?.types ?? [])].includes("Files");
  const drop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    files.setDragging(false);
    const file = e.dataTransfer?.files[0];
    const composer = (e.currentTarget as HTMLElement).querySelector("parley-widget-composer");
    if (file && composer) void composer.attach(file);
  };
  return html`<div class="chat" @dragover=${(e: DragEvent) => hasFiles(e) && (e.preventDefault(), files.setDragging(true))} @dragleave=${() => files.setDragging(false)} @drop=${drop}>
    <div class="scroll">
      ${queueTemplate(view)}
      ${timelineTemplate({
        view,
        files,
        locale: ctx.locale,
        maxBytes: session.config?.files.maxBytes ?? 0,
        retry: (id) => actions.retry(id),
        discard: (id) => actions.discard(id),
        requests,
      })}
    </div>
    ${survey
      ? html`<div class="sheet"><parley-widget-questionnaire .questionnaire=${survey}
          .onSubmit=${(answers: Record<string, AnswerValue>) => session.answerQuestionnaire(survey.id, answers)}
          .onSkip=${() => session.questionnaireDone(survey.id)}></parley-widget-questionnaire></div>`
      : nothing}
    <div class="typing" aria-live="polite">${typing}</div>
    ${open ? html`<parley-widget-composer .session=${session} .actions=${actions} .files=${files} .storage=${ctx.storage}></parley-widget-composer>` : nothing}
    ${files.dragging ? html`<div class="drop" aria-hidden="true">${msg("Drop the file to send it", { id: "composer.drop" })}</div>` : nothing}
  </div>`;
}
