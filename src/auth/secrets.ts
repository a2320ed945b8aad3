/**
 * The random values and one-way digests auth is built on. Tokens are 256-bit and base64url so they
 * fit headers, cookies and localStorage unescaped; only their SHA-256 is stored, which is enough
 * for high-entropy tokens (unlike passwords, they need no slow hash).
 */
import { timingSafeEqual } from "node:crypto";

/** A fresh unguessable token of `bytes` random bytes (default 32 = 256 bits), base64url-encoded. */
export function randomToken(bytes = 32): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("base64url");
}

/** Hex SHA-256 of a token: the only form in which session and visitor tokens are stored. */
export function hashToken(token: string): string {
  return new Bun.CryptoHasher("sha256").update(token).digest("hex");
}

/** Compares two secrets without leaking through timing where the first difference is. */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"; // no 0/O/1/l/I: read from a log

/** A generated password of `length` characters (≈5.8 bits each, no look-alike characters), unbiased. */
export function generatePassword(length = 24): string {
  const out: string[] = [];
  const limit = 256 - (256 % PASSWORD_ALPHABET.length); // rejection sampling: no modulo bias
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]!);
    }
  }
  return out.join("");
}
