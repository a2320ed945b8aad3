/**
 * How Parley runs as a service: listening, storage, authentication, rate limits, uploads, mail and
 * plugins.
 */
import { Type as T } from "@sinclair/typebox";
import { RateLimit } from "./primitives";

/** The `server` section: address, public URL, embedding origins, proxies and log level. */
export const ServerSection = T.Object(
  {
    host: T.String({ default: "0.0.0.0" }),
    port: T.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    publicUrl: T.String({ default: "http://localhost:8080", description: "absolute URL visitors and operators reach" }),
    allowedOrigins: T.Array(T.String(), { default: [], description: "origins allowed to embed the widget; empty = publicUrl only" }),
    trustedProxies: T.Array(T.String(), { default: [], description: "IPs whose X-Forwarded-For is believed" }),
    logLevel: T.Union([T.Literal("debug"), T.Literal("info"), T.Literal("warn"), T.Literal("error")], { default: "info" }),
  },
  { additionalProperties: false, default: {} },
);

/** The `storage` section: data directory and retention. */
export const StorageSection = T.Object(
  {
    dataDir: T.String({ default: "./data", description: "relative paths resolve from the config file" }),
    retention: T.Object(
      {
        conversationsDays: T.Integer({ minimum: 0, default: 0, description: "0 keeps forever" }),
        filesDays: T.Integer({ minimum: 0, default: 0, description: "0 keeps forever" }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

/** The `auth` section: operator sessions, lockout and visitor identity verification. */
export const AuthSection = T.Object(
  {
    sessionTtlHours: T.Number({ minimum: 0.1, default: 12 }),
    maxFailedLogins: T.Integer({ minimum: 1, default: 5 }),
    lockoutMinutes: T.Number({ minimum: 0, default: 15 }),
    visitorIdentitySecret: T.Optional(T.String({ minLength: 16, description: "HMAC secret for identity verification" })),
  },
  { additionalProperties: false, default: {} },
);

/** The `rateLimits` section: one limit per abusable action. */
export const RateLimitsSection = T.Object(
  {
    startConversation: RateLimit(10, "new conversations per IP"),
    sendMessage: RateLimit(120, "messages per visitor"),
    upload: RateLimit(20, "uploads per visitor"),
    login: RateLimit(20, "login attempts per IP"),
    teamMessage: RateLimit(60, "team chat messages per operator"),
  },
  { additionalProperties: false, default: {} },
);

/** The `files` section: upload size and accepted types. */
export const FilesSection = T.Object(
  {
    maxBytes: T.Integer({ minimum: 1, default: 10 * 1024 * 1024 }),
    allowedTypes: T.Array(T.String(), { default: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"] }),
  },
  { additionalProperties: false, default: {} },
);

/** The optional `smtp` section: without it, no mail is sent. */
export const SmtpSection = T.Optional(
  T.Object(
    {
      host: T.String({ minLength: 1 }),
      port: T.Integer({ minimum: 1, maximum: 65535, default: 587 }),
      secure: T.Boolean({ default: false, description: "true for implicit TLS (port 465)" }),
      user: T.Optional(T.String()),
      password: T.Optional(T.String()),
      from: T.String({ minLength: 3 }),
    },
    { additionalProperties: false },
  ),
);

/** The `plugins` section: where third-party plugins live and how long a call may take. */
export const PluginsSection = T.Object(
  {
    dir: T.Optional(T.String({ description: "folder of .ts/.js plugins; relative to the config file" })),
    timeoutMs: T.Integer({ minimum: 1, default: 50, description: "a plugin call slower than this falls back to the built-in" }),
  },
  { additionalProperties: false, default: {} },
);
