import { describe, expect, test } from "bun:test";
import { IDENTITY_SECRET, authHarness, testConfig } from "./auth.fixtures";
import { identityHash } from "./identity.policy";
import { hashToken } from "./secrets";

const ip = "198.51.100.7";
const identity = (userId: string) => ({ userId, userHash: identityHash(userId, IDENTITY_SECRET) });

describe("anonymous visitors", () => {
  test("a first visit creates a visitor and a 256-bit token, stored only as its hash", async () => {
    const h = await authHarness();
    const first = h.auth.visitors.bootstrap({ name: "Vera" }, ip);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.visitor).toMatchObject({ name: "Vera", email: null, verified: false });
    const stored = JSON.stringify(h.db.sqlite.query("SELECT * FROM visitor_tokens").all());
    expect(stored).toContain(hashToken(first.token));
    expect(stored).not.toContain(first.token);
  });

  test("a returning visitor presenting the token is the same visitor with the same token", async () => {
    const h = await authHarness();
    const first = h.auth.visitors.bootstrap({}, ip);
    h.clock.advance(3_600_000);
    const again = h.auth.visitors.bootstrap({ token: first.token, email: "vera@example.org" }, ip);
    expect(again).toMatchObject({ created: false, token: first.token, visitor: { id: first.visitor.id, email: "vera@example.org" } });
    expect(h.auth.visitors.authenticateVisitorToken(first.token)?.id).toBe(first.visitor.id);
  });

  test("an unknown token starts a new visitor instead of failing", async () => {
    const h = await authHarness();
    const result = h.auth.visitors.bootstrap({ token: "x".repeat(43) }, ip);
    expect(result.created).toBe(true);
    expect(result.token).not.toBe("x".repeat(43));
  });

  test("authenticateVisitorToken returns null for a missing or unknown token", async () => {
    const h = await authHarness();
    expect(h.auth.visitors.authenticateVisitorToken(null)).toBeNull();
    expect(h.auth.visitors.authenticateVisitorToken("nope")).toBeNull();
  });

  test("new visitors per IP are rate limited; returning ones are not", async () => {
    const h = await authHarness(await testConfig((raw) => (raw.rateLimits = { startConversation: { perMinute: 2 } })));
    const a = h.auth.visitors.bootstrap({}, ip);
    h.auth.visitors.bootstrap({}, ip);
    expect(() => h.auth.visitors.bootstrap({}, ip)).toThrow(expect.objectContaining({ code: "rate.limited", details: { retryAfterSeconds: 30 } }));
    expect(h.auth.visitors.bootstrap({ token: a.token }, ip).visitor.id).toBe(a.visitor.id);
    expect(h.auth.visitors.bootstrap({}, "203.0.113.1").created).toBe(true);
  });
});

describe("identity verification", () => {
  test("a valid hash links the current anonymous visitor to the user id, keeping its token", async () => {
    const h = await authHarness();
    const anon = h.auth.visitors.bootstrap({}, ip);
    const linked = h.auth.visitors.bootstrap({ token: anon.token, identity: identity("user-42") }, ip);
    expect(linked).toMatchObject({ created: false, token: anon.token, visitor: { id: anon.visitor.id, verified: true } });
  });

  test("the same user on another device is the same visitor (with its own token)", async () => {
    const h = await authHarness();
    const laptop = h.auth.visitors.bootstrap({ identity: identity("user-42") }, ip);
    const phone = h.auth.visitors.bootstrap({ identity: identity("user-42") }, "203.0.113.1");
    expect(phone.visitor.id).toBe(laptop.visitor.id);
    expect(phone.token).not.toBe(laptop.token);
    expect(h.auth.visitors.authenticateVisitorToken(phone.token)?.id).toBe(laptop.visitor.id);
    // And an anonymous browser that later signs in converges on that visitor too.
    const anon = h.auth.visitors.bootstrap({}, ip);
    expect(h.auth.visitors.bootstrap({ token: anon.token, identity: identity("user-42") }, ip).visitor.id).toBe(laptop.visitor.id);
  });

  test("an invalid hash is auth.identity_invalid and changes nothing", async () => {
    const h = await authHarness();
    const anon = h.auth.visitors.bootstrap({}, ip);
    const forged = { userId: "user-42", userHash: identityHash("user-42", "guessed-secret-000000") };
    expect(() => h.auth.visitors.bootstrap({ token: anon.token, identity: forged }, ip)).toThrow(expect.objectContaining({ code: "auth.identity_invalid" }));
    expect(h.auth.visitors.authenticateVisitorToken(anon.token)?.verified).toBe(false);
    expect(h.logs.lines.some((l) => l.msg === "visitor identity hash rejected")).toBe(true);
  });

  test("without auth.visitorIdentitySecret, identity is refused with a clear message", async () => {
    const h = await authHarness(await testConfig((raw) => delete raw.auth.visitorIdentitySecret));
    expect(() => h.auth.visitors.bootstrap({ identity: identity("user-42") }, ip)).toThrow("not enabled");
  });

  test("a verified visitor's token is not honoured without that identity (shared computer)", async () => {
    const h = await authHarness();
    const alice = h.auth.visitors.bootstrap({ identity: identity("alice") }, ip);
    const nextPerson = h.auth.visitors.bootstrap({ token: alice.token }, ip);
    expect(nextPerson.created).toBe(true);
    expect(nextPerson.visitor.id).not.toBe(alice.visitor.id);
    const bob = h.auth.visitors.bootstrap({ token: alice.token, identity: identity("bob") }, ip);
    expect(bob.visitor.id).not.toBe(alice.visitor.id);
    expect(bob.visitor.verified).toBe(true);
  });
});
