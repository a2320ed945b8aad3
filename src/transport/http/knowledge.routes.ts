/**
 * `GET /api/knowledge/search`: the operator's "Find knowledge" tab, a ranked full-text search of
 * the configured knowledge base. Needs the `knowledgeSearch` permission of the caller's role.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { Config } from "../../config/schema";
import { knowledgeIndex } from "../../knowledge/knowledge.search";
import { authGuards, type GuardOptions } from "./guards";
import { QueryInteger } from "./query-params";

const Hit = t.Object({ title: t.String(), body: t.String(), tags: t.Array(t.String()), url: t.Optional(t.String()), score: t.Number(), excerpt: t.String() });

/** The knowledge search route plugin. */
export function knowledgeRoutes(deps: { readonly auth: AuthModule; readonly config: () => Config }, options: GuardOptions = {}) {
  return new Elysia({ name: "knowledge.routes" }).use(authGuards(deps.auth, options)).get(
    "/api/knowledge/search",
    ({ query }) => {
      const hits = knowledgeIndex(deps.config().knowledgeBase.articles).search(query.q, query.limit ?? 10);
      return { results: hits.map((h) => ({ title: h.article.title, body: h.article.body, tags: [...h.article.tags], ...(h.article.url ? { url: h.article.url } : {}), score: h.score, excerpt: h.excerpt })) };
    },
    {
      requirePermission: "knowledgeSearch",
      query: t.Object({
        q: t.String({ minLength: 1, maxLength: 200, description: "words to find; the last one may be incomplete" }),
        limit: t.Optional(QueryInteger("limit", { minimum: 1, maximum: 50, default: 10 })),
      }),
      response: { 200: t.Object({ results: t.Array(Hit) }) },
      detail: {
        tags: ["knowledge"],
        summary: "Search the knowledge base",
        description: "Best matches first (title and tags weigh more than the body; accents and case ignored). Errors: permission.disabled (403).",
      },
    },
  );
}
