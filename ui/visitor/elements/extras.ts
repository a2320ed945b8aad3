/**
 * The panel's less frequent screens, split from the first load: the end-of-chat questionnaire, the
 * thank-you screen, the offline message form and its confirmation (plus the questionnaire element a
 * chat may offer). The panel imports this chunk when one of them is about to show, or early in an
 * active chat so the end of the chat shows without a wait.
 */
import { msg } from "@lit/localize";
import { html, type TemplateResult } from "lit";
import { endQuestionnaire, type Screen } from "../chat/chat.screen";
import type { ChatSession } from "../chat/chat.session";
import { canStart, leaveOfflineMessage, offlinePrefill, offlineText } from "../chat/offline";
import type { VisitorUser } from "../embed-options";
import "./offline-form.element";
import "./questionnaire.element";

export { extrasStyles } from "./extras.styles";

/** What the extra screens need from the panel. */
export interface ExtrasContext {
  readonly session: ChatSession;
  readonly user: VisitorUser;
  close(): void;
  transcript(): void;
}

/** The questionnaire, ended, offline and offline-sent screens. */
export function extrasScreen(screen: Screen, { session: s, user, close, transcript }: ExtrasContext): TemplateResult {
  switch (screen) {
    case "questionnaire": {
      const q = endQuestionnaire(s.config)!;
      return html`<div class="screen"><parley-widget-questionnaire .questionnaire=${q} .onSubmit=${(a: Record<string, string | number | boolean | string[]>) => s.answerQuestionnaire(q.id, a)}
        .onSkip=${() => s.questionnaireDone(q.id)}></parley-widget-questionnaire></div>`;
    }
    case "offline":
      return html`<parley-widget-offline-form .text=${offlineText(s) ?? msg("Leave us a message and we will answer you by e-mail.", { id: "offline.lead" })} .prefill=${offlinePrefill(s, user)}
        .onSend=${(m: { name: string; email: string; message: string }) => leaveOfflineMessage(s, m)}
        .onBack=${canStart(s) ? () => s.requestOffline(false) : null}></parley-widget-offline-form>`;
    case "offline-sent":
      return html`<div class="screen" role="status"><h3>${msg("Your message has been sent.", { id: "offline.sent" })}</h3>
        <p class="lead">${msg("We will answer you by e-mail as soon as possible.", { id: "offline.sent.detail" })}</p>
        <button type="button" class="secondary" @click=${close}>${msg("Close", { id: "common.close" })}</button></div>`;
    default:
      return html`<div class="screen"><h3>${msg("Thank you for chatting with us.", { id: "ended.thanks" })}</h3>
        <div class="actions"><button type="button" class="primary" @click=${() => s.newChat()}>${msg("Start a new chat", { id: "ended.new" })}</button>
        <button type="button" class="secondary" @click=${transcript}>${msg("Download the transcript", { id: "transcript.download" })}</button></div></div>`;
  }
}
