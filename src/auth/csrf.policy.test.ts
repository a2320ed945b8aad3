import { describe, expect, test } from "bun:test";
import { csrfTokenValid, isStateChanging } from "./csrf.policy";
import { generatePassword, hashToken, randomToken } from "./secrets";

describe("CSRF", () => {
  test("state-changing methods need the token; safe ones do not", () => {
    expect(["POST", "put", "PATCH", "DELETE"].map(isStateChanging)).toEqual([true, true, true, true]);
    expect(["GET", "HEAD", "OPTIONS"].map(isStateChanging)).toEqual([false, false, false]);
  });

  test("only the exact session token is accepted", () => {
    const token = randomToken();
    expect(csrfTokenValid(token, token)).toBe(true);
    expect(csrfTokenValid(token, null)).toBe(false);
    expect(csrfTokenValid(token, "")).toBe(false);
    expect(csrfTokenValid(token, randomToken())).toBe(false);
    expect(csrfTokenValid(token, token.slice(1))).toBe(false);
  });
});

describe("secrets", () => {
  test("tokens carry 256 random bits in base64url and never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test("tokens are stored as hex SHA-256", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("generated passwords are long, use no look-alike characters and differ", () => {
    const a = generatePassword();
    expect(a).toHaveLength(24);
    expect(a).toMatch(/^[A-HJ-NP-Za-km-z2-9]+$/);
    expect(generatePassword()).not.toBe(a);
  });
});
