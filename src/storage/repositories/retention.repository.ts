/**
 * The storage side of data retention (src/jobs/retention.job.ts decides *what* is old): deletes
 * ended conversations with everything that hangs off them, and chat between operators by age. Only
 * ended conversations are touched, and the engine keeps only open ones in memory, so pruning never
 * disagrees with the live state.
 */
import { and, inArray, isNotNull, lt, eq } from "drizzle-orm";
import type { RetentionPort } from "../../jobs/retention.job";
import type { OpenDatabase } from "../db";
import { conversationEvents } from "../tables/conversation-events.table";
import { conversationTransfers } from "../tables/conversation-transfers.table";
import { conversations } from "../tables/conversations.table";
import { deadlines } from "../tables/deadline.table";
import { OperatorMessageRepository } from "./operator-messages.repository";
import { questionnaireResponses } from "../tables/questionnaire-responses.table";
import { operatorQuestionnaireDues } from "../tables/operator-questionnaire-dues.table";

/** What retention needs from the file store (blobs live on disk, not only in rows). */
export interface RetentionFiles {
  deleteConversationFiles(conversationId: string): Promise<unknown>;
  pruneFilesOlderThan(createdBefore: number): Promise<{ files: number }>;
}

/** Conversations pruned per transaction, so a large first run never holds the write lock long. */
const BATCH = 200;

/** The retention port over SQLite and the file store. */
export function createRetentionStore(database: OpenDatabase, files: RetentionFiles): RetentionPort {
  const { db } = database;
  const deleteBatch = (ids: string[]) =>
    db.transaction((tx) => {
      tx.delete(conversationEvents).where(inArray(conversationEvents.conversationId, ids)).run();
      tx.delete(conversationTransfers).where(inArray(conversationTransfers.conversationId, ids)).run();
      tx.delete(deadlines).where(inArray(deadlines.conversationId, ids)).run();
      tx.delete(questionnaireResponses).where(inArray(questionnaireResponses.conversationId, ids)).run();
      tx.delete(operatorQuestionnaireDues).where(inArray(operatorQuestionnaireDues.conversationId, ids)).run();
      tx.delete(conversations).where(inArray(conversations.id, ids)).run();
    });
  return {
    async pruneConversationsEndedBefore(endedBefore) {
      let removed = 0;
      for (;;) {
        const ids = db
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(eq(conversations.state, "ended"), isNotNull(conversations.endedAt), lt(conversations.endedAt, endedBefore)))
          .limit(BATCH)
          .all()
          .map((r) => r.id);
        if (ids.length === 0) return removed;
        for (const id of ids) await files.deleteConversationFiles(id);
        deleteBatch(ids);
        removed += ids.length;
      }
    },
    async pruneFilesOlderThan(createdBefore) {
      return (await files.pruneFilesOlderThan(createdBefore)).files;
    },
    pruneOperatorMessagesOlderThan(createdBefore) {
      return new OperatorMessageRepository(db).deleteOlderThan(createdBefore);
    },
  };
}
