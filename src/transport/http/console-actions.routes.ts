/**
 * The console's conversation actions beyond the core REST API: e-mail the transcript (queued in
 * the mail outbox), ask the managers for help, send the visitor a questionnaire during the chat,
 * and the visitor's past conversations with their notes (the operator questionnaire is in operator-questionnaire.routes.ts). Each is gated by the caller's visibility of the conversation
 * and by the permission flag of their role (a feature turned off answers 403 `permission.disabled`).
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { AssistanceService } from "../../assistance/assistance.service";
import type { Engine } from "../../core/engine";
import { AppError } from "../../core/errors";
import type { QuestionnaireResponseService } from "../../questionnaire/questionnaire-response.service";
import { staffViewOf, visibleToStaff } from "../../realtime/conversation-views";
import type { Db } from "../../storage/db";
import { visitorConversationIds } from "../../storage/queries/visitor-conversations.query";
import type { TranscriptService } from "../../transcript/transcript.service";
import { StaffConversationView } from "../ws/protocol";
import { authGuards, type GuardOptions } from "./guards";
import { optionalStrictBody, strictBody } from "./strict-body";

/** What the routes need. */
export interface ConsoleActionsDeps {
  readonly auth: AuthModule;
  readonly engine: Engine;
  readonly db: Db;
  readonly transcripts: TranscriptService;
  readonly assistance: AssistanceService;
  readonly questionnaires: QuestionnaireResponseService;
  /** The questions of a configured questionnaire from its plugin; throws `plugin.failed` when it cannot give them. */
  readonly questions: (questionnaireId: string) => unknown;
}

const IdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9_-]+$" }) });
const detail = (summary: string, description: string) => ({ tags: ["console"], summary, description });
/** How many past conversations, and how many of them have their notes listed. */
const PAST_LIMIT = 20;
const NOTES_FROM = 3;

/** The console actions route plugin (under /api/conversations/:id). */
export function consoleActionsRoutes(deps: ConsoleActionsDeps, options: GuardOptions = {}) {
  const { engine } = deps;
  return new Elysia({ name: "console-actions.routes", prefix: "/api/conversations" })
    .use(authGuards(deps.auth, options))
    .post(
      "/:id/transcript/email",
      ({ params, principal, set }) => {
        set.status = 202;
        return deps.transcripts.queueEmail(principal, params.id);
      },
      {
        requirePermission: "emailTranscript",
        params: IdParams,
        response: { 202: t.Object({ jobId: t.String(), to: t.String(), mailConfigured: t.Boolean({ description: "false: the e-mail waits in the outbox until SMTP is configured" }) }) },
        detail: detail("E-mail the transcript to me", "Renders the visitor-visible transcript and queues it in the mail outbox for the caller's address (202). Errors: permission.disabled (403), conversation.not_found."),
      },
    )
    .post(
      "/:id/assistance",
      ({ params, body, principal }) => deps.assistance.request(principal, params.id, body?.message?.trim() || null),
      {
        requirePermission: "requestManagerHelp",
        params: IdParams,
        ...optionalStrictBody(t.Object({ message: t.Optional(t.String({ maxLength: 1000 })) }, { additionalProperties: false })),
        response: { 200: t.Object({ notified: t.Integer({ description: "managers online who were alerted" }), seq: t.Integer({ description: "seq of the note recording the request" }) }) },
        detail: detail("Ask the managers for help", "Adds a staff-only note and sends an `assistance` frame to every manager and admin. Errors: permission.disabled (403), conversation.not_found, conversation.ended."),
      },
    )
    .post(
      "/:id/questionnaires",
      ({ params, body, principal }) => {
        const c = visibleToStaff(engine, principal, params.id);
        if (deps.questionnaires.visitorAnswered(c.id, body.questionnaireId)) throw new AppError("conversation.invalid_state", "The visitor has already answered this questionnaire.");
        deps.questions(body.questionnaireId); // its plugin must be able to give the visitor the questions (plugin.failed otherwise)
        const actor = { kind: "operator" as const, id: principal.id, role: principal.role };
        return { seq: engine.offerQuestionnaire(c.id, actor, { questionnaireId: body.questionnaireId, clientId: body.clientId ?? null }).seq };
      },
      {
        requirePermission: "sendQuestionnaire",
        params: IdParams,
        ...strictBody(t.Object({ questionnaireId: t.String({ minLength: 1, maxLength: 64 }), clientId: t.Optional(t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._:-]+$" })) }, { additionalProperties: false })),
        response: { 200: t.Object({ seq: t.Integer({ description: "seq of the `questionnaire.offered` event" }) }) },
        detail: detail(
          "Send the visitor a questionnaire",
          "During the chat, the handling operator (or a manager) sends a questionnaire configured with `when: manual`; the widget opens it and the answers come back as a `questionnaire.answered` event with the summary. " +
            "Idempotent on `clientId`. Errors: permission.disabled (403), conversation.not_found, auth.forbidden (not the handling operator), conversation.ended, " +
            "conversation.invalid_state (not active, or already answered), questionnaire.not_found (unknown or not manual), plugin.failed.",
        ),
      },
    )
    .get(
      "/:id/visitor-history",
      ({ params, principal }) => {
        const current = visibleToStaff(engine, principal, params.id);
        const actor = { kind: "operator" as const, id: principal.id, role: principal.role };
        const past = visitorConversationIds(deps.db, current.visitor.id, PAST_LIMIT + 1)
          .filter((id) => id !== current.id)
          .slice(0, PAST_LIMIT)
          .flatMap((id) => engine.conversationDetails(id) ?? []);
        const notes = past.slice(0, NOTES_FROM).flatMap((c) =>
          engine.history(c.id, actor, { limit: 500 }).flatMap((e) => (e.type === "note" ? [{ conversationId: c.id, text: e.body ?? "", author: authorName(deps, e.actor.id), at: e.createdAt }] : [])),
        );
        return { conversations: past.map((c) => staffViewOf(c, null)), notes: notes.sort((a, b) => b.at - a.at) };
      },
      {
        requireStaff: true,
        params: IdParams,
        response: {
          200: t.Object({
            conversations: t.Array(StaffConversationView),
            notes: t.Array(t.Object({ conversationId: t.String(), text: t.String(), author: t.String(), at: t.Number() })),
          }),
        },
        detail: detail("The visitor's past conversations", "Other conversations of this conversation's visitor (newest first) and the internal notes of the latest three. Seeing the current conversation is what grants this. Errors: conversation.not_found."),
      },
    );
}

function authorName(deps: ConsoleActionsDeps, id: string | null): string {
  return (id && deps.auth.config().operators.find((o) => o.id === id)?.name) || id || "?";
}
