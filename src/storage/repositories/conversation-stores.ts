/**
 * Every storage port of the conversation engine over one open database, with the unit of work as a
 * bun:sqlite transaction (`BEGIN IMMEDIATE`, so a command never fails half-way on a lock upgrade;
 * nested calls become savepoints). This is what `src/server.ts` passes to `createEngine`.
 */
import type { Conversation } from "../../core/conversation/conversation.model";
import type { EngineStores } from "../../core/conversation/conversation.ports";
import type { OpenDatabase } from "../db";
import { createEventLogRepository } from "./conversation-events.repository";
import { createTransferRepository } from "./conversation-transfers.repository";
import { createConversationRepository } from "./conversation.repository";
import { createOperatorPreferenceRepository } from "./operator-preferences.repository";
import { createOperatorStateRepository } from "./operator-states.repository";

/** The engine's stores over SQLite, plus the write-behind of busy conversations' activity. */
export interface SqliteEngineStores extends EngineStores {
  /**
   * Writes, in one transaction, the message activity deferred for busy conversations (at most one
   * row write per conversation per ACTIVITY_WRITE_INTERVAL_MS) whose interval has passed, read from
   * the engine's live records (`current`). The runtime calls it a few times a second so the table
   * (staff lists, figures) trails the engine by about a second at most; the log is never behind.
   */
  flushDeferredWrites(current: (id: string) => Conversation | null): number;
}

/** The engine's stores on `database`; `now` times the deferred writes (tests pass their own). */
export function createEngineStores(database: OpenDatabase, now?: () => number): SqliteEngineStores {
  const transaction = database.sqlite.transaction((fn: () => unknown) => fn());
  const conversations = createConversationRepository(database.db, now);
  return {
    flushDeferredWrites: (current) => transaction.immediate(() => conversations.flushDeferred(current)) as number,
    conversations,
    events: createEventLogRepository(database.db),
    operators: createOperatorStateRepository(database.db),
    transfers: createTransferRepository(database.db),
    preferences: createOperatorPreferenceRepository(database.db),
    unitOfWork: {
      // Inside an enclosing transaction (the realtime layer's group commit) bun:sqlite makes this a
      // SAVEPOINT, so a failed command rolls back only its own writes before the engine reloads memory.
      run: <T>(fn: () => T): T => {
        try {
          return transaction.immediate(fn) as T;
        } catch (error) {
          conversations.forgetWrites();
          throw error;
        }
      },
    },
  };
}
