/**
 * Ids of the visitor's commands: the idempotency keys the server deduplicates retries by, so they
 * must be unique. Random from `crypto.getRandomValues` (available on plain-http sites too, unlike
 * `crypto.randomUUID`), and valid protocol CommandIds.
 */

/** A fresh command id. */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `w-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
