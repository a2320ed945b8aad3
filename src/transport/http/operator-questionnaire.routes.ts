/**
 * The operator questionnaire (`questionnaires[].when: operatorEnd`) over HTTP: the caller's
 * ended conversations that still owe it (so the console shows "Complete questionnaire", or insists,
 * after any kind of end and across reloads), and answering it. Answers are checked by the
 * questionnaire's plugin against its questions, so a malformed payload gets a precise
 * `questionnaire.invalid_answers` message; answering again returns the first result.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { hasRoleAtLeast } from "../../auth/authorization.policy";
import type { Engine } from "../../core/engine";
import type { QuestionnaireResponseService } from "../../questionnaire/questionnaire-response.service";
import { visibleToStaff } from "../../realtime/conversation-views";
import { authGuards, type GuardOptions } from "./guards";
import { strictBody } from "./strict-body";

/** What the routes need. */
export interface OperatorQuestionnaireRoutesDeps {
  readonly auth: AuthModule;
  readonly engine: Engine;
  readonly questionnaires: QuestionnaireResponseService;
}

const IdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9_-]+$" }) });
const Due = t.Object({
  conversationId: t.String(),
  questionnaireId: t.String(),
  endedAt: t.Number({ description: "when the conversation ended (ms since epoch)" }),
  visitorName: t.Union([t.String(), t.Null()], { description: "the visitor's name, so the console can say which conversation it is about" }),
});

/** The operator questionnaire route plugin. */
export function operatorQuestionnaireRoutes(deps: OperatorQuestionnaireRoutesDeps, options: GuardOptions = {}) {
  return new Elysia({ name: "operator-questionnaire.routes" })
    .use(authGuards(deps.auth, options))
    .get(
      "/api/console/questionnaire-dues",
      ({ principal, set }) => {
        set.headers["cache-control"] = "no-store";
        const dues = deps.questionnaires.operatorDues(principal.id);
        return { dues: dues.map((d) => ({ ...d, visitorName: deps.engine.conversationDetails(d.conversationId)?.visitor.name ?? null })) };
      },
      {
        requireStaff: true,
        response: { 200: t.Object({ dues: t.Array(Due, { description: "most recently ended first (at most 100)" }) }) },
        detail: {
          tags: ["console"],
          summary: "My owed operator questionnaires",
          description:
            "Ended conversations whose operator questionnaire the caller (the operator who had them when they ended, whoever ended them) has not answered yet, for the questionnaire configured now. Empty when none is configured. Errors: auth.required (401).",
        },
      },
    )
    .post(
      "/api/conversations/:id/operator-questionnaire",
      ({ params, body, principal }) => {
        visibleToStaff(deps.engine, principal, params.id);
        return deps.questionnaires.answerAsOperator({ conversationId: params.id, operatorId: principal.id, supervisor: hasRoleAtLeast(principal, "manager"), questionnaireId: body.questionnaireId, answers: body.answers });
      },
      {
        requireStaff: true,
        params: IdParams,
        // `answers` is checked by the questionnaire against its own questions (types, ranges, choices, required ones),
        // which says precisely what is wrong; a generic mapping schema here would let the framework coerce "x" into {"0": "x"}.
        ...strictBody(t.Object({ questionnaireId: t.String({ minLength: 1, maxLength: 64 }), answers: t.Unknown({ description: "answers keyed by question id (see the questions in GET /api/console/config)" }) }, { additionalProperties: false })),
        response: { 200: t.Object({ summary: t.String() }) },
        detail: {
          tags: ["console"],
          summary: "Answer the operator questionnaire",
          description:
            "The wrap-up questionnaire (`when: operatorEnd`) of a conversation the caller handled (or a manager). Clears the conversation's due. Answering again returns the first result. Errors: questionnaire.not_found, questionnaire.invalid_answers (400, one issue per question), auth.forbidden, conversation.not_found.",
        },
      },
    );
}
