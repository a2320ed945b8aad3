import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { identityHash, verifyIdentityHash } from "./identity.policy";

const secret = "s3cret-shared-with-the-host-site";

describe("visitor identity HMAC", () => {
  test("matches what a host site computes with a standard HMAC-SHA256 (the docs' Node example)", () => {
    const hostSide = createHmac("sha256", secret).update("user-42").digest("hex");
    expect(identityHash("user-42", secret)).toBe(hostSide);
    // Known-answer vector, so the docs' PHP/Python examples can be checked against it.
    expect(identityHash("user-42", "secret")).toBe("e286b7b944100ab478fe553b39122922de0000aee1d04087dc3e96eefc3a8d47");
  });

  test("a valid hash verifies, upper-case hex too", () => {
    const hash = identityHash("user-42", secret);
    expect(verifyIdentityHash("user-42", hash, secret)).toBe(true);
    expect(verifyIdentityHash("user-42", hash.toUpperCase(), secret)).toBe(true);
  });

  test("another user's hash, another secret, or a truncated hash is rejected", () => {
    const hash = identityHash("user-42", secret);
    expect(verifyIdentityHash("user-43", hash, secret)).toBe(false);
    expect(verifyIdentityHash("user-42", identityHash("user-42", "other-secret-value"), secret)).toBe(false);
    expect(verifyIdentityHash("user-42", hash.slice(0, 63), secret)).toBe(false);
  });

  test("non-ASCII user ids are hashed as UTF-8", () => {
    expect(identityHash("zoë", secret)).toBe(createHmac("sha256", secret).update(Buffer.from("zoë", "utf8")).digest("hex"));
  });
});
