/**
 * Offline messages over HTTP. The widget posts the form (`/api/widget/offline-messages`, from an
 * allowed site, rate limited per IP like new chats); operators list the messages of their
 * departments newest first, count the unhandled ones (the console's badge) and mark them handled
 * (`/api/offline-messages`). Scope rules: src/offline/offline.access.ts.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { isWidgetOriginAllowed } from "../../auth/origin.policy";
import { AppError } from "../../core/errors";
import { inOfflineScope, offlineScope } from "../../offline/offline.access";
import type { OfflineMessageService } from "../../offline/offline.service";
import type { OfflineMessageRepository, OfflineMessageRow } from "../../storage/repositories/offline-messages.repository";
import { authGuards, bearerToken, type GuardOptions } from "./guards";
import { QueryCursor, QueryInteger } from "./query-params";
import { strictBody } from "./strict-body";

const Nullable = <S extends Parameters<typeof t.Union>[0][number]>(s: S) => t.Union([s, t.Null()]);
const OfflineMessageView = t.Object({
  id: t.String(),
  visitorId: Nullable(t.String()),
  name: t.String(),
  email: t.String(),
  message: t.String(),
  department: Nullable(t.String()),
  pageUrl: Nullable(t.String()),
  reason: Nullable(t.String()),
  createdAt: t.Integer(),
  handledAt: Nullable(t.Integer()),
  handledBy: Nullable(t.String()),
  handledByName: Nullable(t.String({ description: "the handler's name from the configuration (null when unhandled or no longer configured)" })),
});

/** What the routes need. */
export interface OfflineRoutesDeps {
  readonly auth: AuthModule;
  readonly service: OfflineMessageService;
  readonly repository: OfflineMessageRepository;
}

/** The offline message route plugin. */
export function offlineRoutes(deps: OfflineRoutesDeps, options: GuardOptions = {}) {
  const { auth, service, repository } = deps;
  const view = (row: OfflineMessageRow) => {
    const { departmentId, ...rest } = row;
    const handler = row.handledBy === null ? undefined : auth.config().operators.find((o) => o.id === row.handledBy);
    return { ...rest, department: departmentId, handledByName: handler?.name ?? null };
  };
  return new Elysia({ name: "offline.routes" })
    .use(authGuards(auth, options))
    .post(
      "/api/widget/offline-messages",
      ({ body, request, set }) => {
        if (!isWidgetOriginAllowed(request.headers.get("origin"), auth.config())) {
          throw new AppError("auth.origin", "This site is not allowed to embed the chat widget (server.allowedOrigins).");
        }
        const token = bearerToken(request);
        const visitor = token ? auth.visitors.authenticateVisitorToken(token) : null;
        if (token && !visitor) throw new AppError("auth.required", "Unknown visitor token; start a widget session again.");
        const row = service.leave(body, visitor?.id ?? null);
        set.status = 201;
        set.headers["cache-control"] = "no-store";
        return { id: row.id };
      },
      {
        rateLimit: { bucket: "startConversation", key: "ip" },
        ...strictBody(t.Object(
          {
            name: t.String({ minLength: 1, maxLength: 200 }),
            email: t.String({ format: "email", maxLength: 254 }),
            message: t.String({ minLength: 1, maxLength: 10_000 }),
            department: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
            pageUrl: t.Optional(t.String({ maxLength: 2048 })),
            reason: t.Optional(t.Union([t.Literal("after_hours"), t.Literal("queue_full"), t.Literal("no_operator"), t.Literal("queue_closed"), t.Literal("queue_timeout")])),
            language: t.Optional(t.String({ maxLength: 35, pattern: "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", description: "the widget's language (BCP 47), for the auto-reply" })),
          },
          { additionalProperties: false },
        )),
        response: { 201: t.Object({ id: t.String() }) },
        detail: {
          tags: ["widget"],
          summary: "Leave an offline message",
          description: "From the widget's offline form. Optional `Authorization: Bearer <visitor token>` links it to the visitor. With `offlineMessages.autoReply.enabled` the visitor is e-mailed an acknowledgement in `language` (en or fr; else the widget's default). Errors: auth.origin (403), department.not_found (404), rate.limited (429).",
        },
      },
    )
    .get(
      "/api/offline-messages",
      ({ query, principal }) => {
        const page = repository.list({ departments: offlineScope(principal), department: query.department, status: query.status ?? "open", limit: query.limit ?? 25, cursor: query.cursor });
        return { items: page.items.map(view), nextCursor: page.nextCursor };
      },
      {
        requireStaff: true,
        query: t.Object({
          status: t.Optional(t.Union([t.Literal("open"), t.Literal("handled"), t.Literal("all")], { default: "open" })),
          department: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
          cursor: t.Optional(QueryCursor("nextCursor of the previous page")),
          limit: t.Optional(QueryInteger("limit", { minimum: 1, maximum: 100, default: 25 })),
        }),
        response: { 200: t.Object({ items: t.Array(OfflineMessageView), nextCursor: Nullable(t.String()) }) },
        detail: { tags: ["offline messages"], summary: "List offline messages", description: "Newest first; operators see their departments' messages and those without department (all of them when they have no department), supervisors all." },
      },
    )
    .get(
      "/api/offline-messages/count",
      ({ principal, set }) => {
        set.headers["cache-control"] = "no-store";
        return { open: repository.countOpen(offlineScope(principal)) };
      },
      {
        requireStaff: true,
        response: { 200: t.Object({ open: t.Integer({ minimum: 0 }) }) },
        detail: { tags: ["offline messages"], summary: "Count unhandled offline messages", description: "Within the same scope as the list: the console's badge." },
      },
    )
    .post(
      "/api/offline-messages/:id/handled",
      ({ params, principal }) => {
        const row = repository.get(params.id);
        if (!row || !inOfflineScope(offlineScope(principal), row.departmentId)) {
          throw new AppError("not_found", `no offline message ${params.id}`);
        }
        repository.markHandled(row.id, principal.id, auth.clock.now());
        return view(repository.get(row.id)!);
      },
      {
        requireStaff: true,
        params: t.Object({ id: t.String({ minLength: 1, maxLength: 128 }) }),
        response: { 200: OfflineMessageView },
        detail: { tags: ["offline messages"], summary: "Mark handled", description: "Idempotent: the first handler and time are kept. Errors: not_found (404)." },
      },
    );
}
