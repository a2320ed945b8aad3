/**
 * The persistent deadline scheduler's vocabulary and its storage port. The port is implemented over
 * SQLite by src/storage/repositories/deadline.repository.ts; the scheduler only sees this interface.
 */

/** A deadline as stored: identity, what to do, when, and its retry state. */
export interface StoredDeadline {
  readonly key: string;
  readonly kind: string;
  readonly conversationId: string | null;
  readonly dueAt: number;
  readonly fireAt: number;
  readonly attempts: number;
  readonly lastError: string | null;
  /** The handler's payload, already parsed from JSON. */
  readonly payload: unknown;
  readonly version: number;
}

/** What the handler receives when a deadline is due. */
export interface DueDeadline {
  readonly key: string;
  readonly kind: string;
  readonly conversationId: string | null;
  readonly dueAt: number;
  readonly payload: unknown;
  /** Failed attempts before this one (0 on the first try). */
  readonly attempts: number;
}

/**
 * Handles a due deadline. Returning (or resolving) removes it; throwing keeps it and retries with
 * backoff, so delivery is at-least-once: a handler must tolerate running twice and should simply
 * return when its subject is gone (e.g. the conversation already ended).
 */
export type DeadlineHandler = (deadline: DueDeadline) => void | Promise<void>;

/** The new or moved deadline a caller sets. */
export interface DeadlineInput {
  readonly key: string;
  readonly kind: string;
  readonly conversationId: string | null;
  readonly dueAt: number;
  readonly payload: unknown;
}

/** Storage of deadlines (implemented by `createDeadlineRepository`). */
export interface DeadlineStore {
  /** Inserts or replaces by key; resets the retry state and bumps the version. */
  upsert(deadline: DeadlineInput): void;
  get(key: string): StoredDeadline | null;
  /** Deletes by key; whether a row existed. */
  delete(key: string): boolean;
  /** Deletes every deadline of a conversation; how many. */
  deleteForConversation(conversationId: string): number;
  /** Deletes only if still at `version` (not re-set while its handler ran); whether deleted. */
  deleteIfVersion(key: string, version: number): boolean;
  /** Pushes a failed deadline's next attempt to `fireAt`, unless it was re-set meanwhile. */
  reschedule(key: string, version: number, fireAt: number, attempts: number, lastError: string): void;
  /** The smallest `fireAt`, or null when empty (an index lookup, not a scan). */
  earliestFireAt(): number | null;
  /** Up to `limit` deadlines with `fireAt <= now`, earliest first (ties by due time, then key). */
  due(now: number, limit: number): StoredDeadline[];
  listForConversation(conversationId: string): StoredDeadline[];
  count(): number;
}
