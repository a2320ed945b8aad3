/**
 * Conversations: one row per chat, holding every fact the engine needs to rebuild itself after a
 * restart (state, routing target, queue keys, operator, activity times the timeouts read) and what
 * the dashboards filter on (state, operator, department, priority, tags, important, visitor).
 * Messages and state changes are not here: they are the conversation's event log.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per conversation; written through on every engine command that changes it. */
export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    visitorId: text("visitor_id").notNull(),
    visitorName: text("visitor_name"),
    visitorEmail: text("visitor_email"),
    /** JSON: pre-chat fields, page URL, referrer, user agent, language, time zone. */
    visitorContext: text("visitor_context").notNull().default("{}"),
    /** pending | waiting | active | ended */
    state: text("state").notNull(),
    /** low | normal | high | urgent */
    priority: text("priority").notNull(),
    departmentId: text("department_id"),
    /** JSON array of operator ids from a URL rule, or null. */
    targetOperatorIds: text("target_operator_ids"),
    /** JSON array of skills the conversation asks for beyond its department's. */
    requiredSkills: text("required_skills").notNull().default("[]"),
    /** JSON array of tags. */
    tags: text("tags").notNull().default("[]"),
    important: integer("important", { mode: "boolean" }).notNull().default(false),
    /** Current operator (active) or last operator (ended). */
    operatorId: text("operator_id"),
    /** JSON array, most recent last. */
    previousOperatorIds: text("previous_operator_ids").notNull().default("[]"),
    capacityOverride: integer("capacity_override", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    requestedAt: integer("requested_at").notNull(),
    enqueuedAt: integer("enqueued_at"),
    slaDueAt: integer("sla_due_at"),
    assignedAt: integer("assigned_at"),
    firstResponseAt: integer("first_response_at"),
    endedAt: integer("ended_at"),
    endReason: text("end_reason"),
    lastVisitorActivityAt: integer("last_visitor_activity_at").notNull(),
    visitorAwaitingReplySince: integer("visitor_awaiting_reply_since"),
    lastOperatorActivityAt: integer("last_operator_activity_at"),
    lastMessageAt: integer("last_message_at").notNull(),
    visitorReminderSentAt: integer("visitor_reminder_sent_at"),
    reengagementSentAt: integer("reengagement_sent_at"),
    questionnaireOfferedAt: integer("questionnaire_offered_at"),
    disconnectNoticeSentAt: integer("disconnect_notice_sent_at"),
    stillBusyNoticeSentAt: integer("still_busy_notice_sent_at"),
    /** JSON {kind: dueAt} of the last firing of each timeout, so a handled one is never armed again. */
    firedDeadlines: text("fired_deadlines").notNull().default("{}"),
    visitorReadSeq: integer("visitor_read_seq").notNull().default(0),
    operatorReadSeq: integer("operator_read_seq").notNull().default(0),
    /** Seq of the last event in the conversation's log. */
    lastSeq: integer("last_seq").notNull().default(0),
  },
  (table) => [
    index("conversations_state_idx").on(table.state),
    index("conversations_visitor_idx").on(table.visitorId, table.createdAt),
    index("conversations_operator_idx").on(table.operatorId, table.state),
    index("conversations_department_idx").on(table.departmentId, table.state),
    index("conversations_created_idx").on(table.createdAt),
    index("conversations_ended_idx").on(table.endedAt),
    index("conversations_assigned_idx").on(table.assignedAt),
  ],
);
