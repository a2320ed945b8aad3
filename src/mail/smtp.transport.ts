/**
 * The SMTP side of the mail module: a nodemailer transport built from the `smtp` section of the
 * config, rebuilt when a reload changes that section, and checked (`verify`) when it is built so an
 * admin sees a wrong host or password in the log at start, not days later. A failed check is a
 * warning, never a crash: the outbox keeps the e-mails and retries them.
 *
 * nodemailer itself is imported on first use (the first `verify` or send), not at start: with Node's
 * net, tls, dns and child_process modules it pulls in, it costs about 1 MB of idle RSS that a server
 * without `smtp` never needs (scripts/bench-startup.ts, docs/operations.md). The binary is built
 * with `--splitting`, so the module and its imports stay out of the start-up graph.
 */
import { isDeepStrictEqual } from "node:util";
import type { SendMailOptions, SMTPTransportOptions } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import type { Logger } from "../observability/logger";
import { classifyFailure } from "./delivery-failure.policy";
import type { DeliveryReceipt, MailSender, OutgoingMail, SmtpSettings } from "./mail.model";

/** The part of a nodemailer transporter Parley uses (a fake in unit tests). */
export interface SmtpTransporter {
  sendMail(message: SendMailOptions): Promise<{ messageId: string; response: string }>;
  verify(): Promise<unknown>;
  close(): void;
}

/** Builds a transporter from nodemailer options; injectable for tests. */
export type SmtpTransporterFactory = (options: SMTPTransportOptions) => SmtpTransporter;

/**
 * The production factory: nodemailer's SMTP transport, created when it is first used (nodemailer is
 * loaded then). `close` before any use closes nothing, as there is no connection yet.
 */
export const nodemailerFactory: SmtpTransporterFactory = (options) => {
  let transporter: Promise<SmtpTransporter> | null = null;
  const ready = () => (transporter ??= import("nodemailer").then((nodemailer) => nodemailer.default.createTransport(options)));
  return {
    sendMail: async (message) => (await ready()).sendMail(message),
    verify: async () => (await ready()).verify(),
    close: () => void transporter?.then((built) => built.close(), () => {}),
  };
};

/**
 * Time limits. nodemailer's defaults (2 min to connect, 10 min of socket silence) would hold the
 * one outbox worker far too long on a dead server; these fail fast and let the backoff take over.
 */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000, dnsTimeout: 15_000 } as const;

/** nodemailer options for an `smtp` section. An empty or missing `user` means no login. */
export function transportOptions(settings: SmtpSettings): SMTPTransportOptions {
  const user = settings.user?.trim() ?? "";
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: user === "" ? undefined : { user, pass: settings.password ?? "" },
    ...TIMEOUTS,
    // Parley never attaches files or URLs: refuse them so a body can never make the server read one.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** The address part of `smtp.from` ("Parley <noreply@example.com>" → noreply@example.com), or null. */
export function fromAddress(from: string): string | null {
  const first = addressparser(from, { flatten: true })[0];
  const address = first?.address?.trim() ?? "";
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address : null;
}

/** The outcome of an SMTP check (connect, greeting, login): ok, or the reason it failed. */
export type SmtpCheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Logs an SMTP check's outcome the one way the admin sees it, wherever the check ran. */
export function logSmtpCheck(logger: Logger, settings: SmtpSettings, result: SmtpCheckResult): void {
  const where = { host: settings.host, port: settings.port, secure: settings.secure };
  if (result.ok) logger.info("smtp server ready", where);
  else logger.warn("smtp server check failed: e-mails stay queued and are retried", { ...where, error: result.reason });
}

/** The SMTP transport for the current config; `sender()` is null while mail is disabled. */
export class SmtpTransport {
  private settings: SmtpSettings | undefined = undefined;
  private transporter: SmtpTransporter | null = null;
  private built = false;

  constructor(
    private readonly logger: Logger,
    private readonly factory: SmtpTransporterFactory = nodemailerFactory,
  ) {}

  /**
   * Applies the `smtp` section (at start and on every reload). Returns true when it differs from the
   * one in effect: the old transporter is closed and a new one built (or mail is disabled, which is
   * logged once per change so the admin knows e-mails now wait in the outbox).
   */
  configure(settings: SmtpSettings | undefined): boolean {
    if (this.built && isDeepStrictEqual(settings, this.settings)) return false;
    this.built = true;
    this.transporter?.close();
    this.settings = settings;
    this.transporter = settings ? this.factory(transportOptions(settings)) : null;
    if (!settings) {
      this.logger.warn("smtp is not configured: e-mails (transcripts, offline messages) stay queued in the outbox until an smtp section is added");
    } else if (fromAddress(settings.from) === null) {
      this.logger.warn("smtp.from has no valid e-mail address; the server will likely refuse every message", { from: settings.from });
    }
    return true;
  }

  /** Whether an SMTP server is configured. */
  get enabled(): boolean {
    return this.transporter !== null;
  }

  /**
   * A sender bound to the transporter in effect now (a send already started finishes on it even if
   * a reload replaces it), or null while mail is disabled.
   */
  sender(): MailSender | null {
    const transporter = this.transporter;
    const settings = this.settings;
    if (!transporter || !settings) return null;
    const domain = fromAddress(settings.from)?.split("@")[1] ?? "parley.invalid";
    return {
      async send(mail: OutgoingMail): Promise<DeliveryReceipt> {
        const info = await transporter.sendMail({
          from: settings.from,
          to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
          replyTo: mail.replyTo ? (mail.replyTo.name ? { name: mail.replyTo.name, address: mail.replyTo.address } : mail.replyTo.address) : undefined,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.reference}@${domain}>`,
          headers: { ...mail.headers },
        });
        return { messageId: info.messageId, response: info.response };
      },
    };
  }

  /** The `smtp` section in effect (undefined while mail is disabled). */
  get current(): SmtpSettings | undefined {
    return this.settings;
  }

  /**
   * Connects and logs in once to check the settings in effect: ok, or why not (null while mail is
   * disabled). Never throws.
   */
  async check(): Promise<SmtpCheckResult | null> {
    const transporter = this.transporter;
    if (!transporter) return null;
    try {
      await transporter.verify();
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: classifyFailure(error).message };
    }
  }


  /** Releases the transporter (shutdown). */
  close(): void {
    this.transporter?.close();
    this.transporter = null;
  }
}
