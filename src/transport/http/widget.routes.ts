/**
 * The widget bootstrap: `POST /api/widget/session` gives the embedded widget its visitor identity
 * (a bearer token it keeps in the host page's localStorage). Public, but only from sites allowed to
 * embed the widget; optional identity verification links the visitor to the host site's user.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { isWidgetOriginAllowed } from "../../auth/origin.policy";
import { AppError } from "../../core/errors";
import { applyRetryAfter, bearerToken, requestAuth, widgetCors, type GuardOptions } from "./guards";
import { optionalStrictBody } from "./strict-body";

const BootstrapBody = t.Object(
  {
    token: t.Optional(t.String({ minLength: 16, maxLength: 128, pattern: "^[A-Za-z0-9_-]+$", description: "a returning visitor's token (or send it as Authorization: Bearer)" })),
    name: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
    email: t.Optional(t.String({ format: "email", maxLength: 254 })),
    identity: t.Optional(
      t.Object(
        {
          userId: t.String({ minLength: 1, maxLength: 256, description: "the host site's user id" }),
          userHash: t.String({ pattern: "^[0-9a-fA-F]{64}$", description: "hex HMAC-SHA256(userId, auth.visitorIdentitySecret), computed by the host site's server" }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const BootstrapView = t.Object({
  visitor: t.Object({
    id: t.String(),
    name: t.Union([t.String(), t.Null()]),
    email: t.Union([t.String(), t.Null()]),
    verified: t.Boolean({ description: "linked to a host-site user by a valid identity hash" }),
    createdAt: t.Number(),
  }),
  token: t.String({ description: "keep it (localStorage) and present it on the next load and on the visitor WebSocket" }),
});

/** The widget bootstrap route plugin (also installs the widget API's CORS handling). */
export function widgetRoutes(auth: AuthModule, options: GuardOptions = {}) {
  const req = requestAuth(auth, options);
  return new Elysia({ name: "widget.routes" })
    .use(widgetCors(auth))
    .post(
      "/api/widget/session",
      ({ body, request, server, set }) => {
        if (!isWidgetOriginAllowed(request.headers.get("origin"), auth.config())) {
          throw new AppError("auth.origin", "This site is not allowed to embed the chat widget (server.allowedOrigins).");
        }
        try {
          const input = { ...body, token: bearerToken(request) ?? body?.token };
          const result = auth.visitors.bootstrap(input, req.clientIp(request, server));
          set.status = result.created ? 201 : 200;
          set.headers["cache-control"] = "no-store";
          return { visitor: result.visitor, token: result.token };
        } catch (error) {
          applyRetryAfter(set, error);
          throw error;
        }
      },
      {
        ...optionalStrictBody(BootstrapBody),
        response: { 200: BootstrapView, 201: BootstrapView },
        detail: {
          tags: ["widget"],
          summary: "Start or resume a visitor session",
          description:
            "201 with a new token for a new visitor, 200 with the same token for a returning one. Errors: auth.origin (403, site not in server.allowedOrigins), auth.identity_invalid (403), rate.limited (429 + Retry-After, new visitors per IP).",
        },
      },
    );
}
