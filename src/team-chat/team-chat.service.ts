/**
 * Chat between operators, stored: a colleague who is offline, reloading or on another tab gets the
 * message when they come back (unread counts per colleague, the thread's history), and a retried
 * send never stores a line twice. Only the two operators of a thread can read it; sending needs the
 * `operatorChat` permission of the sender's role. Delivery to sockets is the transport's job.
 */
import { assertPermission } from "../auth/authorization.policy";
import type { TokenBucketLimiter } from "../auth/rate-limiter";
import type { OperatorPrincipal } from "../auth/principal.model";
import type { Config } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import { AppError } from "../core/errors";
import { encodeCursor, readCursor } from "../storage/queries/keyset-cursor";
import { THREAD_PAGE, type TeamMessage, type TeamMessageStore, type TeamThreadPage } from "./team-chat.model";

/** What the service is built from. */
export interface TeamChatDeps {
  readonly store: TeamMessageStore;
  /** The live config snapshot: who the operators are (removed ones can no longer be written to), and `rateLimits.teamMessage`. */
  readonly config: () => Pick<Config, "operators" | "conversations" | "permissions">;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /**
   * Messages per sender (`rateLimits.teamMessage`): a stuck key or a script cannot flood a colleague.
   * The shared bucket of the auth module's limiters (`auth.limiters.teamMessage`).
   */
  readonly limiter: Pick<TokenBucketLimiter, "take">;
}

/** A send: who to, what, and the command id that makes a retry harmless. */
export interface TeamSendInput {
  readonly toOperatorId: string;
  readonly text: string;
  readonly clientId: string;
}

/** The stored message, and whether it was already stored by an earlier try of the same command. */
export interface TeamSendResult {
  readonly message: TeamMessage;
  readonly duplicate: boolean;
}

/** Paging of a thread's history. */
export interface TeamHistoryQuery {
  /** `olderCursor` of the page read before; absent for the newest page. */
  readonly cursor?: string;
  readonly limit?: number;
}

/** The rules of the team chat over its store. */
export class TeamChatService {
  constructor(private readonly deps: TeamChatDeps) {}

  /**
   * Stores a message from `sender` (refused with `permission.disabled` without `operatorChat`,
   * `operator.not_found` for an unknown colleague or oneself, `permission.disabled` for a colleague
   * whose role has team chat off, `rate.limited` with `retryAfterMs` past `rateLimits.teamMessage`).
   * A command id already used by the sender returns its first message, unchanged, with
   * `duplicate: true` (a retry spends no token).
   */
  send(sender: OperatorPrincipal, input: TeamSendInput): TeamSendResult {
    assertPermission(sender, "operatorChat");
    const earlier = this.deps.store.findByClientId(sender.id, input.clientId);
    if (earlier) {
      if (earlier.recipientId !== input.toOperatorId) throw new AppError("request.invalid", `command id ${input.clientId} was already used for another message`);
      return { message: earlier, duplicate: true };
    }
    const config = this.deps.config();
    const recipient = input.toOperatorId === sender.id ? undefined : config.operators.find((o) => o.id === input.toOperatorId);
    if (!recipient) throw new AppError("operator.not_found", `no other operator ${input.toOperatorId}`);
    // A colleague whose role has team chat switched off could never open the thread to read it.
    if (!config.permissions[recipient.role].operatorChat) {
      throw new AppError("permission.disabled", `${recipient.name} cannot use team chat (operatorChat is off for the ${recipient.role} role)`);
    }
    const text = input.text.trim();
    if (text.length === 0) throw new AppError("request.invalid", "the message is empty");
    const max = config.conversations.maxMessageLength;
    if (text.length > max) throw new AppError("request.too_large", `messages are limited to ${max} characters`, { maxLength: max });
    const decision = this.deps.limiter.take(`op:${sender.id}`);
    if (!decision.allowed) throw new AppError("rate.limited", `too many team chat messages; try again in ${Math.ceil(decision.retryAfterMs / 1000)} s`, { retryAfterMs: decision.retryAfterMs });
    const message: TeamMessage = {
      id: this.deps.ids.next("opm"),
      senderId: sender.id,
      recipientId: input.toOperatorId,
      clientId: input.clientId,
      text,
      createdAt: this.deps.clock.now(),
      readAt: null,
    };
    this.deps.store.insert(message);
    return { message, duplicate: false };
  }

  /** A page of the thread between `viewerId` and `otherId`, oldest first; `request.invalid` for a cursor that is not ours. */
  history(viewerId: string, otherId: string, query: TeamHistoryQuery = {}): TeamThreadPage {
    if (otherId === viewerId) throw new AppError("operator.not_found", "there is no thread with yourself");
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? THREAD_PAGE.default)), THREAD_PAGE.max);
    const cursor = readCursor(query.cursor);
    const rows = this.deps.store.newestOfThread(viewerId, otherId, limit + 1, cursor ? { beforeAt: cursor.k, beforeId: cursor.id } : null);
    const page = rows.slice(0, limit);
    const oldest = page.at(-1);
    return { items: page.reverse(), olderCursor: rows.length > limit && oldest ? encodeCursor({ k: oldest.createdAt, id: oldest.id }) : null };
  }

  /** `viewerId` has read everything `otherId` sent them; how many messages became read. */
  markRead(viewerId: string, otherId: string): number {
    return this.deps.store.markRead(viewerId, otherId, this.deps.clock.now());
  }

  /** Unread messages for `viewerId` by colleague, only colleagues still configured and with some unread. */
  unread(viewerId: string): Record<string, number> {
    const counts = this.deps.store.unreadBySender(viewerId);
    const known = new Set(this.deps.config().operators.map((o) => o.id));
    return Object.fromEntries(Object.entries(counts).filter(([id, n]) => n > 0 && known.has(id)));
  }

  /** Retention: deletes messages older than `createdBefore`; how many. */
  pruneOlderThan(createdBefore: number): number {
    return this.deps.store.deleteOlderThan(createdBefore);
  }
}
