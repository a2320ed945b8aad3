/**
 * The conversation REST API for the console and the dashboard: the filtered, paged list; one
 * conversation; its history paged backwards; notes, tags, priority, importance; assignment,
 * "assign to me", transfer and end. Every route is authorized against the caller's visibility
 * (their conversations and the waiting ones of their departments; supervisors everything) and the
 * permission flags of their role. Changes go through the engine, so sockets see them at once.
 * The widget gets its own history route under /api/widget.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { assertPermission, assertRoleAtLeast, canMonitor } from "../../auth/authorization.policy";
import type { OperatorPrincipal } from "../../auth/principal.model";
import type { Actor, AnyStoredEvent } from "../../core/conversation/conversation.events";
import type { ConversationState } from "../../core/conversation/conversation.model";
import type { Engine } from "../../core/engine";
import { AppError } from "../../core/errors";
import { staffView, staffViewOf, visibleToStaff } from "../../realtime/conversation-views";
import { eventFrameFor, type OperatorDirectory } from "../../realtime/event-view";
import type { Db } from "../../storage/db";
import { listConversations } from "../../storage/queries/conversation-list.query";
import { EventFrame, PrioritySchema, StaffConversationView } from "../ws/protocol";
import { authGuards, type GuardOptions } from "./guards";
import { QueryCursor, QueryInteger } from "./query-params";
import { strictBody } from "./strict-body";

/** What the conversation routes need. */
export interface ConversationRoutesDeps {
  readonly engine: Engine;
  readonly auth: AuthModule;
  readonly db: Db;
  readonly directory: OperatorDirectory;
}

const STATES: readonly ConversationState[] = ["pending", "waiting", "active", "ended"];
const Id = t.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9_-]+$" });
const IdParams = t.Object({ id: Id });
const Page = t.Object({ items: t.Array(StaffConversationView), nextCursor: t.Union([t.String(), t.Null()]) });
const History = t.Object({ events: t.Array(EventFrame), hasMore: t.Boolean({ description: "older events exist: ask again with before = the first seq" }) });
const HistoryQuery = t.Object({
  before: t.Optional(QueryInteger("before", { minimum: 1, description: "only events with a lower seq (page backwards)" })),
  limit: t.Optional(QueryInteger("limit", { minimum: 1, maximum: 200, default: 50 })),
});
const tags = (summary: string, description: string) => ({ tags: ["conversations"], summary, description });

/** Events of a conversation as `viewer` may see them, newest page first when paging back. */
function historyPage(engine: Engine, id: string, viewer: Actor, audience: "visitor" | "staff", directory: OperatorDirectory, query: { before?: number; limit?: number }) {
  const limit = query.limit ?? 50;
  const events: AnyStoredEvent[] = engine.history(id, viewer, { beforeSeq: query.before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 });
  const hasMore = events.length > limit;
  const page = hasMore ? events.slice(events.length - limit) : events;
  return { events: page.flatMap((e) => eventFrameFor(e, audience, directory) ?? []), hasMore };
}

const actorOf = (p: OperatorPrincipal): Extract<Actor, { kind: "operator" }> => ({ kind: "operator", id: p.id, role: p.role });

