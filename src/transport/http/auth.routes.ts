/**
 * Operator sign-in over HTTP: `/api/auth/login`, `/logout`, `/me` and `/password`. The session
 * lives in an HttpOnly cookie; the CSRF token the console must echo in `X-CSRF-Token` is returned
 * in the JSON of login and /me (the page keeps it in memory only).
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { MAX_PASSWORD_LENGTH } from "../../auth/password.service";
import type { OperatorPrincipal } from "../../auth/principal.model";
import { clearedSessionCookie, readSessionToken, sessionCookie } from "../../auth/session-cookie";
import { AppError } from "../../core/errors";
import { applyRetryAfter, assertStaffOrigin, authGuards, requestAuth, type GuardOptions } from "./guards";
import { strictBody } from "./strict-body";

const PermissionsView = t.Record(t.String(), t.Boolean(), { description: "config.permissions of the operator's role" });

/** The signed-in operator as the console sees it. */
const OperatorView = t.Object({
  id: t.String(),
  name: t.String(),
  email: t.String(),
  role: t.Union([t.Literal("admin"), t.Literal("manager"), t.Literal("operator")]),
  departments: t.Array(t.String()),
  permissions: PermissionsView,
});

/** Body of login and /me. */
const SessionView = t.Object({
  operator: OperatorView,
  csrfToken: t.String({ description: "send back in the X-CSRF-Token header on POST/PUT/PATCH/DELETE" }),
  expiresAt: t.Number({ description: "epoch ms; slides forward with use" }),
});

const LoginBody = t.Object(
  {
    email: t.String({ minLength: 3, maxLength: 320 }),
    password: t.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);

const PasswordBody = t.Object(
  {
    current: t.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    next: t.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: "at least 12 characters" }),
  },
  { additionalProperties: false },
);

function operatorView(principal: OperatorPrincipal) {
  const { id, name, email, role, departments, permissions } = principal;
  return { id, name, email, role, departments: [...departments], permissions: { ...permissions } };
}

const detail = (summary: string, description?: string) => ({ tags: ["auth"], summary, description });

/** The auth route plugin. */
export function authRoutes(auth: AuthModule, options: GuardOptions = {}) {
  const req = requestAuth(auth, options);
  return new Elysia({ name: "auth.routes", prefix: "/api/auth" })
    .use(authGuards(auth, options))
    .onAfterHandle(({ set }) => {
      set.headers["cache-control"] = "no-store";
    })
    .post(
      "/login",
      async ({ body, request, server, set }) => {
        assertStaffOrigin(auth, request);
        try {
          const ip = req.clientIp(request, server);
          const { principal, session } = await auth.operators.login(body.email, body.password, { ip, userAgent: request.headers.get("user-agent") ?? undefined });
          auth.sessions.revoke(readSessionToken(request.headers.get("cookie"))); // signing in again replaces this browser's old session
          set.headers["set-cookie"] = sessionCookie(session.token, session.expiresAt - auth.clock.now(), req.secureCookies(request, server));
          return { operator: operatorView(principal), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
        } catch (error) {
          applyRetryAfter(set, error);
          throw error;
        }
      },
      {
        ...strictBody(LoginBody),
        response: { 200: SessionView },
        detail: detail(
          "Sign in",
          "Sets the HttpOnly session cookie. Errors: auth.invalid_credentials (401), auth.locked (429 + Retry-After, after repeated failures), rate.limited (429 + Retry-After, per IP), auth.origin (403).",
        ),
      },
    )
    .post(
      "/logout",
      ({ request, server, set }) => {
        try {
          req.staff(request, server, set); // a live session must prove Origin + CSRF before it is ended
        } catch (error) {
          if (!(error instanceof AppError) || (error.code !== "auth.required" && error.code !== "auth.session_expired")) throw error;
        }
        auth.sessions.revoke(readSessionToken(request.headers.get("cookie")));
        set.headers["set-cookie"] = clearedSessionCookie(req.secureCookies(request, server));
        set.status = 204;
      },
      { detail: detail("Sign out", "Ends this browser's session and clears the cookie. Idempotent; a live session needs X-CSRF-Token.") },
    )
    .get(
      "/me",
      ({ principal, session }) => ({ operator: operatorView(principal), csrfToken: session.csrfToken, expiresAt: session.expiresAt }),
      {
        requireStaff: true,
        response: { 200: SessionView },
        detail: detail("Current operator", "Errors: auth.required (401, not signed in), auth.session_expired (401, expired or revoked)."),
      },
    )
    .post(
      "/password",
      async ({ body, session, set }) => {
        try {
          await auth.operators.changePassword(session, body.current, body.next);
        } catch (error) {
          applyRetryAfter(set, error);
          throw error;
        }
        set.status = 204;
      },
      {
        requireStaff: true,
        ...strictBody(PasswordBody),
        detail: detail(
          "Change my password",
          "Stored hashed in the database, where it overrides the YAML passwordHash. Signs out the operator's other sessions. Errors: auth.invalid_credentials (wrong current password), request.invalid (new password too short), auth.locked.",
        ),
      },
    );
}
