import { describe, expect, test } from "bun:test";
import { PASSWORDS, authHarness, testConfig } from "./auth.fixtures";

const meta = { ip: "198.51.100.7", userAgent: "test" };

describe("sign-in", () => {
  test("right e-mail (any case) and password open a session", async () => {
    const h = await authHarness();
    const { principal, session } = await h.auth.operators.login("  olga@EXAMPLE.com ", PASSWORDS.olga, meta);
    expect(principal).toMatchObject({ id: "olga", role: "operator" });
    expect(h.auth.sessions.authenticate(session.token).principal.id).toBe("olga");
    expect(h.logs.lines.some((l) => l.msg === "operator signed in" && l.fields?.operatorId === "olga")).toBe(true);
  });

  test("a wrong password is auth.invalid_credentials, logged without the password", async () => {
    const h = await authHarness();
    await expect(h.auth.operators.login("olga@example.com", "guess-1234", meta)).rejects.toMatchObject({ code: "auth.invalid_credentials" });
    expect(h.logs.lines.find((l) => l.msg === "sign-in failed")?.fields).toMatchObject({ email: "olga@example.com", ip: meta.ip, reason: "wrong_password", failures: 1 });
    expect(h.logs.text()).not.toContain("guess-1234");
  });

  test("an unknown e-mail gets the very same answer", async () => {
    const h = await authHarness();
    const err = await h.auth.operators.login("nobody@example.com", "guess-1234", meta).catch((e) => e);
    expect({ code: err.code, message: err.message }).toEqual({ code: "auth.invalid_credentials", message: "Wrong e-mail or password." });
  });

  test("an operator without any password cannot sign in", async () => {
    const h = await authHarness(); // ada has no YAML hash and start() was not run
    await expect(h.auth.operators.login("ada@example.com", "", meta)).rejects.toMatchObject({ code: "auth.invalid_credentials" });
  });

  test("backoff between failures, then a lockout that even the right password cannot pass", async () => {
    const h = await authHarness();
    await h.auth.operators.login("olga@example.com", "wrong-1", meta).catch(() => {});
    await h.auth.operators.login("olga@example.com", "wrong-2", meta).catch(() => {});
    await expect(h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta)).rejects.toMatchObject({ code: "auth.locked", details: { retryAfterSeconds: 1 } });
    for (const n of [3, 4]) {
      h.clock.advance(60_000);
      await expect(h.auth.operators.login("olga@example.com", `wrong-${n}`, meta)).rejects.toMatchObject({ code: "auth.invalid_credentials" });
    }
    h.clock.advance(60_000);
    const fifth = await h.auth.operators.login("olga@example.com", "wrong-5", meta).catch((e) => e);
    expect(fifth).toMatchObject({ code: "auth.locked", details: { retryAfterSeconds: 900 } });
    expect(fifth.message).toContain("locked for 15 minutes");
    h.clock.advance(14 * 60_000);
    await expect(h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta)).rejects.toMatchObject({ code: "auth.locked", details: { retryAfterSeconds: 60 } });
    h.clock.advance(60_000);
    expect((await h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta)).principal.id).toBe("olga");
  });

  test("unknown e-mails lock out exactly like real ones (no account enumeration)", async () => {
    const h = await authHarness();
    for (let i = 0; i < 5; i++) {
      h.clock.advance(60_000);
      await h.auth.operators.login("ghost@example.com", "x", meta).catch(() => {});
    }
    await expect(h.auth.operators.login("ghost@example.com", "x", meta)).rejects.toMatchObject({ code: "auth.locked" });
  });

  test("a success resets the failure count", async () => {
    const h = await authHarness();
    for (let i = 0; i < 4; i++) {
      h.clock.advance(60_000);
      await h.auth.operators.login("olga@example.com", "wrong", meta).catch(() => {});
    }
    h.clock.advance(60_000);
    await h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta);
    h.clock.advance(60_000);
    await expect(h.auth.operators.login("olga@example.com", "wrong", meta)).rejects.toMatchObject({ code: "auth.invalid_credentials" });
  });

  test("the per-IP limit (rateLimits.login) answers rate.limited across accounts", async () => {
    const h = await authHarness(await testConfig((raw) => (raw.rateLimits = { login: { perMinute: 3 } })));
    for (const who of ["a", "b", "c"]) await h.auth.operators.login(`${who}@example.com`, "x", meta).catch(() => {});
    await expect(h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta)).rejects.toMatchObject({ code: "rate.limited", details: { retryAfterSeconds: 20 } });
    await expect(h.auth.operators.login("olga@example.com", PASSWORDS.olga, { ip: "203.0.113.1" })).resolves.toBeDefined();
  });
});

describe("password change", () => {
  test("checks the current password, stores the new one and signs out other sessions", async () => {
    const h = await authHarness();
    const here = await h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta);
    const elsewhere = await h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta);
    const session = h.auth.sessions.authenticate(here.session.token);
    await h.auth.operators.changePassword(session, PASSWORDS.olga, "a much better passphrase");
    expect(h.auth.sessions.authenticate(here.session.token).principal.id).toBe("olga");
    expect(() => h.auth.sessions.authenticate(elsewhere.session.token)).toThrow(expect.objectContaining({ code: "auth.session_expired" }));
    h.clock.advance(60_000);
    await expect(h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta)).rejects.toMatchObject({ code: "auth.invalid_credentials" });
    await expect(h.auth.operators.login("olga@example.com", "a much better passphrase", meta)).resolves.toBeDefined();
  });

  test("refuses a wrong current password, a short or unchanged new one", async () => {
    const h = await authHarness();
    const { session } = await h.auth.operators.login("olga@example.com", PASSWORDS.olga, meta);
    const auth = h.auth.sessions.authenticate(session.token);
    await expect(h.auth.operators.changePassword(auth, "wrong-current", "a much better passphrase")).rejects.toMatchObject({ code: "auth.invalid_credentials" });
    await expect(h.auth.operators.changePassword(auth, PASSWORDS.olga, "short")).rejects.toMatchObject({ code: "request.invalid", message: expect.stringContaining("at least 12") });
    await expect(h.auth.operators.changePassword(auth, PASSWORDS.olga, PASSWORDS.olga)).rejects.toMatchObject({ code: "request.invalid", message: expect.stringContaining("differ") });
  });
});