/** The console's conversation routes (`/api/conversations`). */
export function conversationRoutes(deps: ConversationRoutesDeps, options: GuardOptions = {}) {
  const { engine, db, directory } = deps;
  const view = (id: string) => staffView(engine, id)!;
  return new Elysia({ name: "conversations.routes", prefix: "/api/conversations" })
    .use(authGuards(deps.auth, options))
    .get(
      "/",
      ({ query, principal }) => {
        const states = query.status?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
        const bad = states.find((s) => !STATES.includes(s as ConversationState));
        if (bad) throw new AppError("request.invalid", `query.status: "${bad}" is not one of ${STATES.join(", ")}`);
        const operatorId = query.assignedTo === "me" ? principal.id : query.assignedTo;
        const scope = canMonitor(principal) ? ({ all: true } as const) : { all: false as const, operatorId: principal.id, departments: principal.departments };
        const page = listConversations(
          db,
          scope,
          { states: states as ConversationState[], operatorId, department: query.department, tag: query.tag, priority: query.priority, important: query.important, view: query.view, search: query.q?.trim() || undefined },
          { limit: query.limit ?? 25, cursor: query.cursor, sort: query.sort },
        );
        return { items: page.items.map((c) => staffViewOf(c, engine.queuePosition(c.id))), nextCursor: page.nextCursor };
      },
      {
        requireStaff: true,
        query: t.Object({
          status: t.Optional(t.String({ maxLength: 64, description: "comma-separated: pending, waiting, active, ended" })),
          assignedTo: t.Optional(t.String({ minLength: 1, maxLength: 128, description: "`me` or an operator id" })),
          department: t.Optional(Id),
          tag: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
          priority: t.Optional(PrioritySchema),
          important: t.Optional(t.BooleanString()),
          view: t.Optional(t.Union([t.Literal("unread"), t.Literal("unresolved"), t.Literal("done")], { description: "unread: the visitor waits for an answer; unresolved: not ended; done: ended" })),
          q: t.Optional(t.String({ maxLength: 200, description: "search the visitor's name or e-mail" })),
          sort: t.Optional(t.Union([t.Literal("recent"), t.Literal("sla")], { description: "recent activity first (default) or nearest first-response deadline first" })),
          cursor: t.Optional(QueryCursor("nextCursor of the previous page")),
          limit: t.Optional(QueryInteger("limit", { minimum: 1, maximum: 100, default: 25 })),
        }),
        response: { 200: Page },
        detail: tags("List conversations", "Conversations the caller may see (own, waiting in their departments; supervisors all), filtered, most recent first, keyset-paged with `cursor`."),
      },
    )
    .get("/:id", ({ params, principal }) => staffViewOf(visibleToStaff(engine, principal, params.id), engine.queuePosition(params.id)), {
      requireStaff: true,
      params: IdParams,
      response: { 200: StaffConversationView },
      detail: tags("One conversation", "Errors: conversation.not_found (404, also when the caller may not see it)."),
    })
    .get(
      "/:id/events",
      ({ params, query, principal }) => {
        visibleToStaff(engine, principal, params.id);
        return historyPage(engine, params.id, actorOf(principal), "staff", directory, query);
      },
      {
        requireStaff: true,
        params: IdParams,
        query: HistoryQuery,
        response: { 200: History },
        detail: tags("Conversation history", "The event log (messages, notes, state changes) in seq order, paged backwards with `before`."),
      },
    )
    .post(
      "/:id/notes",
      ({ params, body, principal, set }) => {
        visibleToStaff(engine, principal, params.id);
        const event = engine.addNote(params.id, actorOf(principal), { text: body.text, clientId: body.clientId });
        set.status = 201;
        return { seq: event.seq };
      },
      {
        requireStaff: true,
        params: IdParams,
        ...strictBody(t.Object({ text: t.String({ minLength: 1, maxLength: 10_000 }), clientId: t.String({ minLength: 1, maxLength: 64, description: "idempotency key: a retry returns the same seq" }) }, { additionalProperties: false })),
        response: { 201: t.Object({ seq: t.Integer() }) },
        detail: tags("Add an internal note", "Staff only; never shown to the visitor. Idempotent on clientId."),
      },
    )
    .put(
      "/:id/tags",
      ({ params, body, principal }) => {
        visibleToStaff(engine, principal, params.id);
        engine.setTags(params.id, [...new Set(body.tags.map((tag) => tag.trim()).filter(Boolean))], actorOf(principal));
        return view(params.id);
      },
      {
        requireStaff: true,
        params: IdParams,
        ...strictBody(t.Object({ tags: t.Array(t.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 }) }, { additionalProperties: false })),
        response: { 200: StaffConversationView },
        detail: tags("Set tags", "Replaces the conversation's tags."),
      },
    )
    .put(
      "/:id/priority",
      ({ params, body, principal }) => {
        visibleToStaff(engine, principal, params.id);
        engine.setPriority(params.id, body.priority, actorOf(principal));
        return view(params.id);
      },
      {
        requireStaff: true,
        params: IdParams,
        ...strictBody(t.Object({ priority: PrioritySchema }, { additionalProperties: false })),
        response: { 200: StaffConversationView },
        detail: tags("Set priority", "A waiting conversation moves in the queue accordingly."),
      },
    )
    .put(
      "/:id/important",
      ({ params, body, principal }) => {
        assertPermission(principal, "markImportant");
        visibleToStaff(engine, principal, params.id);
        engine.setImportant(params.id, body.important, actorOf(principal));
        return view(params.id);
      },
      {
        requireStaff: true,
        params: IdParams,
        ...strictBody(t.Object({ important: t.Boolean() }, { additionalProperties: false })),
        response: { 200: StaffConversationView },
        detail: tags("Mark important", "Errors: permission.disabled (403) when markImportant is off for the caller's role."),
      },
    )
    .post(
      "/:id/assign",
      ({ params, body, principal }) => {
        assertRoleAtLeast(principal, "manager");
        engine.assign(params.id, body.operatorId, actorOf(principal), { overrideCapacity: body.overrideCapacity ?? false });
        return view(params.id);
      },
      {
        requireStaff: true,
        params: IdParams,
        ...strictBody(t.Object({ operatorId: Id, overrideCapacity: t.Optional(t.Boolean({ description: "assign even above the operator's capacity (recorded)" })) }, { additionalProperties: false })),
        response: { 200: StaffConversationView },
        detail: tags("Assign to an operator", "Managers and admins. Errors: operator.unavailable, operator.at_capacity, conversation.invalid_state."),
      },
    )
    .post(
      "/:id/assign-to-me",
      ({ params, principal }) => {
        visibleToStaff(engine, principal, params.id);
        engine.assignToMe(params.id, actorOf(principal));
        return view(params.id);
      },
      {
        requireStaff: true,
        params: IdParams,
        response: { 200: StaffConversationView },
        detail: tags("Assign to me", "Take a waiting conversation of your departments. Errors: operator.at_capacity, conversation.invalid_state."),
      },
    )
    .post(
      "/:id/transfer",
      ({ params, body, principal }) => {
        visibleToStaff(engine, principal, params.id);
        const by = actorOf(principal);
        const message = body.message ?? null;
        if ((body.toOperatorId === undefined) === (body.toDepartmentId === undefined)) throw new AppError("request.invalid", "body: give exactly one of toOperatorId and toDepartmentId");
        if (body.toDepartmentId !== undefined || body.immediate) {
          const target = body.toDepartmentId !== undefined ? { department: body.toDepartmentId } : { operatorId: body.toOperatorId! };
          engine.transfer(params.id, target, by, { message });
          return { conversation: view(params.id), transferId: null };
        }
        const request = engine.requestTransfer(params.id, body.toOperatorId!, by, message);
        return { conversation: view(params.id), transferId: request.id };
      },
      {
        requireStaff: true,
        params: IdParams,
        ...strictBody(t.Object(
          {
            toOperatorId: t.Optional(Id),
            toDepartmentId: t.Optional(Id),
            message: t.Optional(t.String({ maxLength: 1000, description: "shown to the receiver only" })),
            immediate: t.Optional(t.Boolean({ description: "hand over now instead of asking the operator to accept" })),
          },
          { additionalProperties: false },
        )),
        response: { 200: t.Object({ conversation: StaffConversationView, transferId: t.Union([t.String(), t.Null()]) }) },
        detail: tags("Transfer", "To an operator: a request they accept (unless `immediate`); to a department: back to that department's queue. Errors: transfer.invalid, operator.unavailable."),
      },
    )
    .post(
      "/:id/end",
      ({ params, principal }) => {
        visibleToStaff(engine, principal, params.id);
        engine.endConversation(params.id, actorOf(principal));
        return view(params.id);
      },
      {
        requireStaff: true,
        params: IdParams,
        response: { 200: StaffConversationView },
        detail: tags("End", "Errors: auth.forbidden (not the handling operator nor a supervisor), conversation.ended."),
      },
    );
}

/** The widget's history route (`/api/widget/conversations/:id/events`), for scrolling back. */
export function widgetConversationRoutes(deps: Pick<ConversationRoutesDeps, "engine" | "auth" | "directory">, options: GuardOptions = {}) {
  return new Elysia({ name: "widget-conversations.routes", prefix: "/api/widget/conversations" }).use(authGuards(deps.auth, options)).get(
    "/:id/events",
    ({ params, query, visitor }) => {
      if (deps.engine.conversation(params.id)?.visitorId !== visitor.id) throw new AppError("conversation.not_found", `no conversation ${params.id}`);
      return historyPage(deps.engine, params.id, { kind: "visitor", id: visitor.id }, "visitor", deps.directory, query);
    },
    {
      requireVisitor: true,
      params: IdParams,
      query: HistoryQuery,
      response: { 200: History },
      detail: { tags: ["widget"], summary: "My conversation's history", description: "Visitor token as `Authorization: Bearer`. Staff-only events are never included." },
    },
  );
}
