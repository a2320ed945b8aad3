/**
 * Every storage port of the conversation engine over one open database, with the unit of work as a
 * bun:sqlite transaction (`BEGIN IMMEDIATE`, so a command never fails half-way on a lock upgrade;
 * nested calls become savepoints). This is what `src/server.ts` passes to `createEngine`.
 */
import type { EngineStores } from "../../core/conversation/conversation.ports";
import type { OpenDatabase } from "../db";
import { createEventLogRepository } from "./conversation-events.repository";
import { createTransferRepository } from "./conversation-transfers.repository";
import { createConversationRepository } from "./conversation.repository";
import { createOperatorStateRepository } from "./operator-states.repository";

/** The engine's stores on `database`. */
export function createEngineStores(database: OpenDatabase): EngineStores {
  const transaction = database.sqlite.transaction((fn: () => unknown) => fn());
  const conversations = createConversationRepository(database.db);
  return {
    conversations,
    events: createEventLogRepository(database.db),
    operators: createOperatorStateRepository(database.db),
    transfers: createTransferRepository(database.db),
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
