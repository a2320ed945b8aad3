/**
 * The storage side of erasing a visitor (src/visitors/visitor-erasure.service.ts decides when it is
 * allowed): in ONE transaction, every row about the visitor — their conversations with the events,
 * transfers, deadlines, questionnaire answers, owed operator questionnaires and file rows hanging
 * off them, their offline messages, their additional information, the e-mails queued or kept about
 * any of these, the stored acks of their commands (a questionnaire answer's ack quotes it), their
 * widget tokens and the visitor row itself. Blobs on disk are not touched here:
 * the caller removes the ones no remaining file row references, after the commit.
 */
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { visitors, visitorTokens } from "../tables/auth-visitors.table";
import { commandAcks } from "../tables/command-acks.table";
import { conversationEvents } from "../tables/conversation-events.table";
import { conversationTransfers } from "../tables/conversation-transfers.table";
import { conversations } from "../tables/conversations.table";
import { deadlines } from "../tables/deadline.table";
import { files } from "../tables/file.table";
import { mailJobs } from "../tables/mail-jobs.table";
import { offlineMessages } from "../tables/offline-messages.table";
import { operatorQuestionnaireDues } from "../tables/operator-questionnaire-dues.table";
import { questionnaireResponses } from "../tables/questionnaire-responses.table";
import { visitorAdditionalInfo } from "../tables/visitor-additional-info.table";

/** How many rows of each kind an erasure removed (the audit line and the API answer say it). */
export interface ErasedCounts {
  readonly conversations: number;
  readonly events: number;
  readonly files: number;
  readonly questionnaireResponses: number;
  readonly offlineMessages: number;
  readonly additionalInfo: number;
  readonly mailJobs: number;
  readonly tokens: number;
  /** 1 when the visitor's identity row existed. */
  readonly visitor: number;
}

/** The outcome of the transaction: counts, and the blobs whose file rows are gone. */
export interface ErasedRows {
  readonly counts: ErasedCounts;
  /** The deleted conversations and who could see them (department, last operator): the consoles showing them are told. */
  readonly conversations: readonly ErasedConversation[];
  /** sha256 of every deleted file row: their blobs may now be unreferenced. */
  readonly blobs: readonly string[];
}

/** A deleted conversation's id and the scope it was visible in. */
export interface ErasedConversation {
  readonly id: string;
  readonly departmentId: string | null;
  readonly operatorId: string | null;
}

/** The repository. */
export class VisitorErasureRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  /** Whether anything at all is stored about this visitor id. */
  exists(visitorId: string): boolean {
    const found =
      this.db.select({ id: visitors.id }).from(visitors).where(eq(visitors.id, visitorId)).get() ??
      this.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.visitorId, visitorId)).limit(1).get() ??
      this.db.select({ id: offlineMessages.id }).from(offlineMessages).where(eq(offlineMessages.visitorId, visitorId)).limit(1).get() ??
      this.db.select({ id: visitorAdditionalInfo.fieldId }).from(visitorAdditionalInfo).where(eq(visitorAdditionalInfo.visitorId, visitorId)).limit(1).get();
    return found !== undefined;
  }

  /** Ids of the visitor's conversations whose state is not `ended` in the store. */
  openConversationIds(visitorId: string): string[] {
    return this.db
      .select({ id: conversations.id, state: conversations.state })
      .from(conversations)
      .where(eq(conversations.visitorId, visitorId))
      .all()
      .filter((c) => c.state !== "ended")
      .map((c) => c.id);
  }

  /** Deletes everything about the visitor in one transaction (all or nothing). */
  erase(visitorId: string): ErasedRows {
    return this.db.transaction((tx) => {
      const erasedConversations: ErasedConversation[] = tx
        .select({ id: conversations.id, departmentId: conversations.departmentId, operatorId: conversations.operatorId })
        .from(conversations)
        .where(eq(conversations.visitorId, visitorId))
        .all();
      const conversationIds = erasedConversations.map((r) => r.id);
      const offlineIds = tx.select({ id: offlineMessages.id }).from(offlineMessages).where(eq(offlineMessages.visitorId, visitorId)).all().map((r) => r.id);
      const fileRows = conversationIds.length ? tx.delete(files).where(inArray(files.conversationId, conversationIds)).returning({ sha256: files.sha256 }).all() : [];
      const events = conversationIds.length ? tx.delete(conversationEvents).where(inArray(conversationEvents.conversationId, conversationIds)).returning({ n: sql<number>`1` }).all().length : 0;
      const answers = conversationIds.length ? tx.delete(questionnaireResponses).where(inArray(questionnaireResponses.conversationId, conversationIds)).returning({ n: sql<number>`1` }).all().length : 0;
      if (conversationIds.length) {
        tx.delete(conversationTransfers).where(inArray(conversationTransfers.conversationId, conversationIds)).run();
        tx.delete(deadlines).where(inArray(deadlines.conversationId, conversationIds)).run();
        tx.delete(operatorQuestionnaireDues).where(inArray(operatorQuestionnaireDues.conversationId, conversationIds)).run();
      }
      // E-mails about them: transcripts of their conversations, offline-message notifications and auto-replies.
      const aboutThem = [sql`json_extract(${mailJobs.payload}, '$.visitorId') = ${visitorId}`];
      if (conversationIds.length) aboutThem.push(sql`json_extract(${mailJobs.payload}, '$.conversationId') IN ${conversationIds}`);
      if (offlineIds.length) aboutThem.push(sql`json_extract(${mailJobs.payload}, '$.offlineMessageId') IN ${offlineIds}`);
      const mail = tx.delete(mailJobs).where(or(...aboutThem)).returning({ n: sql<number>`1` }).all().length;
      tx.delete(commandAcks).where(and(eq(commandAcks.principalKind, "visitor"), eq(commandAcks.principalId, visitorId))).run();
      const counts: ErasedCounts = {
        conversations: conversationIds.length ? tx.delete(conversations).where(inArray(conversations.id, conversationIds)).returning({ n: sql<number>`1` }).all().length : 0,
        events,
        files: fileRows.length,
        questionnaireResponses: answers,
        offlineMessages: tx.delete(offlineMessages).where(eq(offlineMessages.visitorId, visitorId)).returning({ n: sql<number>`1` }).all().length,
        additionalInfo: tx.delete(visitorAdditionalInfo).where(eq(visitorAdditionalInfo.visitorId, visitorId)).returning({ n: sql<number>`1` }).all().length,
        mailJobs: mail,
        tokens: tx.delete(visitorTokens).where(eq(visitorTokens.visitorId, visitorId)).returning({ n: sql<number>`1` }).all().length,
        visitor: tx.delete(visitors).where(eq(visitors.id, visitorId)).returning({ n: sql<number>`1` }).all().length,
      };
      return { counts, conversations: erasedConversations, blobs: [...new Set(fileRows.map((f) => f.sha256))] };
    });
  }
}
