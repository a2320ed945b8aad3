/** Operator questionnaires still owed, in SQLite (see the table's comment). */
import { and, desc, eq } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { operatorQuestionnaireDues } from "../tables/operator-questionnaire-dues.table";

/** One owed questionnaire. */
export type OperatorQuestionnaireDueRow = typeof operatorQuestionnaireDues.$inferSelect;

/** The repository. */
export class OperatorQuestionnaireDueRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  /** Records a due; a conversation owes at most one, so a repeated end (re-escalated, ended again) replaces it. */
  upsert(row: OperatorQuestionnaireDueRow): void {
    this.db
      .insert(operatorQuestionnaireDues)
      .values(row)
      .onConflictDoUpdate({ target: operatorQuestionnaireDues.conversationId, set: { operatorId: row.operatorId, questionnaireId: row.questionnaireId, endedAt: row.endedAt } })
      .run();
  }

  /** The operator's dues for one questionnaire, most recently ended first. */
  forOperator(operatorId: string, questionnaireId: string, limit: number): OperatorQuestionnaireDueRow[] {
    const { operatorId: operator, questionnaireId: questionnaire, endedAt } = operatorQuestionnaireDues;
    return this.db.select().from(operatorQuestionnaireDues).where(and(eq(operator, operatorId), eq(questionnaire, questionnaireId))).orderBy(desc(endedAt)).limit(limit).all();
  }

  /** The due of a conversation, if any. */
  forConversation(conversationId: string): OperatorQuestionnaireDueRow | undefined {
    return this.db.select().from(operatorQuestionnaireDues).where(eq(operatorQuestionnaireDues.conversationId, conversationId)).get();
  }

  /** Clears a conversation's due (answered). */
  clear(conversationId: string): void {
    this.db.delete(operatorQuestionnaireDues).where(eq(operatorQuestionnaireDues.conversationId, conversationId)).run();
  }
}
