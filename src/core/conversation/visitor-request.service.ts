/**
 * What an operator asks of the visitor during the chat — upload a file, fill in a questionnaire —
 * and the visitor's questionnaire answers. Each is a persisted event of the conversation's log (with
 * its seq), so it reaches the visitor and the staff live and is still there after a reload or a
 * reconnection; whether a request was answered is read from the log that follows it.
 */
import { AppError } from "../errors";
import { requireHandlerOrManager, requireParticipant, requireStaff } from "./actor.policy";
import type { Actor, AnyStoredEvent } from "./conversation.events";
import { requireState } from "./conversation.model";
import type { EngineContext } from "./engine.context";
import { replay, requireClientId } from "./message.service";

/** Longest text an operator may attach to a file request. */
export const MAX_FILE_REQUEST_MESSAGE = 1000;

/** The handling operator (or a manager) asks the visitor of an active conversation for a file; idempotent on `clientId`. */
export function requestFile(ctx: EngineContext, conversationId: string, by: Actor, request: { readonly message?: string | null; readonly clientId: string }): AnyStoredEvent {
  requireStaff(by);
  requireClientId(request.clientId);
  const original = replay(ctx, conversationId, by, request.clientId);
  if (original) return original;
  const message = request.message?.trim() || null;
  if (message && message.length > MAX_FILE_REQUEST_MESSAGE) throw new AppError("request.too_large", `the request's message is longer than ${MAX_FILE_REQUEST_MESSAGE} characters`);
  const c = ctx.load(conversationId);
  requireState(c, "active");
  requireHandlerOrManager(c, by);
  return ctx.append(c, "file.requested", by, {}, { body: message, clientId: request.clientId });
}

/**
 * The handling operator (or a manager) sends the visitor a questionnaire configured with
 * `when: manual`; any other id is `questionnaire.not_found`. Idempotent on `clientId` when given.
 */
export function offerQuestionnaire(ctx: EngineContext, conversationId: string, by: Actor, offer: { readonly questionnaireId: string; readonly clientId?: string | null }): AnyStoredEvent {
  requireStaff(by);
  if (offer.clientId) {
    requireClientId(offer.clientId);
    const original = replay(ctx, conversationId, by, offer.clientId);
    if (original) return original;
  }
  const c = ctx.load(conversationId);
  requireState(c, "active");
  requireHandlerOrManager(c, by);
  const configured = ctx.config.questionnaires.find((q) => q.id === offer.questionnaireId);
  if (configured?.when !== "manual") throw new AppError("questionnaire.not_found", `no questionnaire "${offer.questionnaireId}" an operator may send`);
  return ctx.append(c, "questionnaire.offered", by, { questionnaireId: configured.id }, { clientId: offer.clientId ?? null });
}

/** Records in the log that the visitor answered a questionnaire (checked and scored by its plugin beforehand), in any state. */
export function recordQuestionnaireAnswer(ctx: EngineContext, conversationId: string, by: Actor, answer: { readonly questionnaireId: string; readonly summary: string; readonly score: number | null }): AnyStoredEvent {
  if (by.kind !== "visitor") throw new AppError("auth.forbidden", "only the visitor answers their questionnaire");
  const c = ctx.load(conversationId);
  requireParticipant(c, by);
  return ctx.append(c, "questionnaire.answered", by, { questionnaireId: answer.questionnaireId, summary: answer.summary, score: answer.score });
}
