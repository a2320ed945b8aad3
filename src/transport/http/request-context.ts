/**
 * What every HTTP request gets before any route runs: a request id (the caller's `X-Request-Id` if
 * it is sane, else a fresh one) echoed in the response and bound to every log line written while
 * serving it; security headers; and, once answered, one access-log line plus the request metrics.
 */
import { Elysia } from "elysia";
import { logContext, type Logger } from "../../observability/logger";
import type { Metrics } from "../../observability/metrics";

/** Paths other sites may load (the embeddable widget and its hashed chunks); everything else refuses framing. */
const EMBEDDABLE = [/^\/widget\.js$/, /^\/assets\//];
/**
 * Probe and scrape endpoints: logged at debug so they do not drown the access log, and not taken
 * as a sign that users are here (src/lifecycle/jit-policy.ts).
 */
export const PROBE_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz", "/metrics"]);
/** Letters, digits and `._:-`, at most 128 characters: safe to echo in a header and a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const requests = new WeakMap<Request, { id: string; startedAt: number }>();

/** The id assigned to a request (for error bodies and handlers that pass it on). */
export function requestIdOf(request: Request): string {
  return requests.get(request)?.id ?? "unknown";
}

/** Accepts an incoming request id only if it is safe to reflect; otherwise mints a UUIDv7 (time-sortable). */
export function chooseRequestId(incoming: string | null): string {
  return incoming !== null && SANE_REQUEST_ID.test(incoming) ? incoming : Bun.randomUUIDv7();
}

/** Security headers for a path: nosniff and a referrer policy always; frame refusal except for embeddable assets. */
export function securityHeaders(pathname: string): Record<string, string> {
  const headers: Record<string, string> = { "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" };
  if (EMBEDDABLE.some((re) => re.test(pathname))) {
    headers["access-control-allow-origin"] = "*";
    headers["cross-origin-resource-policy"] = "cross-origin";
  } else {
    headers["x-frame-options"] = "DENY";
    headers["content-security-policy"] = "frame-ancestors 'none'";
  }
  // Console and dashboard show visitor page URLs; following one must not leak the conversation URL.
  if (/^\/(console|manager)(\/|$)/.test(pathname)) headers["referrer-policy"] = "no-referrer";
  return headers;
}

/** Elysia plugin installing the per-request hooks globally. Install first so every later hook sees the id. */
export function requestContext(deps: { logger: Logger; metrics: Metrics }) {
  return new Elysia({ name: "request-context" })
    .onRequest(({ request, set }) => {
      const id = chooseRequestId(request.headers.get("x-request-id"));
      requests.set(request, { id, startedAt: performance.now() });
      // Binds the id to this request's async context: services deep in the call chain log it too.
      logContext.enterWith({ requestId: id });
      set.headers["x-request-id"] = id;
      Object.assign(set.headers, securityHeaders(new URL(request.url).pathname));
    })
    .onAfterResponse({ as: "global" }, ({ request, route, set, responseValue }) => {
      const info = requests.get(request);
      const seconds = info ? (performance.now() - info.startedAt) / 1000 : 0;
      const status = responseValue instanceof Response ? responseValue.status : Number(set.status ?? 200);
      const routeLabel = route || "unmatched";
      deps.metrics.http.requests.inc({ method: request.method, route: routeLabel, status: String(status) });
      deps.metrics.http.duration.observe({ method: request.method, route: routeLabel }, seconds);
      const path = new URL(request.url).pathname;
      const level = PROBE_PATHS.has(path) && status < 500 ? "debug" : "info";
      deps.logger[level]("request", { method: request.method, path, status, ms: Math.round(seconds * 10000) / 10 });
    });
}
