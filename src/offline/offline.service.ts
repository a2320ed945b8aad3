/**
 * Offline messages: when nobody can chat (after hours, queue full, no operator) the widget offers
 * a form instead; what the visitor leaves is stored for the operators of the department, and those
 * whose profile has `receivesOfflineMessages` are notified (e-mail, through the notifier port). The
 * visitor may get an acknowledgement in their language (`offlineMessages.autoReply`, same port).
 */
import type { Config } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import { AppError } from "../core/errors";
import type { OfflineMessageRepository, OfflineMessageRow } from "../storage/repositories/offline-messages.repository";

/** What the widget's form sends. */
export interface OfflineMessageInput {
  readonly name: string;
  readonly email: string;
  readonly message: string;
  readonly department?: string;
  readonly pageUrl?: string;
  readonly reason?: string;
  /** The widget's language (BCP 47, e.g. `fr-CA`), for the acknowledgement. */
  readonly language?: string;
}

/** Sends the notification of a new offline message (the mail module implements it). */
export interface OfflineNotifier {
  notify(message: OfflineMessageRow, recipients: readonly { readonly name: string; readonly email: string }[]): void | Promise<void>;
  /** Acknowledges the message to the visitor when the auto-reply is enabled (language: the widget's, if known). */
  acknowledge?(message: OfflineMessageRow, language: string | null): void | Promise<void>;
}

/** Where a notification failure is reported; the message itself is stored regardless. */
export interface OfflineLogger {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** Told of every stored message (the realtime layer pushes an `offline` frame to the operators in scope). */
export type OfflineStoredListener = (message: OfflineMessageRow) => void;

/** Stores and routes offline messages. */
export class OfflineMessageService {
  private readonly storedListeners = new Set<OfflineStoredListener>();
  constructor(
    private readonly repo: OfflineMessageRepository,
    private readonly config: () => Config,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly logger: OfflineLogger,
    private readonly notifier?: OfflineNotifier,
  ) {}

  /** Stores a visitor's message and notifies the operators who receive offline messages. */
  leave(input: OfflineMessageInput, visitorId: string | null): OfflineMessageRow {
    const config = this.config();
    const department = input.department ?? null;
    if (department !== null && !config.departments.some((d) => d.id === department)) throw new AppError("department.not_found", `no department ${department}`);
    const row: OfflineMessageRow = {
      id: this.ids.next("offline"),
      visitorId,
      name: input.name.trim(),
      email: input.email.trim(),
      message: input.message.trim(),
      departmentId: department,
      pageUrl: input.pageUrl ?? null,
      reason: input.reason ?? null,
      createdAt: this.clock.now(),
      handledAt: null,
      handledBy: null,
    };
    if (!row.name || !row.message) throw new AppError("request.invalid", "name and message must not be blank");
    this.repo.insert(row);
    for (const listener of this.storedListeners) {
      try {
        listener(row);
      } catch (error) {
        this.logger.warn("offline message listener failed", { id: row.id, error: String(error) });
      }
    }
    const recipients = this.recipients(row.departmentId);
    if (this.notifier && recipients.length > 0) {
      Promise.resolve()
        .then(() => this.notifier!.notify(row, recipients))
        .catch((error) => this.logger.warn("offline message notification failed", { id: row.id, error: String(error) }));
    }
    if (this.notifier?.acknowledge) {
      Promise.resolve()
        .then(() => this.notifier!.acknowledge!(row, input.language ?? null))
        .catch((error) => this.logger.warn("offline message auto-reply failed", { id: row.id, error: String(error) }));
    }
    return row;
  }

  /** Calls `listener` after each message is stored; returns the unsubscribe function. */
  onStored(listener: OfflineStoredListener): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /** Operators who receive offline messages for a department (all of them for messages without one). */
  recipients(department: string | null): { name: string; email: string }[] {
    return this.config()
      .operators.filter((o) => o.receivesOfflineMessages && (department === null || o.departments.length === 0 || o.departments.includes(department) || o.role !== "operator"))
      .map((o) => ({ name: o.name, email: o.email }));
  }
}
