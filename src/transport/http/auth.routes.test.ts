import { describe, expect, test } from "bun:test";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { CONSOLE, authApp, consolePost, cookiePair } from "./auth-http.fixtures";

const login = (email: string, password: string, headers: Record<string, string> = {}) => ["/api/auth/login", consolePost({ email, password }, headers)] as const;

async function signedIn(app: Awaited<ReturnType<typeof authApp>>, email = "olga@example.com", password: string = PASSWORDS.olga) {
  const res = await app.call(...login(email, password));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: cookiePair(res), csrf: body.csrfToken };
}

describe("POST /api/auth/login", () => {
  test("sets a hardened session cookie and returns the operator and CSRF token", async () => {
    const t = await authApp();
    const res = await t.call(...login("olga@example.com", PASSWORDS.olga));
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^parley_session=[A-Za-z0-9_-]{43};/);
    for (const flag of ["HttpOnly", "SameSite=Lax", "Path=/", "Secure", "Max-Age=43200"]) expect(cookie).toContain(flag);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Record<string, any>;
    expect(body.operator).toMatchObject({ id: "olga", name: "Olga Operator", role: "operator", departments: ["support"] });
    expect(body.operator.permissions).toMatchObject({ sendFile: false, print: true });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test("signing in again from the same browser ends its previous session", async () => {
    const t = await authApp();
    const first = await signedIn(t);
    const res = await t.call(...login("olga@example.com", PASSWORDS.olga, { cookie: first.cookie }));
    expect(res.status).toBe(200);
    expect((await t.call("/api/auth/me", { headers: { cookie: first.cookie } })).status).toBe(401);
    expect((await t.call("/api/auth/me", { headers: { cookie: cookiePair(res) } })).status).toBe(200);
  });

  test("the cookie is not Secure on plain http, unless a trusted proxy says the client used https", async () => {
    const config = await testConfig((raw) => {
      raw.server.publicUrl = "http://localhost:8080";
      raw.server.trustedProxies = ["10.0.0.0/8"];
    });
    const t = await authApp(config);
    const fromOrigin = { origin: "http://localhost:8080" };
    const plain = await t.call(...login("olga@example.com", PASSWORDS.olga, fromOrigin));
    expect(plain.headers.get("set-cookie")).not.toContain("Secure");
    const proxied = await t.call(...login("olga@example.com", PASSWORDS.olga, { ...fromOrigin, "x-test-peer": "10.0.0.2", "x-forwarded-proto": "https" }));
    expect(proxied.headers.get("set-cookie")).toContain("Secure");
    const spoofed = await t.call(...login("olga@example.com", PASSWORDS.olga, { ...fromOrigin, "x-test-peer": "203.0.113.9", "x-forwarded-proto": "https" }));
    expect(spoofed.headers.get("set-cookie")).not.toContain("Secure");
  });

  test("a wrong password and an unknown e-mail get the same 401", async () => {
    const t = await authApp();
    const wrong = await t.call(...login("olga@example.com", "nope"));
    const unknown = await t.call(...login("ghost@example.com", "nope"));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual({ error: { code: "auth.invalid_credentials", message: "Wrong e-mail or password." } });
    expect(b).toEqual(a);
  });

  test("a locked account answers 429 auth.locked with Retry-After", async () => {
    const t = await authApp();
    for (let i = 0; i < 4; i++) {
      await t.call(...login("olga@example.com", `wrong-${i}`));
      t.h.clock.advance(60_000);
    }
    const locking = await t.call(...login("olga@example.com", "wrong-5"));
    expect(locking.status).toBe(429);
    expect(locking.headers.get("retry-after")).toBe("900");
    t.h.clock.advance(5 * 60_000);
    const refused = await t.call(...login("olga@example.com", PASSWORDS.olga));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("600");
    expect(((await refused.json()) as any).error.code).toBe("auth.locked");
  });

  test("too many attempts from one IP answer 429 rate.limited with Retry-After; other clients behind the proxy are unaffected", async () => {
    const config = await testConfig((raw) => {
      raw.rateLimits = { login: { perMinute: 2 } };
      raw.server.trustedProxies = ["10.0.0.1"];
    });
    const t = await authApp(config);
    const via = (client: string) => ({ "x-test-peer": "10.0.0.1", "x-forwarded-for": client });
    await t.call(...login("a@example.com", "x", via("198.51.100.1")));
    await t.call(...login("b@example.com", "x", via("198.51.100.1")));
    const limited = await t.call(...login("olga@example.com", PASSWORDS.olga, via("198.51.100.1")));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect(((await limited.json()) as any).error.code).toBe("rate.limited");
    expect((await t.call(...login("olga@example.com", PASSWORDS.olga, via("198.51.100.2")))).status).toBe(200);
  });

  test("a sign-in posted from another site is refused (login CSRF)", async () => {
    const t = await authApp();
    const res = await t.call(...login("olga@example.com", PASSWORDS.olga, { origin: "https://evil.example" }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("auth.origin");
  });

  test("malformed bodies are request.invalid, never a crash", async () => {
    const t = await authApp();
    const missing = await t.call("/api/auth/login", consolePost({ email: "olga@example.com" }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).error).toMatchObject({ code: "request.invalid", path: "body.password" });
    const garbage = await t.call("/api/auth/login", { ...consolePost({}), body: "{not json" });
    expect(garbage.status).toBe(400);
  });
});

describe("GET /api/auth/me", () => {
  test("401 auth.required without a session", async () => {
    const t = await authApp();
    const res = await t.call("/api/auth/me");
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("auth.required");
  });

  test("returns the operator and the same CSRF token", async () => {
    const t = await authApp();
    const { cookie, csrf } = await signedIn(t);
    const res = await t.call("/api/auth/me", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ operator: { id: "olga" }, csrfToken: csrf });
  });

  test("sliding renewal re-sends the cookie; an idle session expires with auth.session_expired", async () => {
    const t = await authApp();
    const { cookie } = await signedIn(t);
    t.h.clock.advance(6 * 3_600_000);
    const renewed = await t.call("/api/auth/me", { headers: { cookie } });
    expect(renewed.headers.get("set-cookie")).toContain("Max-Age=43200");
    t.h.clock.advance(12 * 3_600_000);
    const expired = await t.call("/api/auth/me", { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as any).error.code).toBe("auth.session_expired");
  });

  test("an operator removed from the config is signed out", async () => {
    const t = await authApp();
    const { cookie } = await signedIn(t);
    t.h.config = await testConfig((raw) => (raw.operators = raw.operators.filter((op: { id: string }) => op.id !== "olga")));
    const res = await t.call("/api/auth/me", { headers: { cookie } });
    expect(await res.json()).toEqual({ error: { code: "auth.session_expired", message: "Your account has been removed." } });
  });
});

describe("POST /api/auth/logout", () => {
  test("needs the CSRF token of a live session, then clears the cookie and ends the session", async () => {
    const t = await authApp();
    const { cookie, csrf } = await signedIn(t);
    const forged = await t.call("/api/auth/logout", { method: "POST", headers: { cookie, origin: CONSOLE } });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as any).error.code).toBe("auth.csrf");
    const res = await t.call("/api/auth/logout", { method: "POST", headers: { cookie, origin: CONSOLE, "x-csrf-token": csrf } });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await t.call("/api/auth/me", { headers: { cookie } })).status).toBe(401);
  });

  test("is idempotent without a session", async () => {
    const t = await authApp();
    const res = await t.call("/api/auth/logout", { method: "POST", headers: { origin: CONSOLE } });
    expect(res.status).toBe(204);
  });
});

