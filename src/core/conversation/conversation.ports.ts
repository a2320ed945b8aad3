/**
 * What the engine needs from storage, as plain synchronous interfaces (bun:sqlite is synchronous).
 * The core depends only on these; src/storage implements them with drizzle, and
 * `memory.repository.ts` implements them in memory for tests and benchmarks.
 */
import type { AnyStoredEvent } from "./conversation.events";
import type { Conversation } from "./conversation.model";
import type { TransferRequest } from "../transfer/transfer.model";

/** Conversations by id; the engine keeps open ones in memory and writes every change through. */
export interface ConversationRepository {
  insert(conversation: Conversation): void;
  update(conversation: Conversation): void;
  /**
   * Optional: only what a message or note changes (lastSeq, activity times, awaiting-reply, first
   * response) differs from the last write, so a store may write just those columns, and may write
   * them later (coalesced): the log is the truth, and restoring replays the messages logged after
   * the stored lastSeq. Without it the engine calls `update`.
   */
  updateActivity?(conversation: Conversation): void;
  get(id: string): Conversation | null;
  /** Every conversation not ended, for restoring the engine after a restart. */
  listOpen(): Conversation[];
  /**
   * Recent timing samples for wait estimates: queue waits (request → assignment) of the latest
   * assigned conversations and handling times (assignment → end) of the latest ended ones.
   */
  recentDurations(limit: number): { waits: number[]; handlings: number[] };
}

/** Filters for reading a conversation's log. */
export interface EventQuery {
  /** Only events with seq greater than this (resume after a reconnect). */
  readonly afterSeq?: number;
  /** Only events with seq lower than this (paging back through history). */
  readonly beforeSeq?: number;
  /** At most this many, nearest to `beforeSeq` when paging back, else the oldest first. */
  readonly limit?: number;
  /** Include staff-only events (notes, transfer messages); false for visitors. */
  readonly includeStaff: boolean;
}

/** The append-only event log (which is also where messages live). */
export interface EventLogRepository {
  /**
   * Appends one event, unless the log already has its (conversationId, clientId): then nothing is
   * written and it returns false (a retried send; the store's unique index answers it, so a send
   * needs no lookup first). (conversationId, seq) is unique too: a second one throws.
   */
  append(event: AnyStoredEvent): boolean;
  findByClientId(conversationId: string, clientId: string): AnyStoredEvent | null;
  /** Events in ascending seq order. */
  list(conversationId: string, query: EventQuery): AnyStoredEvent[];
}

/** What is remembered about an operator across restarts (presence itself is rebuilt from sockets). */
export interface OperatorStateRecord {
  readonly operatorId: string;
  readonly status: string;
  readonly statusSince: number;
  /** The operator was present when this was written: after a restart they get a grace period to reconnect. */
  readonly present: boolean;
  readonly lastAssignedAt: number;
}

/** Operator statuses and assignment history. */
export interface OperatorStateRepository {
  save(state: OperatorStateRecord): void;
  all(): OperatorStateRecord[];
}

/**
 * An operator's own limit of concurrent conversations, set from the console: a runtime preference
 * (not config), so it survives restarts and config reloads. `null` = follow the configured ceiling.
 */
export interface OperatorPreferenceRecord {
  readonly operatorId: string;
  readonly maxConversations: number | null;
  readonly updatedAt: number;
}

/** Operators' stored preferences (one row per operator who ever set one). */
export interface OperatorPreferenceRepository {
  save(record: OperatorPreferenceRecord): void;
  all(): OperatorPreferenceRecord[];
}

/** Transfer requests. */
export interface TransferRepository {
  insert(request: TransferRequest): void;
  update(request: TransferRequest): void;
  listPending(): TransferRequest[];
}

/** Runs a function in one database transaction: all its writes commit together or not at all. */
export interface UnitOfWork {
  run<T>(fn: () => T): T;
}

/** Every storage port the engine uses. */
export interface EngineStores {
  readonly conversations: ConversationRepository;
  readonly events: EventLogRepository;
  readonly operators: OperatorStateRepository;
  readonly transfers: TransferRepository;
  /** Operators' own capacity limits; without it (a bare test store) the limits live in memory only. */
  readonly preferences?: OperatorPreferenceRepository;
  readonly unitOfWork: UnitOfWork;
}
