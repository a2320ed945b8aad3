/** Questionnaire answers in SQLite: one row per completed questionnaire. */
import { asc, eq } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { questionnaireResponses } from "../tables/questionnaire-responses.table";

/** One stored response. */
export type QuestionnaireResponseRow = typeof questionnaireResponses.$inferSelect;

/** The repository. */
export class QuestionnaireResponseRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  insert(row: QuestionnaireResponseRow): void {
    this.db.insert(questionnaireResponses).values(row).run();
  }

  /** A conversation's responses, oldest first. */
  forConversation(conversationId: string): QuestionnaireResponseRow[] {
    return this.db.select().from(questionnaireResponses).where(eq(questionnaireResponses.conversationId, conversationId)).orderBy(asc(questionnaireResponses.createdAt)).all();
  }
}
