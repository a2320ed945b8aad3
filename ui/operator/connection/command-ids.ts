/**
 * Client-generated command ids (the protocol's idempotency keys). `crypto.getRandomValues` works
 * on plain-http intranet hosts too, where `crypto.randomUUID` is unavailable (not a secure context).
 */

/** A fresh id like `c-1kq2…`, 20 random base-36 characters after the prefix. */
export function newCommandId(prefix = "c"): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += (b % 36).toString(36);
  return `${prefix}-${Date.now().toString(36)}${out.slice(0, 12)}`;
}
