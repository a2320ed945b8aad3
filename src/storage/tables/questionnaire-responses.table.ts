/**
 * Answers to questionnaires: the visitor's end-of-chat survey and the operator's wrap-up
 * questionnaire. Kept with the plugin's score and summary so reports need not call plugins again.
 */
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One completed questionnaire. */
export const questionnaireResponses = sqliteTable(
  "questionnaire_responses",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    /** The `questionnaires[].id` of the configuration. */
    questionnaireId: text("questionnaire_id").notNull(),
    /** visitor | operator */
    respondentKind: text("respondent_kind").notNull(),
    respondentId: text("respondent_id").notNull(),
    /** JSON answers keyed by question id, as checked by the plugin. */
    answers: text("answers").notNull(),
    score: real("score"),
    summary: text("summary").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    index("questionnaire_responses_conversation_idx").on(table.conversationId),
    index("questionnaire_responses_questionnaire_idx").on(table.questionnaireId, table.createdAt),
  ],
);
