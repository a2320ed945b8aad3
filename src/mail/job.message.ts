/**
 * Turns an outbox row into the e-mail the transport sends. The row holds the rendered subject and
 * plain-text body; its JSON payload may add a display name for the recipient, a Reply-To and an
 * HTML alternative (see {@link MailJobExtras}). A payload that is not what it should be is ignored
 * field by field, never fatal: the plain-text mail still goes out.
 */
import type { MailJobRow } from "../storage/repositories/mail-jobs.repository";
import { isMailAddress } from "./email-address";
import type { Mailbox, OutgoingMail } from "./mail.model";

/** The payload fields the worker reads when sending (other fields are context for reporting). */
export interface MailJobExtras {
  /** The recipient's display name. */
  readonly toName?: string;
  /** Reply-To, e.g. the visitor who left an offline message; dropped unless a valid address. */
  readonly replyTo?: Mailbox;
  /** HTML alternative; whoever queues it must have escaped every interpolated value. */
  readonly html?: string;
}

/** Headers on every mail Parley sends: it is automatic, so auto-responders should stay quiet (RFC 3834). */
const AUTOMATIC_HEADERS = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" } as const;

/** The e-mail for an outbox row. */
export function messageForJob(job: MailJobRow): OutgoingMail {
  const extras = extrasOf(job.payload);
  return {
    to: extras.toName ? { address: job.toAddress, name: extras.toName } : { address: job.toAddress },
    subject: job.subject,
    text: job.bodyText,
    html: extras.html,
    replyTo: extras.replyTo,
    reference: job.id,
    headers: { ...AUTOMATIC_HEADERS, "X-Parley-Kind": job.kind },
  };
}

/** The well-formed extras of a payload. */
export function extrasOf(payload: string): MailJobExtras {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const p = parsed as Record<string, unknown>;
  const toName = typeof p.toName === "string" && p.toName.trim() !== "" ? oneLine(p.toName) : undefined;
  const html = typeof p.html === "string" && p.html !== "" ? p.html : undefined;
  return { toName, html, replyTo: mailboxOf(p.replyTo) };
}

function mailboxOf(value: unknown): Mailbox | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { address, name } = value as Record<string, unknown>;
  if (typeof address !== "string" || !isMailAddress(address)) return undefined;
  return typeof name === "string" && name.trim() !== "" ? { address, name: oneLine(name) } : { address };
}

/** Header text on one line (a display name with a line break would otherwise fold oddly). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}
