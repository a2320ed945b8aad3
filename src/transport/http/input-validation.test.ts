/**
 * The input-validation sweep: every REST route of the OpenAPI document gets malformed input —
 * missing credentials, a missing CSRF header, bodies that are not objects or not JSON, unknown and
 * wrongly typed fields, over-long strings, out-of-range and non-numeric numbers, enum values that do
 * not exist, garbage cursors, unknown and over-long ids, an oversized body — and must answer each with
 * the documented 4xx and a stable code (`{error:{code,message}}`, status matching the code), never a
 * 5xx. The probes come from the document, so a route added later is swept too.
 */
import { afterAll, describe, expect, test } from "bun:test";
import {
  CONSOLE,
  SHOP,
  enumValues,
  isIntegerParam,
  readError,
  sampleOf,
  startSweepWorld,
  wrongTypeFor,
  type JsonSchema,
  type Route,
} from "./input-validation.fixtures";

const world = await startSweepWorld();
afterAll(() => world.stop());

/** Sockets and probes without input. */
const SKIPPED = new Set(["GET /ws/visitor", "GET /ws/operator", "GET /healthz", "GET /readyz", "GET /metrics"]);
/** Routes anyone may call (the Origin is their only check) — everything else under /api needs a principal. */
const OPEN = new Set(["POST /api/auth/login", "POST /api/widget/session", "POST /api/widget/offline-messages", "GET /api/widget/config"]);
/** Signing out needs no session (it clears whatever cookie there is); with one, the CSRF header is still required. */
const NO_SESSION_NEEDED = new Set(["POST /api/auth/logout"]);
const UNKNOWN_ID = "zz-unknown-404";

type Access = "open" | "visitor" | "staff";
const accessOf = (r: Route): Access => (OPEN.has(`${r.method} ${r.path}`) ? "open" : r.path.startsWith("/api/widget/") ? "visitor" : "staff");
const credentialsOf = (r: Route): Record<string, string> => {
  const access = accessOf(r);
  if (access === "staff") return world.staff;
  if (access === "visitor") return world.visitor;
  return { origin: r.path.startsWith("/api/widget/") ? SHOP : CONSOLE };
};

/** One malformed request and the answer it must get. */
interface Probe {
  readonly label: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string | FormData;
  readonly status: number;
  /** The exact code; by default any code of that status. */
  readonly code?: string;
  /** A fragment the message or the error's `path` must contain (the offending field). */
  readonly names?: string;
}

const paramsOf = (r: Route, where: "path" | "query") => (r.op.parameters ?? []).filter((p) => p.in === where);
function urlOf(r: Route, query: Record<string, string> = {}, pathValue = UNKNOWN_ID): string {
  const path = r.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValue));
  const filled: Record<string, string> = {};
  for (const p of paramsOf(r, "query")) if (p.required) filled[p.name] = String(sampleOf(p.schema));
  const search = new URLSearchParams({ ...filled, ...query }).toString();
  return search ? `${path}?${search}` : path;
}
const jsonSchemaOf = (r: Route): JsonSchema | undefined => r.op.requestBody?.content["application/json"]?.schema;
/** Upload routes take only multipart (JSON routes are published with every content type Elysia parses). */
const isMultipart = (r: Route) => r.op.requestBody?.content["multipart/form-data"] !== undefined && jsonSchemaOf(r) === undefined;
const JSON_TYPE = { "content-type": "application/json" };

/** A request that passes validation, so one probe breaks exactly one thing. */
function validRequest(r: Route): { headers: Record<string, string>; body?: string | FormData } {
  const schema = jsonSchemaOf(r);
  if (schema) return { headers: { ...credentialsOf(r), ...JSON_TYPE }, body: JSON.stringify(sampleOf(schema)) };
  if (isMultipart(r)) {
    const form = new FormData();
    form.append("file", new File(["hello"], "hello.txt", { type: "text/plain" }));
    return { headers: credentialsOf(r), body: form };
  }
  return { headers: credentialsOf(r) };
}

