/**
 * "Send the conversation by e-mail": renders the transcript now and queues it in the mail outbox
 * for the operator who asked (their configured address). Sending is the mail module's job; the
 * queued row is what this feature guarantees, even while SMTP is not configured or down.
 */
import type { OperatorPrincipal } from "../auth/principal.model";
import { assertPermission } from "../auth/authorization.policy";
import type { Config } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import type { Engine } from "../core/engine";
import { staffViewOf, visibleToStaff } from "../realtime/conversation-views";
import { conversationEventFor, type OperatorDirectory } from "../realtime/event-view";
import type { MailJobRepository } from "../storage/repositories/mail-jobs.repository";
import type { ConversationEvent } from "../transport/ws/protocol";
import { renderTranscript } from "./transcript.render";

/** What the service needs. */
export interface TranscriptServiceDeps {
  readonly engine: Engine;
  readonly directory: OperatorDirectory;
  readonly outbox: MailJobRepository;
  readonly config: () => Config;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** The outcome of a transcript request. */
export interface QueuedTranscript {
  readonly jobId: string;
  readonly to: string;
  /** False while no SMTP server is configured: the e-mail waits in the outbox until one is. */
  readonly mailConfigured: boolean;
}

/** Longest history a transcript includes (events). */
const MAX_EVENTS = 5000;

/** Queues transcripts for e-mail. */
export class TranscriptService {
  constructor(private readonly deps: TranscriptServiceDeps) {}

  /** Renders the conversation and queues it for the caller's e-mail address. Permission `emailTranscript`. */
  queueEmail(principal: OperatorPrincipal, conversationId: string): QueuedTranscript {
    assertPermission(principal, "emailTranscript");
    const { engine, directory, config, clock, ids } = this.deps;
    const conversation = visibleToStaff(engine, principal, conversationId);
    const stored = engine.history(conversationId, { kind: "operator", id: principal.id, role: principal.role }, { limit: MAX_EVENTS });
    const events = stored.flatMap((e) => conversationEventFor(e, "visitor", directory) ?? []) as ConversationEvent[];
    const current = config();
    const transcript = renderTranscript({
      conversation: staffViewOf(conversation, null),
      events,
      timeZone: current.openingHours?.timezone ?? "UTC",
      siteName: current.widget.title,
    });
    const job = this.deps.outbox.enqueue({
      id: ids.next("mail"),
      kind: "transcript",
      toAddress: principal.email,
      subject: transcript.subject,
      bodyText: transcript.text,
      createdAt: clock.now(),
      payload: { conversationId, requestedBy: principal.id },
    });
    return { jobId: job.id, to: principal.email, mailConfigured: current.smtp !== undefined };
  }
}
