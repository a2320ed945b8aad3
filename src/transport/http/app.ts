/**
 * The HTTP application: one Elysia instance composed of named plugins, one per concern or domain.
 * Order matters and is fixed here: request context (id, logging, metrics, security headers) first,
 * then error mapping, then the API documentation, then routes. Domain routes (auth, conversations…)
 * are passed in by the composition root as an explicit list, so the binary contains exactly them.
 */
import { Elysia, type AnyElysia } from "elysia";
import { ERROR_STATUS } from "../../core/errors";
import { jitPolicy as processJitPolicy, type JitPolicy } from "../../lifecycle/jit-policy";
import type { Logger } from "../../observability/logger";
import type { Metrics } from "../../observability/metrics";
import { docsRoutes, openapiDocumentRoutes } from "./docs.routes";
import { bodyLimit } from "./body-limit";
import { httpErrors } from "./errors";
import { healthRoutes, type Readiness } from "./health.routes";
import { PROBE_PATHS, requestContext } from "./request-context";
import { staticRoutes } from "./static.routes";
import type { UiBundle } from "./ui-assets";
import { WEBSOCKET_SERVER_OPTIONS } from "../ws/socket-route";

/** Everything the HTTP layer needs from the rest of the server. */
export interface AppDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  readonly ui: UiBundle | null;
  readonly version: string;
  /** Domain route plugins (`new Elysia({ name: "…" })` each), mounted in this order. */
  readonly routes?: readonly AnyElysia[];
  /** The process's JIT policy, ended by the first request from a user (a spy in tests). */
  readonly jitPolicy?: JitPolicy;
}

/** Where the OpenAPI document is served (the /docs viewer renders it). */
export const OPENAPI_PATH = "/openapi.json";
const API_TITLE = "Parley API";

/** Builds the app without listening, so tests can call `app.handle(request)` directly. */
export function createApp(deps: AppDeps) {
  const policy = deps.jitPolicy ?? processJitPolicy;
  const app = new Elysia({ name: "parley", websocket: WEBSOCKET_SERVER_OPTIONS })
    .use(requestContext(deps))
    // The first request that is not a probe (a page, an API call, a socket) means users are here:
    // request and message handling gets the normal JIT policy (src/lifecycle/jit-policy.ts).
    .onRequest(({ request }) => {
      if (!policy.isServing && !PROBE_PATHS.has(new URL(request.url).pathname)) policy.serve();
    })
    .use(httpErrors(deps.logger))
    .use(bodyLimit())
    .use(
      // The document is generated on its first request; the viewer at /docs is ours too (docs.routes.ts),
      // served from the binary, not from a CDN.
      openapiDocumentRoutes({
        specPath: OPENAPI_PATH,
        documentation: {
          info: { title: API_TITLE, description: apiDescription(), version: deps.version },
          tags: [{ name: "health", description: "Probes and metrics" }],
        },
      }),
    )
    .use(docsRoutes({ title: API_TITLE, specPath: OPENAPI_PATH }))
    .use(healthRoutes(deps))
    .use(staticRoutes(deps));
  for (const routes of deps.routes ?? []) app.use(routes);
  return app;
}

/** The type of the composed app, for code that holds on to it (server, tests). */
export type ParleyApp = ReturnType<typeof createApp>;

/** API overview shown at the top of /docs: the error envelope and every stable error code. */
function apiDescription(): string {
  const rows = Object.entries(ERROR_STATUS)
    .map(([code, status]) => `| \`${code}\` | ${status} |`)
    .join("\n");
  return [
    "Every error is answered as JSON `{\"error\": {\"code\", \"message\"}}` (plus `path` for invalid input and `requestId` for internal errors).",
    "Clients branch on `code`, which never changes meaning; `message` is for humans. Every response carries an `X-Request-Id` header.",
    "",
    "| code | HTTP status |",
    "|---|---|",
    rows,
  ].join("\n");
}
