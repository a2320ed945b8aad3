/**
 * What a failed send means for the outbox. Three cases, told apart by nodemailer's error code and
 * the SMTP reply (RFC 5321: 5yz is permanent, 4yz transient):
 * - `rejected`: the server refused this message or recipient for good (550 no such user): retrying
 *   the same message gets the same answer, so the job fails at once;
 * - `deferred`: the server turned this message away for now (452 mailbox full): retried later;
 * - `server`: the server could not be used at all (connection refused, timeout, TLS, login, sender
 *   refused): retried later, and the worker pauses the whole outbox so messages not yet tried do
 *   not each spend an attempt against a server that is down.
 */

/** The meaning of a failed send. */
export type DeliveryFailureKind = "rejected" | "deferred" | "server";

/** A classified failure. */
export interface DeliveryFailure {
  readonly kind: DeliveryFailureKind;
  /** One line for `mail_jobs.last_error` and the logs: code, SMTP reply code and message. */
  readonly message: string;
}

/** Fields nodemailer attaches to its errors. */
interface SmtpErrorFields {
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly command?: unknown;
  readonly permanent?: unknown;
  readonly message?: unknown;
}

/** Longest `last_error` kept (the server's reply can be long). */
const MAX_MESSAGE = 1000;

/** Classifies a send failure. */
export function classifyFailure(error: unknown): DeliveryFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as SmtpErrorFields;
  const message = describe(e, error);
  const aboutThisMessage = (e.code === "EENVELOPE" || e.code === "EMESSAGE") && (e.command === "RCPT TO" || e.command === "DATA");
  if (!aboutThisMessage) return { kind: "server", message };
  const permanent = typeof e.permanent === "boolean" ? e.permanent : typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode !== 503;
  return { kind: permanent ? "rejected" : "deferred", message };
}

function describe(e: SmtpErrorFields, raw: unknown): string {
  const text = typeof e.message === "string" && e.message !== "" ? e.message : String(raw);
  const prefix = [e.code, e.responseCode].filter((x) => typeof x === "string" || typeof x === "number").join(" ");
  return (prefix ? `${prefix}: ${text}` : text).replace(/\s+/g, " ").trim().slice(0, MAX_MESSAGE);
}
