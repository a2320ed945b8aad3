import { describe, expect, test } from "bun:test";
import { IDENTITY_SECRET, testConfig } from "../../auth/auth.fixtures";
import { identityHash } from "../../auth/identity.policy";
import { authApp } from "./auth-http.fixtures";

const SHOP = "https://shop.example.com";
const bootstrap = (body: unknown, headers: Record<string, string> = {}) =>
  ["/api/widget/session", { method: "POST", headers: { "content-type": "application/json", origin: SHOP, ...headers }, body: JSON.stringify(body) }] as const;
type Answer = { visitor: { id: string; verified: boolean; name: string | null; email: string | null }; token: string };
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("POST /api/widget/session", () => {
  test("a new visitor gets 201, a token and CORS headers for the embedding site", async () => {
    const t = await authApp();
    const res = await t.call(...bootstrap({ name: "Vera", email: "vera@example.org" }));
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toContain("Origin");
    const body = (await res.json()) as Answer;
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.visitor).toMatchObject({ name: "Vera", email: "vera@example.org", verified: false });
  });

  test("a returning visitor (Bearer header or body token) gets 200, the same id and token", async () => {
    const t = await authApp();
    const first = (await (await t.call(...bootstrap({}))).json()) as Answer;
    const viaHeader = await t.call(...bootstrap({}, { authorization: `Bearer ${first.token}` }));
    expect(viaHeader.status).toBe(200);
    expect(await viaHeader.json()).toMatchObject({ token: first.token, visitor: { id: first.visitor.id } });
    const viaBody = (await (await t.call(...bootstrap({ token: first.token }))).json()) as Answer;
    expect(viaBody.visitor.id).toBe(first.visitor.id);
  });

  test("a valid identity hash verifies the visitor and follows the user across devices", async () => {
    const t = await authApp();
    const identity = { userId: "user-42", userHash: identityHash("user-42", IDENTITY_SECRET) };
    const laptop = (await (await t.call(...bootstrap({ identity }))).json()) as Answer;
    expect(laptop.visitor.verified).toBe(true);
    const phone = (await (await t.call(...bootstrap({ identity }))).json()) as Answer;
    expect(phone.visitor.id).toBe(laptop.visitor.id);
  });

  test("an invalid identity hash → 403 auth.identity_invalid", async () => {
    const t = await authApp();
    const res = await t.call(...bootstrap({ identity: { userId: "user-42", userHash: identityHash("user-43", IDENTITY_SECRET) } }));
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("auth.identity_invalid");
  });

  test("a site not in allowedOrigins, or no Origin at all → 403 auth.origin, without CORS headers", async () => {
    const t = await authApp();
    const evil = await t.call(...bootstrap({}, { origin: "https://evil.example" }));
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(await errorCode(evil)).toBe("auth.origin");
    const none = await t.call("/api/widget/session", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await errorCode(none)).toBe("auth.origin");
  });

  test("malformed input is 400 request.invalid naming the field", async () => {
    const t = await authApp();
    const cases: [unknown, string][] = [
      [{ email: "not-an-email" }, "body.email"],
      [{ identity: { userId: "u", userHash: "xyz" } }, "body.identity.userHash"],
      [{ token: "short" }, "body.token"],
    ];
    for (const [body, path] of cases) {
      const res = await t.call(...bootstrap(body));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { path: string } }).error).toMatchObject({ code: "request.invalid", path });
    }
    // The body is strict: an unknown field is refused by name, and so is anything but an object.
    const extra = await t.call(...bootstrap({ admin: true, verified: true }));
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { path: string } }).error).toMatchObject({ code: "request.invalid", path: "body.admin" });
    for (const body of [[1, 2], null, "x", 1]) {
      const res = await t.call(...bootstrap(body));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error).toMatchObject({ code: "request.invalid", message: "body: Expected object" });
    }
  });

  test("an empty body is a plain new-visitor bootstrap", async () => {
    const t = await authApp();
    const res = await t.call("/api/widget/session", { method: "POST", headers: { origin: SHOP } });
    expect(res.status).toBe(201);
  });

  test("new visitors per IP are limited: 429 with Retry-After, readable cross-origin", async () => {
    const t = await authApp(await testConfig((raw) => (raw.rateLimits = { startConversation: { perMinute: 1 } })));
    expect((await t.call(...bootstrap({}, { "x-test-peer": "198.51.100.7" }))).status).toBe(201);
    const limited = await t.call(...bootstrap({}, { "x-test-peer": "198.51.100.7" }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(limited.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });
});

describe("CORS preflight for the widget API", () => {
  const preflight = (origin: string) =>
    ["/api/widget/session", { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" } }] as const;

  test("an allowed origin gets 204 with methods, headers and credentials", async () => {
    const t = await authApp();
    const res = await t.call(...preflight("https://eu.brand.example"));
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://eu.brand.example");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  test("another origin gets 403 auth.origin", async () => {
    const t = await authApp();
    const res = await t.call(...preflight("https://evil.example"));
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await errorCode(res)).toBe("auth.origin");
  });
});
