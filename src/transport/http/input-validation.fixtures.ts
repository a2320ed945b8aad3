/**
 * The input-validation sweep's fixture: the whole server as `parley serve` composes it (every route
 * plugin, error mapping, body limit) started in-process on a free port over a temporary data
 * directory, with a signed-in manager, a visitor token, and the OpenAPI document that lists the
 * routes to probe. The sweep derives its malformed inputs from that document, so a route added
 * later is probed without anyone remembering to add it; `sampleOf` builds a valid value from a
 * route's published schema so a probe can break exactly one thing at a time.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { ERROR_STATUS } from "../../core/errors";
import { startServer, type ParleyServer } from "../../server";

/** The console's origin (publicUrl) and an embedding site of the fixture config. */
export const CONSOLE = "https://chat.example.com";
export const SHOP = "https://shop.example.com";

/** The subset of JSON Schema the OpenAPI document uses. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
}

/** One operation of the OpenAPI document. */
export interface Operation {
  parameters?: { name: string; in: "path" | "query" | "header"; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
}

/** A route of the document: upper-case method and path template (`/api/x/{id}`). */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly op: Operation;
}

/** The running server, credentials for each audience, and the documented routes. */
export interface SweepWorld {
  readonly server: ParleyServer;
  readonly routes: Route[];
  /** Headers of a signed-in manager (cookie, CSRF token, console origin). */
  readonly staff: Record<string, string>;
  /** Headers of a visitor of the embedding site (Bearer token, site origin). */
  readonly visitor: Record<string, string>;
  call(method: string, path: string, init?: { headers?: Record<string, string>; body?: string }): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts the server and signs in. Rate limits are off: the sweep sends hundreds of requests from one IP. */
export async function startSweepWorld(): Promise<SweepWorld> {
  const dir = mkdtempSync(join(tmpdir(), "parley-input-"));
  const config = await testConfig((raw) => {
    raw.server = { ...raw.server, host: "127.0.0.1", port: 0, logLevel: "error" };
    raw.storage = { dataDir: join(dir, "data") };
    raw.rateLimits = { startConversation: { perMinute: 0 }, sendMessage: { perMinute: 0 }, upload: { perMinute: 0 }, login: { perMinute: 0 } };
    raw.knowledgeBase = { articles: [{ title: "Refunds", body: "Refunds take five days.", tags: ["billing"] }] };
  });
  const configFile = join(dir, "parley.yaml");
  writeFileSync(configFile, "# the sweep passes its config object directly\n");
  const server = await startServer({ configFile, config, logSink: () => {} });
  const call = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
    fetch(server.url + path, { method, headers: init.headers, body: init.body, redirect: "manual" });

  const login = await call("POST", "/api/auth/login", { headers: { "content-type": "application/json", origin: CONSOLE }, body: JSON.stringify({ email: "mia@example.com", password: PASSWORDS.mia }) });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const session = await call("POST", "/api/widget/session", { headers: { "content-type": "application/json", origin: SHOP }, body: "{}" });
  const { token } = (await session.json()) as { token: string };

  const spec = (await (await call("GET", "/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
  const routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
  return {
    server,
    routes,
    staff: { cookie, "x-csrf-token": csrfToken, origin: CONSOLE },
    visitor: { authorization: `Bearer ${token}`, origin: SHOP },
    call,
    async stop() {
      await server.shutdown("test over");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid value for a schema: defaults and first choices, required properties only. */
export function sampleOf(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf.find((s) => s.type !== "null" && s.type !== "string") ?? schema.anyOf[0]!);
  switch (schema.type) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sampleOf(schema.properties?.[key] ?? {})]));
    case "string":
      return schema.format === "email" ? "someone@example.org" : "a".repeat(Math.max(1, schema.minLength ?? 1));
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [];
    default:
      return {};
  }
}

/** A value of the wrong JSON type for a schema, or undefined when the schema accepts several types. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  const types = schema.anyOf ? new Set(schema.anyOf.map((s) => s.type)) : new Set([schema.type]);
  if (types.size !== 1) return undefined;
  const type = [...types][0];
  if (type === "string") return 12345;
  if (type === "integer" || type === "number") return "not a number";
  if (type === "boolean") return "yes";
  if (type === "array" || type === "object") return "not a container";
  return undefined;
}

/** Whether an integer goes in this parameter (Elysia publishes `numeric string | number` unions). */
export function isIntegerParam(schema: JsonSchema): boolean {
  return schema.type === "integer" || schema.type === "number" || (schema.anyOf?.some((s) => s.type === "integer" || s.type === "number") ?? false);
}

/** The closed set of values of an enum parameter, if it is one. */
export function enumValues(schema: JsonSchema): unknown[] | null {
  if (schema.enum) return schema.enum;
  if (schema.anyOf?.every((s) => s.const !== undefined)) return schema.anyOf.map((s) => s.const);
  return null;
}

/** Reads an error answer: its JSON body, and whether it is the documented envelope with a stable code of the right status. */
export async function readError(res: Response): Promise<{ status: number; code: string; message: string; path?: string; wellFormed: boolean }> {
  const text = await res.text();
  let body: { error?: { code?: string; message?: string; path?: string } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = {};
  }
  const code = body.error?.code ?? `(no code: ${text.slice(0, 120)})`;
  const known = code in ERROR_STATUS && ERROR_STATUS[code as keyof typeof ERROR_STATUS] === res.status;
  return { status: res.status, code, message: body.error?.message ?? "", path: body.error?.path, wellFormed: known && typeof body.error?.message === "string" };
}