describe("CSRF and Origin on cookie-authenticated mutations", () => {
  const change = (cookie: string, headers: Record<string, string>) =>
    ["/api/auth/password", { method: "POST", headers: { "content-type": "application/json", cookie, ...headers }, body: JSON.stringify({ current: PASSWORDS.olga, next: "a much better passphrase" }) }] as const;

  test("missing X-CSRF-Token → 403 auth.csrf", async () => {
    const t = await authApp();
    const { cookie } = await signedIn(t);
    const res = await t.call(...change(cookie, { origin: CONSOLE }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("auth.csrf");
  });

  test("a wrong token (e.g. another session's) → 403 auth.csrf", async () => {
    const t = await authApp();
    const mine = await signedIn(t);
    const other = await signedIn(t, "mia@example.com", PASSWORDS.mia);
    const res = await t.call(...change(mine.cookie, { origin: CONSOLE, "x-csrf-token": other.csrf }));
    expect(((await res.json()) as any).error.code).toBe("auth.csrf");
  });

  test("a foreign Origin → 403 auth.origin even with the right token", async () => {
    const t = await authApp();
    const { cookie, csrf } = await signedIn(t);
    const res = await t.call(...change(cookie, { origin: "https://evil.example", "x-csrf-token": csrf }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("auth.origin");
  });

  test("with both, the password is changed (204) and works for the next sign-in", async () => {
    const t = await authApp();
    const { cookie, csrf } = await signedIn(t);
    const res = await t.call(...change(cookie, { origin: CONSOLE, "x-csrf-token": csrf }));
    expect(res.status).toBe(204);
    t.h.clock.advance(60_000);
    expect((await t.call(...login("olga@example.com", "a much better passphrase"))).status).toBe(200);
  });
});

describe("first start", () => {
  test("the generated admin password is printed once and signs in", async () => {
    const t = await authApp();
    const [generated] = await t.h.auth.start();
    const line = t.h.logs.lines.find((l) => l.level === "warn" && l.msg.startsWith("FIRST START"))!;
    const printed = /: (\S+)\s+\(shown only this once/.exec(line.msg)![1]!;
    expect(printed).toBe(generated!.password);
    const res = await t.call(...login("ada@example.com", printed));
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).operator.role).toBe("admin");
    await t.h.auth.start();
    expect(t.h.logs.lines.filter((l) => l.msg.includes(printed))).toHaveLength(1);
  });
});
