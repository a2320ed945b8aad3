/**
 * Offline messages by e-mail: implements the offline module's notifier port by queueing one outbox
 * job per operator who receives offline messages. Queueing (not sending) is what makes it
 * reliable: the visitor's request returns at once, and the e-mails survive an SMTP outage or a
 * restart. Reply-To is the visitor, so an operator answers with their mail client's Reply.
 * When `offlineMessages.autoReply.enabled`, the visitor also gets an acknowledgement in their language.
 */
import type { Config } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import type { OfflineNotifier } from "../offline/offline.service";
import type { MailJobRow, NewMailJob } from "../storage/repositories/mail-jobs.repository";
import type { OfflineMessageRow } from "../storage/repositories/offline-messages.repository";
import { isMailAddress } from "./email-address";
import type { MailJobExtras } from "./job.message";
import { autoReplyLanguage, renderOfflineAutoReply } from "./templates/offline-auto-reply.template";
import { renderOfflineMessageMail } from "./templates/offline-message.template";

/** The outbox job kind of these e-mails (metrics label, `X-Parley-Kind`). */
export const OFFLINE_MESSAGE_MAIL_KIND = "offline-message";
/** The outbox job kind of the visitor's acknowledgement. */
export const OFFLINE_AUTO_REPLY_MAIL_KIND = "offline-auto-reply";

/** An operator to notify. */
type Recipient = { readonly name: string; readonly email: string };

/** What the notifier needs. */
export interface MailOfflineNotifierDeps {
  /** The outbox ({@link MailOutbox} in production, so the worker is woken). */
  readonly outbox: { enqueue(job: NewMailJob): MailJobRow };
  readonly config: () => Config;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Queues the offline-message e-mails. */
export class MailOfflineNotifier implements OfflineNotifier {
  constructor(private readonly deps: MailOfflineNotifierDeps) {}

  /** The offline module's port: queues the e-mails. */
  notify(message: OfflineMessageRow, recipients: readonly Recipient[]): void {
    this.queue(message, recipients);
  }

  /** The offline module's port: queues the visitor's acknowledgement (see {@link queueAutoReply}). */
  acknowledge(message: OfflineMessageRow, language: string | null): void {
    this.queueAutoReply(message, language);
  }

  /**
   * Queues the visitor's acknowledgement when the auto-reply is enabled and their address is
   * deliverable; returns the job, or null when none is sent.
   */
  queueAutoReply(message: OfflineMessageRow, language: string | null): MailJobRow | null {
    const config = this.deps.config();
    const settings = config.offlineMessages.autoReply;
    const address = message.email.trim();
    if (!settings.enabled || !isMailAddress(address)) return null;
    const mail = renderOfflineAutoReply({
      settings,
      language: autoReplyLanguage(language, config.widget.defaultLanguage),
      visitorName: message.name,
      message: message.message,
      signature: config.widget.title,
    });
    const extras: MailJobExtras & { offlineMessageId: string; visitorId: string | null } = {
      offlineMessageId: message.id,
      visitorId: message.visitorId,
      toName: message.name.replace(/\s+/g, " ").trim() || undefined,
      html: mail.html,
    };
    return this.deps.outbox.enqueue({
      id: this.deps.ids.next("mail"),
      kind: OFFLINE_AUTO_REPLY_MAIL_KIND,
      toAddress: address,
      subject: mail.subject,
      bodyText: mail.text,
      createdAt: this.deps.clock.now(),
      payload: { ...extras },
    });
  }

  /** One e-mail per distinct recipient address; returns the queued jobs. */
  queue(message: OfflineMessageRow, recipients: readonly Recipient[]): MailJobRow[] {
    const { outbox, clock, ids } = this.deps;
    const config = this.deps.config();
    const visitorAddress = message.email.trim();
    const replyTo = isMailAddress(visitorAddress) ? { address: visitorAddress, name: message.name.replace(/\s+/g, " ").trim() || undefined } : undefined;
    const department = message.departmentId === null ? null : (config.departments.find((d) => d.id === message.departmentId)?.name ?? message.departmentId);
    const consoleUrl = `${config.server.publicUrl.replace(/\/+$/, "")}/console`;
    const seen = new Set<string>();
    const jobs: MailJobRow[] = [];
    for (const recipient of recipients) {
      const address = recipient.email.trim();
      const key = address.toLowerCase();
      if (address === "" || seen.has(key)) continue;
      seen.add(key);
      const mail = renderOfflineMessageMail({
        message,
        recipientName: recipient.name,
        departmentName: department,
        timeZone: config.openingHours?.timezone ?? "UTC",
        consoleUrl,
        replyToVisitor: replyTo !== undefined,
      });
      const extras: MailJobExtras & { offlineMessageId: string } = { offlineMessageId: message.id, toName: recipient.name, replyTo, html: mail.html };
      jobs.push(
        outbox.enqueue({
          id: ids.next("mail"),
          kind: OFFLINE_MESSAGE_MAIL_KIND,
          toAddress: address,
          subject: mail.subject,
          bodyText: mail.text,
          createdAt: clock.now(),
          payload: { ...extras },
        }),
      );
    }
    return jobs;
  }
}
