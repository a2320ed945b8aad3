/**
 * Test fixtures for reports: stored conversations, messages and survey answers written straight
 * into a database, with times given as ISO instants so a test reads like the day it describes.
 */
import type { Db } from "../storage/db";
import { conversationEvents } from "../storage/tables/conversation-events.table";
import { conversations } from "../storage/tables/conversations.table";
import { questionnaireResponses } from "../storage/tables/questionnaire-responses.table";

/** Epoch ms of an ISO instant ("2026-03-29T22:30:00Z"). */
export const at = (iso: string): number => Date.parse(iso);
/** One minute in ms. */
export const MIN = 60_000;

/** What a seeded conversation may set; times in epoch ms. */
export interface SeedConversation {
  readonly id: string;
  readonly createdAt: number;
  readonly state?: "pending" | "waiting" | "active" | "ended";
  readonly priority?: "low" | "normal" | "high" | "urgent";
  readonly department?: string | null;
  readonly operatorId?: string | null;
  readonly assignedAt?: number | null;
  readonly firstResponseAt?: number | null;
  readonly endedAt?: number | null;
  readonly endReason?: string | null;
  readonly visitorName?: string | null;
  readonly visitorEmail?: string | null;
}

/** One stored event of a seeded conversation. */
export interface SeedEvent {
  readonly conversationId: string;
  readonly seq: number;
  readonly type?: "message" | "note" | "notice" | "conversation.created";
  readonly actorKind: "visitor" | "operator" | "system";
  readonly actorId?: string | null;
  readonly body?: string | null;
  readonly createdAt: number;
  readonly fileName?: string;
}

/** Writes conversations (ended ones default to ended_at = created + 10 min). */
export function seedConversations(db: Db, rows: readonly SeedConversation[]): void {
  if (rows.length === 0) return;
  db.insert(conversations)
    .values(
      rows.map((r) => {
        const state = r.state ?? "ended";
        return {
          id: r.id,
          visitorId: `v-${r.id}`,
          visitorName: r.visitorName ?? null,
          visitorEmail: r.visitorEmail ?? null,
          state,
          priority: r.priority ?? "normal",
          departmentId: r.department ?? null,
          operatorId: r.operatorId ?? null,
          createdAt: r.createdAt,
          requestedAt: r.createdAt,
          assignedAt: r.assignedAt ?? null,
          firstResponseAt: r.firstResponseAt ?? null,
          endedAt: r.endedAt !== undefined ? r.endedAt : state === "ended" ? r.createdAt + 10 * MIN : null,
          endReason: r.endReason ?? (state === "ended" ? "operator" : null),
          lastVisitorActivityAt: r.createdAt,
          lastMessageAt: r.createdAt,
        };
      }),
    )
    .run();
}

/** Writes events into conversations' logs. */
export function seedEvents(db: Db, events: readonly SeedEvent[]): void {
  if (events.length === 0) return;
  db.insert(conversationEvents)
    .values(
      events.map((e) => ({
        conversationId: e.conversationId,
        seq: e.seq,
        type: e.type ?? "message",
        actorKind: e.actorKind,
        actorId: e.actorId ?? (e.actorKind === "visitor" ? `v-${e.conversationId}` : null),
        visibility: e.type === "note" ? "staff" : "all",
        payload: e.fileName ? JSON.stringify({ file: { id: "f1", name: e.fileName, mime: "text/plain", size: 1 } }) : e.type === "message" || e.type === undefined ? '{"file":null}' : "{}",
        body: e.body ?? null,
        createdAt: e.createdAt,
      })),
    )
    .run();
}

/** Writes visitor survey answers with their scores. */
export function seedScores(db: Db, scores: readonly { conversationId: string; score: number; createdAt: number }[]): void {
  if (scores.length === 0) return;
  db.insert(questionnaireResponses)
    .values(
      scores.map((s, i) => ({
        id: `q${i}-${s.conversationId}`,
        conversationId: s.conversationId,
        questionnaireId: "exit",
        respondentKind: "visitor",
        respondentId: `v-${s.conversationId}`,
        answers: "{}",
        score: s.score,
        summary: "",
        createdAt: s.createdAt,
      })),
    )
    .run();
}
