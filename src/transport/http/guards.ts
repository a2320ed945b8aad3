/**
 * Reusable Elysia guards, so every route plugin declares its access rule in the route options
 * instead of re-implementing it:
 *
 *   .use(authGuards(auth))
 *   .get("/api/x", ({ principal }) => …, { requireStaff: true })
 *   .post("/api/y", …, { requireRole: "manager" })            // manager or admin
 *   .post("/api/z", …, { requirePermission: "sendFile" })     // feature flag of the caller's role
 *   .post("/api/widget/w", ({ visitor }) => …, { requireVisitor: true, rateLimit: { bucket: "upload", key: "visitor" } })
 *
 * Staff guards authenticate the session cookie and, for state-changing methods, enforce the Origin
 * check and the `X-CSRF-Token` header. The same checks are exported as plain functions for the
 * WebSocket upgrade, which has no Elysia route options.
 */
import { Elysia } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { assertPermission, assertRoleAtLeast } from "../../auth/authorization.policy";
import { isSecureRequest, resolveClientIp } from "../../auth/client-ip.policy";
import { CSRF_HEADER, csrfTokenValid, isStateChanging } from "../../auth/csrf.policy";
import { isStaffOriginAllowed, isWidgetOriginAllowed } from "../../auth/origin.policy";
import type { OperatorPrincipal, VisitorPrincipal } from "../../auth/principal.model";
import { rateKeys, retryAfterSeconds, type RateLimitBucket } from "../../auth/rate-limiter";
import { readSessionToken, sessionCookie } from "../../auth/session-cookie";
import type { AuthenticatedSession } from "../../auth/session.service";
import type { VisitorIdentity } from "../../auth/visitor.service";
import type { Permission, Role } from "../../config/schema";
import { AppError } from "../../core/errors";

/** The part of Bun's server that knows the TCP peer of a request (null under `app.handle`). */
export type PeerSource = { requestIP(request: Request): { address: string } | null } | null;

/** Mutable response headers, as Elysia's `set` exposes them. */
type HeaderSink = { headers: Record<string, string | number | undefined> };

/** Guard options, mostly for tests. */
export interface GuardOptions {
  /** Overrides how the TCP peer address is found (tests have no socket under `app.handle`). */
  readonly peerAddress?: (request: Request) => string | null;
}

/** How a rate-limit guard keys its bucket: client IP, visitor (falls back to IP), or a custom function. */
export type RateLimitKey = "ip" | "visitor" | ((request: Request) => string);

/** The `rateLimit` route option. */
export interface RateLimitSpec {
  readonly bucket: RateLimitBucket;
  readonly key: RateLimitKey;
}

const staffCache = new WeakMap<Request, AuthenticatedSession>();
const seeds = new WeakMap<AuthModule, number>();
let lastSeed = 0;

/** Elysia de-duplicates named plugins by name + seed: one guard plugin per auth module, however many route plugins use it. */
function instanceSeed(auth: AuthModule): number {
  if (!seeds.has(auth)) seeds.set(auth, ++lastSeed);
  return seeds.get(auth)!;
}

/** Request-level auth helpers bound to one auth module; also what the WebSocket upgrade uses. */
export function requestAuth(auth: AuthModule, options: GuardOptions = {}) {
  const peerOf = (request: Request, server: PeerSource) => options.peerAddress?.(request) ?? server?.requestIP(request)?.address ?? null;

  const helpers = {
    /** The client IP, honouring X-Forwarded-For only from trusted proxies. */
    clientIp(request: Request, server: PeerSource): string {
      return resolveClientIp(peerOf(request, server), request.headers.get("x-forwarded-for"), auth.proxyTrust());
    },

    /** Whether cookies must be Secure: publicUrl is https, or this request arrived over https. */
    secureCookies(request: Request, server: PeerSource): boolean {
      if (auth.config().server.publicUrl.startsWith("https:")) return true;
      return isSecureRequest(request.url, peerOf(request, server), request.headers.get("x-forwarded-proto"), auth.proxyTrust());
    },

    /**
     * Authenticates the staff session of a request; for state-changing methods also enforces the
     * Origin check (`auth.origin`) and the CSRF header (`auth.csrf`). Re-sends the cookie when the
     * sliding expiry moved. Cached per request, so stacked guards authenticate once.
     */
    staff(request: Request, server: PeerSource, set: HeaderSink): AuthenticatedSession {
      const cached = staffCache.get(request);
      if (cached) return cached;
      const session = auth.sessions.authenticate(readSessionToken(request.headers.get("cookie")));
      if (isStateChanging(request.method)) {
        assertStaffOrigin(auth, request);
        if (!csrfTokenValid(session.csrfToken, request.headers.get(CSRF_HEADER))) {
          throw new AppError("auth.csrf", "Missing or wrong X-CSRF-Token header; reload the page and try again.");
        }
      }
      if (session.renewed) set.headers["set-cookie"] = sessionCookie(readSessionToken(request.headers.get("cookie"))!, session.expiresAt - auth.clock.now(), helpers.secureCookies(request, server));
      staffCache.set(request, session);
      return session;
    },

    /** The visitor of a request (`Authorization: Bearer <token>`); throws `auth.required` without a valid token. */
    visitor(request: Request): VisitorIdentity {
      const visitor = auth.visitors.authenticateVisitorToken(bearerToken(request));
      if (!visitor) throw new AppError("auth.required", "Missing or unknown visitor token; start a widget session first.");
      return visitor;
    },

    /** Spends one token of `bucket` for the request's key; throws `rate.limited` with Retry-After when empty. */
    limit(spec: RateLimitSpec, request: Request, server: PeerSource, set: HeaderSink): void {
      const key = rateKey(spec.key, request, () => helpers.clientIp(request, server), auth);
      const decision = auth.limiters[spec.bucket].take(key);
      if (decision.allowed) return;
      const seconds = retryAfterSeconds(decision.retryAfterMs);
      set.headers["retry-after"] = String(seconds);
      throw new AppError("rate.limited", `Too many requests; try again in ${seconds} s.`, { retryAfterSeconds: seconds });
    },
  };
  return helpers;
}

