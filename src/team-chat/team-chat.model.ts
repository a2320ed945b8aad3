/**
 * Chat between operators, stored: what a message is, how a thread is named, and the storage port the
 * service writes through (SQLite in production: src/storage/repositories/operator-messages.repository.ts).
 */

/** One line an operator sent a colleague. */
export interface TeamMessage {
  readonly id: string;
  readonly senderId: string;
  readonly recipientId: string;
  /** The sender's command id (idempotency key of the send). */
  readonly clientId: string;
  readonly text: string;
  readonly createdAt: number;
  /** When the recipient read it; null while unread. */
  readonly readAt: number | null;
}

/** One page of a thread: oldest first, and the cursor of the page before it (null at the start). */
export interface TeamThreadPage {
  readonly items: readonly TeamMessage[];
  readonly olderCursor: string | null;
}

/** Where a page of a thread starts: before this (createdAt, id), or at the newest message. */
export interface ThreadPosition {
  readonly beforeAt: number;
  readonly beforeId: string;
}

/** Storage of operator messages. Every method is one statement (safe inside a group-commit batch). */
export interface TeamMessageStore {
  insert(message: TeamMessage): void;
  /** The message a sender already stored under this command id, if any. */
  findByClientId(senderId: string, clientId: string): TeamMessage | null;
  /** Up to `limit` messages of the pair, newest first, strictly before `before` when given. */
  newestOfThread(a: string, b: string, limit: number, before: ThreadPosition | null): TeamMessage[];
  /** Marks read every unread message `senderId` sent `recipientId`; how many changed. */
  markRead(recipientId: string, senderId: string, at: number): number;
  /** Unread messages addressed to `recipientId`, counted by sender. */
  unreadBySender(recipientId: string): Record<string, number>;
  /** Deletes messages created before `createdBefore`; how many. */
  deleteOlderThan(createdBefore: number): number;
}

/** The order-free key of the thread between two operators (one index serves both directions). */
export function threadKeyOf(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}

/** Default and largest page of a thread's history. */
export const THREAD_PAGE = { default: 50, max: 200 } as const;
