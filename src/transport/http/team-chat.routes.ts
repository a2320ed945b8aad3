/**
 * Chat between operators over HTTP: my unread counts by colleague, the history of my thread with a
 * colleague (paged, oldest first within a page), and marking it read. A thread is always addressed
 * from the signed-in operator's side (`/threads/:operatorId` is "me and them"), so only its two
 * operators can ever read it. Sending is the operator socket's `op.message`.
 */
import { Elysia, t } from "elysia";
import { AppError } from "../../core/errors";
import type { AuthModule } from "../../auth/auth.module";
import type { OperatorDirectory } from "../../realtime/event-view";
import { TeamChatDelivery, teamMessageView, type TeamChatHub } from "../../team-chat/team-chat.delivery";
import { THREAD_PAGE } from "../../team-chat/team-chat.model";
import type { TeamChatService } from "../../team-chat/team-chat.service";
import { authGuards, type GuardOptions } from "./guards";
import { QueryCursor, QueryInteger } from "./query-params";

const Nullable = <S extends Parameters<typeof t.Union>[0][number]>(s: S) => t.Union([s, t.Null()]);
const OperatorId = t.String({ minLength: 1, maxLength: 128, description: "the colleague's operator id" });
const Counts = t.Record(t.String(), t.Integer({ minimum: 1 }), { description: "unread messages by colleague's operator id; absent means none" });
const TeamMessageView = t.Object({
  id: t.String(),
  clientId: t.String({ description: "the sender's command id" }),
  from: t.Object({ id: t.String(), name: t.String(), avatarUrl: t.Optional(t.String()) }),
  to: t.String(),
  text: t.String({ description: "plain text as typed; clients render it as text, never as HTML" }),
  at: t.Integer({ description: "epoch milliseconds" }),
  readAt: Nullable(t.Integer({ description: "when the recipient read it" })),
});

/** What the routes need. */
export interface TeamChatRoutesDeps {
  readonly auth: AuthModule;
  readonly teamChat: TeamChatService;
  /** The realtime hub: reading a thread updates the badges on every tab of the reader. */
  readonly hub: TeamChatHub;
  readonly directory: OperatorDirectory;
}

/** The team chat route plugin. */
export function teamChatRoutes(deps: TeamChatRoutesDeps, options: GuardOptions = {}) {
  const { auth, teamChat, directory } = deps;
  const delivery = new TeamChatDelivery(deps.hub, directory);
  // A thread exists with every configured colleague, and stays readable after a colleague is removed
  // from the config as long as messages were exchanged; an id that is neither is a typo or a guess.
  const noSuchColleague = (id: string) => new AppError("operator.not_found", `no colleague "${id}": not an operator in the config, and no team chat with them`);
  return new Elysia({ name: "team-chat.routes" })
    .use(authGuards(auth, options))
    .get(
      "/api/team-chat/unread",
      ({ principal, set }) => {
        set.headers["cache-control"] = "no-store";
        return { counts: teamChat.unread(principal.id) };
      },
      {
        requireStaff: true,
        response: { 200: t.Object({ counts: Counts }) },
        detail: { tags: ["team chat"], summary: "My unread team chat", description: "Unread operator-to-operator messages addressed to me, by colleague. The socket pushes the same as `op.unread` after `hello`." },
      },
    )
    .get(
      "/api/team-chat/threads/:operatorId/messages",
      ({ principal, params, query, set }) => {
        const page = teamChat.history(principal.id, params.operatorId, { cursor: query.cursor, limit: query.limit });
        if (page.items.length === 0 && query.cursor === undefined && directory.operator(params.operatorId) === null) throw noSuchColleague(params.operatorId);
        set.headers["cache-control"] = "no-store";
        return { items: page.items.map((m) => teamMessageView(directory, m)), olderCursor: page.olderCursor };
      },
      {
        requireStaff: true,
        params: t.Object({ operatorId: OperatorId }),
        query: t.Object({
          cursor: t.Optional(QueryCursor("`olderCursor` of the page read before")),
          limit: t.Optional(QueryInteger("limit", { minimum: 1, maximum: THREAD_PAGE.max, default: THREAD_PAGE.default })),
        }),
        response: { 200: t.Object({ items: t.Array(TeamMessageView), olderCursor: Nullable(t.String()) }) },
        detail: {
          tags: ["team chat"],
          summary: "History of my thread with a colleague",
          description: "The newest page first call, oldest first within the page; pass `olderCursor` back as `cursor` for the page before it (null: the start of the thread). Only the signed-in operator's own threads exist here. A removed colleague's thread stays readable while it has messages. Errors: operator.not_found (404: your own id, or an id that is neither a configured operator nor a past correspondent), request.invalid (400: a cursor this server did not issue, a limit out of range).",
        },
      },
    )
    .post(
      "/api/team-chat/threads/:operatorId/read",
      ({ principal, params }) => {
        if (params.operatorId === principal.id) throw new AppError("operator.not_found", "there is no thread with yourself");
        const read = teamChat.markRead(principal.id, params.operatorId);
        if (read === 0 && directory.operator(params.operatorId) === null && teamChat.history(principal.id, params.operatorId, { limit: 1 }).items.length === 0) throw noSuchColleague(params.operatorId);
        const counts = teamChat.unread(principal.id);
        if (read > 0) delivery.unread(principal.id, counts);
        return { read, counts };
      },
      {
        requireStaff: true,
        params: t.Object({ operatorId: OperatorId }),
        response: { 200: t.Object({ read: t.Integer({ minimum: 0, description: "messages that became read" }), counts: Counts }) },
        detail: { tags: ["team chat"], summary: "Mark a thread read", description: "Everything the colleague sent me is read; my other tabs get `op.unread`. Idempotent. Same as the socket's `op.read`. Errors: operator.not_found (404, as for the history)." },
      },
    );
}
