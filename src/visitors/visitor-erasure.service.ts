/**
 * Erasing a visitor (the product's "delete the current user"; a GDPR erasure request): everything
 * stored about them goes — conversations and their events, notes, files, questionnaire answers,
 * offline messages, additional information, e-mails about them, widget tokens — in one database
 * transaction; the files' bytes after the commit (a blob another file still references stays); then
 * their open widget is signed out and the consoles showing their conversations drop them. One audit line records who erased which visitor id, and nothing
 * personal. Refused while one of their conversations is not ended: the operator in it would lose it
 * mid-sentence, and the engine holds open conversations in memory; ending it first is one click.
 */
import { AppError } from "../core/errors";
import type { ErasedConversation, ErasedCounts, ErasedRows } from "../storage/repositories/visitor-erasure.repository";

/** Who erases (an `OperatorPrincipal` fits). */
export interface Eraser {
  readonly id: string;
  readonly role: "admin" | "manager" | "operator";
}

/** What erasure needs. */
export interface VisitorErasureDeps {
  readonly store: { exists(visitorId: string): boolean; openConversationIds(visitorId: string): string[]; erase(visitorId: string): ErasedRows };
  /** The visitor's conversation the engine holds open (pending, waiting or active), if any. */
  readonly openConversationOf: (visitorId: string) => string | null;
  /** Removes the blobs no file row references any more; returns how many. */
  readonly blobs: { removeBlobsIfUnreferenced(sha256s: readonly string[]): Promise<number> };
  /** Closes the visitor's widget sockets; returns how many. */
  readonly sockets: { closeVisitor(visitorId: string, reason: string): number };
  /** Tells the consoles that could see them that these conversations are gone (`pushConversationsRemoved` over the hub); omitted where no console listens. */
  readonly consoles?: { conversationsRemoved(conversations: readonly ErasedConversation[]): void };
  readonly logger: { info(msg: string, fields?: Record<string, unknown>): void; warn(msg: string, fields?: Record<string, unknown>): void };
}

/** What an erasure did. */
export interface ErasureReport {
  readonly visitorId: string;
  readonly erased: ErasedCounts;
  /** Blobs removed from disk (files whose bytes no other file shares). */
  readonly blobsRemoved: number;
  /** Widget connections signed out. */
  readonly socketsClosed: number;
}

/** Erases visitors. */
export class VisitorErasureService {
  constructor(private readonly deps: VisitorErasureDeps) {}

  /**
   * Erases `visitorId`. Throws `not_found` when nothing is stored about them and
   * `conversation.invalid_state` (details.conversationId) while a conversation of theirs is open.
   */
  async erase(visitorId: string, by: Eraser): Promise<ErasureReport> {
    const { store, logger } = this.deps;
    const open = this.deps.openConversationOf(visitorId) ?? store.openConversationIds(visitorId)[0] ?? null;
    if (open !== null) {
      throw new AppError("conversation.invalid_state", `This visitor's conversation ${open} is still open: end it first, then erase the visitor.`, { conversationId: open });
    }
    if (!store.exists(visitorId)) throw new AppError("not_found", `no visitor ${visitorId}`);
    const rows = store.erase(visitorId);
    const socketsClosed = this.deps.sockets.closeVisitor(visitorId, "visitor erased");
    this.deps.consoles?.conversationsRemoved(rows.conversations);
    let blobsRemoved = 0;
    try {
      blobsRemoved = await this.deps.blobs.removeBlobsIfUnreferenced(rows.blobs);
    } catch (error) {
      // The rows are gone, so nothing can serve these bytes; say which blobs an admin may delete by hand.
      logger.warn("visitor erased but some file contents could not be removed from disk", { visitorId, blobs: rows.blobs, error: String(error) });
    }
    logger.info("visitor erased", { audit: "visitor.erase", visitorId, by: by.id, role: by.role, ...rows.counts, blobsRemoved, socketsClosed });
    return { visitorId, erased: rows.counts, blobsRemoved, socketsClosed };
  }
}
