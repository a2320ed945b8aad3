/**
 * The visitor's record over HTTP: the "Additional information" operators fill in (read and edit
 * through one of the visitor's conversations: whoever may see that conversation may see and edit
 * its visitor's record) and erasing a visitor (managers and admins only: it destroys conversations
 * other operators handled, and the product gives "delete the current user" to supervisors).
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { visibleToStaff, type ViewSource } from "../../realtime/conversation-views";
import type { VisitorAdditionalInfoService } from "../../visitors/additional-info.service";
import type { VisitorErasureService } from "../../visitors/visitor-erasure.service";
import { authGuards, type GuardOptions } from "./guards";
import { strictBody } from "./strict-body";

/** What the routes need. */
export interface VisitorsRoutesDeps {
  readonly auth: AuthModule;
  readonly engine: ViewSource;
  readonly additionalInfo: VisitorAdditionalInfoService;
  readonly erasure: VisitorErasureService;
}

const Nullable = <S extends Parameters<typeof t.Union>[0][number]>(s: S) => t.Union([s, t.Null()]);
const SafeId = t.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9_-]+$" });

/** One field of the visitor's additional information, as the console shows it. */
export const AdditionalInfoFieldView = t.Object({
  id: t.String(),
  label: t.String(),
  type: t.Union([t.Literal("text"), t.Literal("textarea"), t.Literal("select"), t.Literal("date")]),
  options: Nullable(t.Array(t.String(), { description: "the choices of a select field" })),
  maxLength: Nullable(t.Integer({ description: "longest value accepted (text, textarea)" })),
  value: Nullable(t.String({ description: "null when empty; a date is YYYY-MM-DD" })),
  updatedAt: Nullable(t.Integer({ description: "epoch ms of the last change" })),
  updatedBy: Nullable(t.String({ description: "operator id of the last change" })),
  updatedByName: Nullable(t.String()),
});

const AdditionalInfoBody = t.Object({ visitorId: t.String(), fields: t.Array(AdditionalInfoFieldView) });

const ErasureReportBody = t.Object({
  visitorId: t.String(),
  erased: t.Object({
    conversations: t.Integer(),
    events: t.Integer({ description: "messages, notes and state changes" }),
    files: t.Integer(),
    questionnaireResponses: t.Integer(),
    offlineMessages: t.Integer(),
    additionalInfo: t.Integer(),
    mailJobs: t.Integer({ description: "outbox e-mails about the visitor (transcripts, offline notifications, auto-replies)" }),
    tokens: t.Integer({ description: "widget sessions" }),
    visitor: t.Integer({ description: "1 when the visitor's identity row existed" }),
  }),
  blobsRemoved: t.Integer({ description: "file contents deleted from disk (a content another file shares is kept)" }),
  socketsClosed: t.Integer({ description: "open widgets signed out (closed with 4003)" }),
});

/** The visitor record route plugin. */
export function visitorsRoutes(deps: VisitorsRoutesDeps, options: GuardOptions = {}) {
  const { engine, additionalInfo } = deps;
  const detail = (summary: string, description: string) => ({ tags: ["visitors"], summary, description });
  return new Elysia({ name: "visitors.routes" })
    .use(authGuards(deps.auth, options))
    .get(
      "/api/conversations/:id/visitor/additional-info",
      ({ params, principal, set }) => {
        const visitorId = visibleToStaff(engine, principal, params.id).visitor.id;
        set.headers["cache-control"] = "no-store";
        return { visitorId, fields: additionalInfo.view(visitorId) };
      },
      {
        requireStaff: true,
        params: t.Object({ id: SafeId }),
        response: { 200: AdditionalInfoBody },
        detail: detail(
          "The visitor's additional information",
          "Every field of `visitors.additionalInfoFields` with this conversation's visitor's value and who changed it last. Kept per visitor: the same values show in all their conversations. Seeing the conversation is what grants this. Errors: conversation.not_found (404).",
        ),
      },
    )
    .patch(
      "/api/conversations/:id/visitor/additional-info",
      ({ params, body, principal }) => {
        const visitorId = visibleToStaff(engine, principal, params.id).visitor.id;
        return { visitorId, fields: additionalInfo.update(visitorId, body.values, principal.id) };
      },
      {
        requireStaff: true,
        params: t.Object({ id: SafeId }),
        ...strictBody(
          t.Object(
            {
              values: t.Record(t.String({ minLength: 1, maxLength: 64 }), Nullable(t.String({ maxLength: 10_000 })), {
                maxProperties: 100,
                description: "field id → new value; only the fields named change; null or \"\" empties a field",
              }),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: AdditionalInfoBody },
        detail: detail(
          "Edit the visitor's additional information",
          "Strict body. All or nothing: one refused value leaves every field as it was. A value equal to the stored one keeps its author and time. " +
            "Errors: request.invalid (400), field.unknown (400, not a configured field), field.invalid (400: not one of a select's options, not a YYYY-MM-DD date, over maxLength, several lines in a text field), conversation.not_found (404).",
        ),
      },
    )
    .delete(
      "/api/visitors/:visitorId",
      async ({ params, principal }) => deps.erasure.erase(params.visitorId, principal),
      {
        requireRole: "manager",
        params: t.Object({ visitorId: SafeId }),
        response: { 200: ErasureReportBody },
        detail: detail(
          "Erase a visitor and everything about them",
          "Managers and admins. Deletes, in one transaction, the visitor's conversations with their messages, notes, events, files, questionnaire answers and owed operator questionnaires; " +
            "their offline messages, additional information, outbox e-mails about them, widget sessions and identity. File contents are deleted from disk after the commit unless another file shares them; " +
            "an open widget is closed with 4003. One audit log line (`visitor erased`: who, which visitor id, counts). Not undoable. " +
            "Errors: auth.forbidden (403, operators), conversation.invalid_state (409, a conversation of theirs is not ended: `details.conversationId`; end it first), not_found (404).",
        ),
      },
    );
}
