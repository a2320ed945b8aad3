/**
 * `GET /api/canned-responses`: the predefined answers an operator may use, grouped by topic, with
 * %VISITOR% and %OPERATOR% already expanded for the conversation at hand. Needs the
 * `cannedResponses` permission of the caller's role.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { canMonitor } from "../../auth/authorization.policy";
import { cannedResponsesFor, cannedViews } from "../../canned/canned.service";
import type { Config } from "../../config/schema";
import type { Engine } from "../../core/engine";
import { visibleToStaff } from "../../realtime/conversation-views";
import { authGuards, type GuardOptions } from "./guards";

const CannedView = t.Object({ shortcut: t.String(), topic: t.String(), text: t.String(), department: t.Union([t.String(), t.Null()]) });

/** The canned responses route plugin. */
export function cannedRoutes(deps: { readonly auth: AuthModule; readonly engine: Engine; readonly config: () => Config }, options: GuardOptions = {}) {
  return new Elysia({ name: "canned.routes" }).use(authGuards(deps.auth, options)).get(
    "/api/canned-responses",
    ({ query, principal }) => {
      const all = deps.config().cannedResponses;
      if (query.conversationId) {
        const c = visibleToStaff(deps.engine, principal, query.conversationId);
        return { responses: cannedViews(cannedResponsesFor(all, { department: c.department }), { visitor: c.visitor.name, operator: principal.name }) };
      }
      const context = query.department !== undefined ? { department: query.department } : { departments: canMonitor(principal) ? ("all" as const) : principal.departments };
      return { responses: cannedViews(cannedResponsesFor(all, context), { visitor: null, operator: principal.name }) };
    },
    {
      requirePermission: "cannedResponses",
      query: t.Object({
        conversationId: t.Optional(t.String({ minLength: 1, maxLength: 128, description: "expand for this conversation and use its department" })),
        department: t.Optional(t.String({ minLength: 1, maxLength: 64, description: "responses of this department (plus the global ones)" })),
      }),
      response: { 200: t.Object({ responses: t.Array(CannedView) }) },
      detail: {
        tags: ["canned responses"],
        summary: "Canned responses",
        description: "Sorted by topic then shortcut. Errors: permission.disabled (403) when cannedResponses is off for the caller's role; conversation.not_found.",
      },
    },
  );
}
