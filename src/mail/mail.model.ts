/**
 * The vocabulary of the mail module: what the outbox worker hands to a transport, and what a
 * transport answers. Kept free of nodemailer types so the worker is tested against any sender and
 * the SMTP library stays an implementation detail of smtp.transport.ts.
 */
import type { Config } from "../config/schema";

/** The `smtp` section of the configuration (absent = mail disabled). */
export type SmtpSettings = NonNullable<Config["smtp"]>;

/** A mailbox: an address and, for display, a name. */
export interface Mailbox {
  readonly address: string;
  readonly name?: string;
}

/** One e-mail ready to go over the wire; `from` is the transport's (config `smtp.from`). */
export interface OutgoingMail {
  readonly to: Mailbox;
  readonly subject: string;
  /** The plain-text body, always present (every client can show it). */
  readonly text: string;
  /** An optional HTML alternative; every interpolated value in it is already escaped. */
  readonly html?: string;
  /** Where the recipient's "Reply" goes (the visitor of an offline message). */
  readonly replyTo?: Mailbox;
  /**
   * The outbox job id. The transport derives the Message-ID from it (`<id@from-domain>`), so a
   * retry after a crash resends the same id and clients that de-duplicate show one message.
   */
  readonly reference: string;
  /** Extra headers (`Auto-Submitted`, `X-Parley-…`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the server said when it accepted a message. */
export interface DeliveryReceipt {
  readonly messageId: string;
  /** The server's final reply, e.g. `250 2.0.0 Ok: queued as 4F2…`. */
  readonly response: string;
}

/** Sends one e-mail; rejects with the transport's error (classified by delivery-failure.policy.ts). */
export interface MailSender {
  send(mail: OutgoingMail): Promise<DeliveryReceipt>;
}
