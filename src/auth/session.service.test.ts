import { describe, expect, test } from "bun:test";
import { authHarness, testConfig } from "./auth.fixtures";
import { hashToken } from "./secrets";
import { EXPIRED_RETENTION_MS, RENEW_INTERVAL_MS } from "./session.service";

const HOUR = 3_600_000;

describe("sessions", () => {
  test("a new session authenticates as its operator, with the role's permissions from config", async () => {
    const h = await authHarness();
    const issued = h.auth.sessions.create("olga", "operator", { ip: "198.51.100.7" });
    const session = h.auth.sessions.authenticate(issued.token);
    expect(session.principal).toMatchObject({ kind: "operator", id: "olga", role: "operator", departments: ["support"] });
    expect(session.principal.permissions.sendFile).toBe(false);
    expect(session.csrfToken).toBe(issued.csrfToken);
    expect(issued.expiresAt).toBe(h.clock.now() + 12 * HOUR);
  });

  test("only the SHA-256 of the token is stored", async () => {
    const h = await authHarness();
    const { token } = h.auth.sessions.create("olga", "operator");
    const rows = h.db.sqlite.query("SELECT token_hash FROM auth_sessions").all() as { token_hash: string }[];
    expect(rows).toEqual([{ token_hash: hashToken(token) }]);
    expect(JSON.stringify(h.db.sqlite.query("SELECT * FROM auth_sessions").all())).not.toContain(token);
  });

  test("no token or an unknown one → auth.required", async () => {
    const h = await authHarness();
    expect(() => h.auth.sessions.authenticate(null)).toThrow(expect.objectContaining({ code: "auth.required" }));
    expect(() => h.auth.sessions.authenticate("forged-token")).toThrow(expect.objectContaining({ code: "auth.required" }));
  });

  test("the expiry slides with use, and a session idle past the TTL expires", async () => {
    const h = await authHarness();
    const { token } = h.auth.sessions.create("olga", "operator");
    h.clock.advance(11 * HOUR);
    const renewed = h.auth.sessions.authenticate(token);
    expect(renewed.renewed).toBe(true);
    expect(renewed.expiresAt).toBe(h.clock.now() + 12 * HOUR);
    h.clock.advance(11 * HOUR); // 22 h after sign-in, still alive thanks to the renewal
    expect(h.auth.sessions.authenticate(token).principal.id).toBe("olga");
    h.clock.advance(12 * HOUR);
    expect(() => h.auth.sessions.authenticate(token)).toThrow(expect.objectContaining({ code: "auth.session_expired" }));
  });

  test("renewal is written at most once a minute", async () => {
    const h = await authHarness();
    const { token } = h.auth.sessions.create("olga", "operator");
    h.clock.advance(RENEW_INTERVAL_MS - 1);
    expect(h.auth.sessions.authenticate(token).renewed).toBe(false);
    h.clock.advance(1);
    expect(h.auth.sessions.authenticate(token).renewed).toBe(true);
  });

  test("sign-out deletes the session", async () => {
    const h = await authHarness();
    const { token } = h.auth.sessions.create("olga", "operator");
    h.auth.sessions.revoke(token);
    expect(() => h.auth.sessions.authenticate(token)).toThrow(expect.objectContaining({ code: "auth.required" }));
  });

  test("a role change in the live config ends the session at its next use, with a reason", async () => {
    const h = await authHarness();
    const { token } = h.auth.sessions.create("olga", "operator");
    h.config = await testConfig((raw) => (raw.operators[2].role = "manager"));
    expect(() => h.auth.sessions.authenticate(token)).toThrow("Your role has changed");
    h.config = await testConfig(); // even if the role is changed back, the session stays revoked
    expect(() => h.auth.sessions.authenticate(token)).toThrow(expect.objectContaining({ code: "auth.session_expired" }));
  });

  test("revokeStale after a reload signs out removed operators and role changes, and names them", async () => {
    const h = await authHarness();
    const olga = h.auth.sessions.create("olga", "operator");
    const mia = h.auth.sessions.create("mia", "manager");
    const ada = h.auth.sessions.create("ada", "admin");
    h.config = await testConfig((raw) => {
      raw.operators = raw.operators.filter((op: { id: string }) => op.id !== "olga");
      raw.operators[1].role = "operator"; // mia demoted
    });
    expect(h.auth.sessions.revokeStale().sort()).toEqual(["mia", "olga"]);
    expect(() => h.auth.sessions.authenticate(olga.token)).toThrow("removed");
    expect(() => h.auth.sessions.authenticate(mia.token)).toThrow("role has changed");
    expect(h.auth.sessions.authenticate(ada.token).principal.id).toBe("ada");
    // A session opened under the new role is not revoked by a later reload.
    const miaAgain = h.auth.sessions.create("mia", "operator");
    expect(h.auth.sessions.revokeStale()).toEqual([]);
    expect(h.auth.sessions.authenticate(miaAgain.token).principal.role).toBe("operator");
  });

  test("revokeOperator spares the caller's own session", async () => {
    const h = await authHarness();
    const mine = h.auth.sessions.create("olga", "operator");
    const other = h.auth.sessions.create("olga", "operator");
    expect(h.auth.sessions.revokeOperator("olga", "password_changed", hashToken(mine.token))).toBe(1);
    expect(h.auth.sessions.authenticate(mine.token).principal.id).toBe("olga");
    expect(() => h.auth.sessions.authenticate(other.token)).toThrow("password was changed");
  });

  test("expired rows are purged after the retention period", async () => {
    const h = await authHarness();
    h.auth.sessions.create("olga", "operator");
    h.clock.advance(12 * HOUR + EXPIRED_RETENTION_MS - 1);
    expect(h.auth.sessions.purgeExpired()).toBe(0);
    h.clock.advance(2);
    expect(h.auth.sessions.purgeExpired()).toBe(1);
  });
});