function probesFor(r: Route): Probe[] {
  const probes: Probe[] = [];
  const valid = validRequest(r);
  const access = accessOf(r);
  const mutation = r.method !== "GET";

  if (access !== "open" && !NO_SESSION_NEEDED.has(`${r.method} ${r.path}`)) probes.push({ label: "no credentials", path: urlOf(r), headers: access === "staff" ? { origin: CONSOLE, ...(valid.body && !isMultipart(r) ? JSON_TYPE : {}) } : { origin: SHOP }, body: valid.body, status: 401, code: "auth.required" });
  if (access === "staff" && mutation) {
    const { ["x-csrf-token"]: _csrf, ...withoutCsrf } = valid.headers;
    probes.push({ label: "no CSRF header", path: urlOf(r), headers: withoutCsrf, body: valid.body, status: 403, code: "auth.csrf" });
  }

  const schema = jsonSchemaOf(r);
  if (schema) {
    const sample = sampleOf(schema) as Record<string, unknown>;
    const headers = { ...credentialsOf(r), ...JSON_TYPE };
    const bodyProbe = (label: string, body: string, names?: string): Probe => ({ label, path: urlOf(r), headers, body, status: 400, code: "request.invalid", names });
    for (const body of ["[1,2]", "null", '"text"', "7"]) probes.push(bodyProbe(`body ${body}`, body, "body"));
    probes.push(bodyProbe("malformed JSON", '{"a":'));
    if (schema.additionalProperties === false) probes.push(bodyProbe("unknown field", JSON.stringify({ ...sample, zzUnknown: 1 }), "body.zzUnknown"));
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const wrong = wrongTypeFor(property);
      if (wrong !== undefined) probes.push(bodyProbe(`${name} of the wrong type`, JSON.stringify({ ...sample, [name]: wrong }), `body.${name}`));
      if (property.type === "string" && property.maxLength !== undefined) probes.push(bodyProbe(`${name} too long`, JSON.stringify({ ...sample, [name]: "x".repeat(property.maxLength + 1) }), `body.${name}`));
    }
  }
  if (mutation && !isMultipart(r)) {
    probes.push({ label: "oversized body", path: urlOf(r), headers: { ...credentialsOf(r), ...JSON_TYPE }, body: JSON.stringify({ pad: "x".repeat(300 * 1024) }), status: 413, code: "request.too_large" });
  }

  for (const p of paramsOf(r, "query")) {
    const bad = (label: string, value: string): Probe => ({ label: `query ${p.name}=${label}`, path: urlOf(r, { [p.name]: value }), headers: valid.headers, body: valid.body, status: 400, code: "request.invalid", names: `query.${p.name}` });
    if (isIntegerParam(p.schema)) {
      const range = p.schema.anyOf?.find((s) => s.type === "integer" || s.type === "number") ?? p.schema;
      probes.push(bad("abc", "abc"), bad("1.5", "1.5"));
      if (range.minimum !== undefined) probes.push(bad("below minimum", String(range.minimum - 1)));
      if (range.maximum !== undefined) probes.push(bad("above maximum", String(range.maximum + 1)));
    } else if (p.name === "cursor") {
      probes.push(bad("garbage", "garbage"), bad("not base64url", "not a cursor!"));
    } else if (enumValues(p.schema)) {
      probes.push(bad("not one of the values", "bogus-value"));
    } else if (p.schema.maxLength !== undefined) {
      probes.push(bad("too long", "x".repeat(p.schema.maxLength + 1)));
    }
  }

  if (paramsOf(r, "path").length > 0) {
    probes.push({ label: "unknown id", path: urlOf(r), headers: valid.headers, body: valid.body, status: 404 });
    probes.push({ label: "over-long id", path: urlOf(r, {}, "x".repeat(200)), headers: valid.headers, body: valid.body, status: 400, code: "request.invalid" });
  }
  return probes;
}

const routes = world.routes.filter((r) => !SKIPPED.has(`${r.method} ${r.path}`));

test("the sweep sees the whole API", () => {
  expect(routes.length).toBeGreaterThan(35);
  expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(["GET /api/conversations/", "POST /api/widget/session", "GET /api/team-chat/threads/{operatorId}/messages"]));
});

test("paging parameters publish their range in the OpenAPI document", () => {
  const param = (method: string, path: string, name: string) => routes.find((r) => r.method === method && r.path === path)?.op.parameters?.find((p) => p.name === name)?.schema;
  expect(param("GET", "/api/conversations/", "limit")).toMatchObject({ minimum: 1, maximum: 100, default: 25 });
  expect(param("GET", "/api/widget/conversations/{id}/events", "limit")).toMatchObject({ minimum: 1, maximum: 200, default: 50 });
  expect(param("GET", "/api/offline-messages", "cursor")).toMatchObject({ pattern: "^[A-Za-z0-9_-]+$", maxLength: 512 });
});

describe("every REST route refuses malformed input with a 4xx and a stable code", () => {
  for (const route of routes) {
    test(`${route.method} ${route.path}`, async () => {
      const failures: string[] = [];
      for (const probe of probesFor(route)) {
        const res = await world.call(route.method, probe.path, { headers: probe.headers, body: probe.body as string | undefined });
        const error = await readError(res);
        const wrong =
          error.status >= 500 ||
          !error.wellFormed ||
          error.status !== probe.status ||
          (probe.code !== undefined && error.code !== probe.code) ||
          (probe.names !== undefined && !`${error.path ?? ""} ${error.message}`.includes(probe.names));
        if (wrong) failures.push(`${probe.label}: got ${error.status} ${error.code} "${error.message}"${error.path ? ` (path ${error.path})` : ""}; want ${probe.status}${probe.code ? ` ${probe.code}` : ""}${probe.names ? ` naming ${probe.names}` : ""}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