/** The bearer token of a request, if any. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? null;
}

/** Throws `auth.origin` unless the request's Origin (or Referer) is publicUrl's origin. */
export function assertStaffOrigin(auth: AuthModule, request: Request): void {
  const headers = { origin: request.headers.get("origin"), referer: request.headers.get("referer") };
  if (!isStaffOriginAllowed(headers, auth.config())) {
    throw new AppError("auth.origin", "This request must come from the Parley console (its Origin does not match server.publicUrl).");
  }
}

/**
 * For the operator WebSocket upgrade: checks the Origin (against cross-site WebSocket hijacking)
 * and the session cookie. Throws `auth.origin`, `auth.required` or `auth.session_expired`.
 */
export function authorizeStaffUpgrade(auth: AuthModule, request: Request): AuthenticatedSession {
  assertStaffOrigin(auth, request);
  return auth.sessions.authenticate(readSessionToken(request.headers.get("cookie")));
}

function rateKey(key: RateLimitKey, request: Request, ip: () => string, auth: AuthModule): string {
  if (typeof key === "function") return key(request);
  if (key === "visitor") {
    const visitor = auth.visitors.authenticateVisitorToken(bearerToken(request));
    if (visitor) return rateKeys.visitor(visitor.id);
  }
  return rateKeys.ip(ip());
}

/** Sets `Retry-After` for a rate/lockout AppError carrying `details.retryAfterSeconds` (the error mapper does not). */
export function applyRetryAfter(set: HeaderSink, error: unknown): void {
  const seconds = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
  if (typeof seconds === "number") set.headers["retry-after"] = String(seconds);
}

/** The Elysia plugin declaring the guard route options. `.use()` it in every route plugin that needs one. */
export function authGuards(auth: AuthModule, options: GuardOptions = {}) {
  const helpers = requestAuth(auth, options);
  const staff = (ctx: { request: Request; server: PeerSource; set: HeaderSink }) => {
    const session = helpers.staff(ctx.request, ctx.server, ctx.set);
    return { principal: session.principal as OperatorPrincipal, session };
  };
  return new Elysia({ name: "auth.guards", seed: instanceSeed(auth) })
    .macro({
      requireStaff: { resolve: (ctx) => staff(ctx) },
      requireRole: (role: Role) => ({
        resolve(ctx) {
          const resolved = staff(ctx);
          assertRoleAtLeast(resolved.principal, role);
          return resolved;
        },
      }),
      requirePermission: (flag: Permission) => ({
        resolve(ctx) {
          const resolved = staff(ctx);
          assertPermission(resolved.principal, flag);
          return resolved;
        },
      }),
      requireVisitor: {
        resolve({ request }) {
          const visitor = helpers.visitor(request);
          const principal: VisitorPrincipal = { kind: "visitor", visitorId: visitor.id };
          return { visitor, visitorPrincipal: principal };
        },
      },
      rateLimit: (spec: RateLimitSpec) => ({
        beforeHandle({ request, server, set }) {
          helpers.limit(spec, request, server, set);
        },
      }),
    });
}

/** The widget's API namespace: CORS is answered here for the origins allowed to embed the widget. */
export const WIDGET_API_PREFIX = "/api/widget/";

/**
 * CORS for the widget API, which runs on customers' sites. Allowed origins (server.allowedOrigins,
 * or publicUrl's) get their origin echoed with credentials; preflights from other origins are refused
 * with `auth.origin`. Installed once; it covers every route under {@link WIDGET_API_PREFIX}.
 */
export function widgetCors(auth: AuthModule) {
  return new Elysia({ name: "widget.cors", seed: instanceSeed(auth) }).onRequest(({ request, set }) => {
    if (!new URL(request.url).pathname.startsWith(WIDGET_API_PREFIX)) return;
    const origin = request.headers.get("origin");
    const allowed = isWidgetOriginAllowed(origin, auth.config());
    set.headers["vary"] = "Origin";
    if (allowed && origin) {
      set.headers["access-control-allow-origin"] = origin;
      set.headers["access-control-allow-credentials"] = "true";
      set.headers["access-control-expose-headers"] = "Retry-After, X-Request-Id";
    }
    if (request.method !== "OPTIONS") return;
    if (!allowed) {
      const body = { error: { code: "auth.origin", message: "This site is not allowed to embed the chat widget (server.allowedOrigins)." } };
      return Response.json(body, { status: 403, headers: { vary: "Origin", "cache-control": "no-store" } });
    }
    return new Response(null, {
      status: 204,
      headers: {
        vary: "Origin",
        "access-control-allow-origin": origin!,
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": "Content-Type, Authorization, X-Request-Id",
        "access-control-max-age": "600",
      },
    });
  });
}
