import { describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import { PASSWORDS, testConfig, type AuthHarness } from "../../auth/auth.fixtures";
import { CONSOLE, authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { authGuards, authorizeStaffUpgrade } from "./guards";

/** A demo domain plugin using every guard, as other route plugins will. */
const demoRoutes = (h: AuthHarness) => [
  new Elysia({ name: "demo.routes" })
    .use(authGuards(h.auth, testGuardOptions))
    .get("/api/demo/staff", ({ principal }) => ({ id: principal.id }), { requireStaff: true })
    .delete("/api/demo/staff", ({ principal }) => ({ deleted: principal.id }), { requireStaff: true })
    .get("/api/demo/monitor", ({ principal }) => ({ role: principal.role }), { requireRole: "manager" })
    .post("/api/demo/send-file", ({ principal }) => ({ ok: principal.id }), { requirePermission: "sendFile" })
    .post("/api/widget/demo-message", ({ visitor, visitorPrincipal }) => ({ visitorId: visitor.id, kind: visitorPrincipal.kind }), {
      requireVisitor: true,
      rateLimit: { bucket: "sendMessage", key: "visitor" },
    })
    .post("/api/demo/start", () => ({ ok: true }), { rateLimit: { bucket: "startConversation", key: "ip" } }),
];

async function setup(patch?: (raw: Record<string, any>) => void) {
  const t = await authApp(await testConfig(patch), demoRoutes);
  const signIn = async (email: string, password: string) => {
    const res = await t.call("/api/auth/login", consolePost({ email, password }));
    return { cookie: cookiePair(res), csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };
  return { ...t, signIn };
}

const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("staff guards", () => {
  test("requireStaff: GET needs only the cookie; DELETE also needs Origin + CSRF", async () => {
    const t = await setup();
    const olga = await t.signIn("olga@example.com", PASSWORDS.olga);
    expect(await code(await t.call("/api/demo/staff"))).toBe("auth.required");
    expect(await (await t.call("/api/demo/staff", { headers: { cookie: olga.cookie } })).json()).toEqual({ id: "olga" });
    expect(await code(await t.call("/api/demo/staff", { method: "DELETE", headers: { cookie: olga.cookie, origin: CONSOLE } }))).toBe("auth.csrf");
    expect(await code(await t.call("/api/demo/staff", { method: "DELETE", headers: { cookie: olga.cookie, "x-csrf-token": olga.csrf } }))).toBe("auth.origin");
    const ok = await t.call("/api/demo/staff", { method: "DELETE", headers: { cookie: olga.cookie, origin: CONSOLE, "x-csrf-token": olga.csrf } });
    expect(await ok.json()).toEqual({ deleted: "olga" });
  });

  test("requireRole('manager') admits managers and admins, refuses operators with 403 auth.forbidden", async () => {
    const t = await setup();
    const olga = await t.signIn("olga@example.com", PASSWORDS.olga);
    const mia = await t.signIn("mia@example.com", PASSWORDS.mia);
    const refused = await t.call("/api/demo/monitor", { headers: { cookie: olga.cookie } });
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe("auth.forbidden");
    expect(await (await t.call("/api/demo/monitor", { headers: { cookie: mia.cookie } })).json()).toEqual({ role: "manager" });
  });

  test("requirePermission follows config.permissions and a reload", async () => {
    const t = await setup();
    const olga = await t.signIn("olga@example.com", PASSWORDS.olga);
    const send = () => t.call("/api/demo/send-file", { method: "POST", headers: { cookie: olga.cookie, origin: CONSOLE, "x-csrf-token": olga.csrf } });
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe("permission.disabled");
    t.h.config = await testConfig((raw) => (raw.permissions = { operator: { sendFile: true } }));
    expect((await send()).status).toBe(200);
  });
});

describe("visitor guard and rate limits", () => {
  test("requireVisitor needs a known bearer token", async () => {
    const t = await setup();
    const { token } = t.h.auth.visitors.bootstrap({}, "198.51.100.7");
    expect(await code(await t.call("/api/widget/demo-message", { method: "POST" }))).toBe("auth.required");
    expect(await code(await t.call("/api/widget/demo-message", { method: "POST", headers: { authorization: "Bearer unknown" } }))).toBe("auth.required");
    const ok = await t.call("/api/widget/demo-message", { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(await ok.json()).toMatchObject({ kind: "visitor" });
  });

  test("per-visitor limit: 429 rate.limited with Retry-After, other visitors unaffected", async () => {
    const t = await setup((raw) => (raw.rateLimits = { sendMessage: { perMinute: 60, burst: 2 } }));
    const [a, b] = [t.h.auth.visitors.bootstrap({}, "198.51.100.7"), t.h.auth.visitors.bootstrap({}, "198.51.100.7")];
    const send = (token: string) => t.call("/api/widget/demo-message", { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect((await send(a.token)).status).toBe(200);
    expect((await send(a.token)).status).toBe(200);
    const limited = await send(a.token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await code(limited)).toBe("rate.limited");
    expect((await send(b.token)).status).toBe(200);
    t.h.clock.advance(1000);
    expect((await send(a.token)).status).toBe(200);
  });

  test("per-IP limit keys on the real client, not a spoofed X-Forwarded-For", async () => {
    const t = await setup((raw) => (raw.rateLimits = { startConversation: { perMinute: 1 } }));
    const from = (peer: string, xff?: string) => t.call("/api/demo/start", { method: "POST", headers: { "x-test-peer": peer, ...(xff ? { "x-forwarded-for": xff } : {}) } });
    expect((await from("203.0.113.9", "1.1.1.1")).status).toBe(200);
    expect((await from("203.0.113.9", "2.2.2.2")).status).toBe(429); // same untrusted peer: header ignored
    expect((await from("203.0.113.10")).status).toBe(200);
  });
});

describe("WebSocket upgrade checks", () => {
  const upgrade = (headers: Record<string, string>) => new Request("http://localhost/ws/operator", { headers });

  test("staff upgrade: needs the console Origin and a live session", async () => {
    const t = await setup();
    const { cookie } = await t.signIn("olga@example.com", PASSWORDS.olga);
    expect(authorizeStaffUpgrade(t.h.auth, upgrade({ origin: CONSOLE, cookie })).principal.id).toBe("olga");
    expect(() => authorizeStaffUpgrade(t.h.auth, upgrade({ origin: "https://evil.example", cookie }))).toThrow(expect.objectContaining({ code: "auth.origin" }));
    expect(() => authorizeStaffUpgrade(t.h.auth, upgrade({ cookie }))).toThrow(expect.objectContaining({ code: "auth.origin" }));
    expect(() => authorizeStaffUpgrade(t.h.auth, upgrade({ origin: CONSOLE }))).toThrow(expect.objectContaining({ code: "auth.required" }));
  });
});
