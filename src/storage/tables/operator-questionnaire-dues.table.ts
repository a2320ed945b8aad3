/**
 * Operator questionnaires still owed: when a conversation ends while an operator questionnaire
 * (`questionnaires[].when: operatorEnd`) is configured, the operator who had it at the end owes
 * its answers. The row is written right after the end is committed and removed when the
 * questionnaire is answered, so the console can offer (or insist on) it after a reload, on
 * another tab, or when the visitor, a timeout or a manager ended the conversation.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per ended conversation whose operator questionnaire is not answered yet. */
export const operatorQuestionnaireDues = sqliteTable(
  "operator_questionnaire_dues",
  {
    conversationId: text("conversation_id").primaryKey(),
    /** The operator who had the conversation when it ended. */
    operatorId: text("operator_id").notNull(),
    /** The `questionnaires[].id` configured for operators at that moment. */
    questionnaireId: text("questionnaire_id").notNull(),
    endedAt: integer("ended_at").notNull(),
  },
  (table) => [index("operator_questionnaire_dues_operator_idx").on(table.operatorId, table.endedAt)],
);
