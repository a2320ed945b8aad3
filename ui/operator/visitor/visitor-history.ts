/**
 * A visitor's past: their earlier conversations (newest first) and the internal notes staff left
 * on the most recent of them, so the operator knows the story before answering.
 */
import type { ConsoleServices } from "../state/console.context";
import type { VisitorHistoryBody } from "../api/console.api";

/** Past conversations and their notes. */
export type VisitorHistory = VisitorHistoryBody;

/** Loads the visitor's other conversations and notes; empty on failure (the panel says so). */
export async function loadVisitorHistory(services: ConsoleServices, conversationId: string): Promise<VisitorHistory> {
  try {
    return await services.api.visitorHistory(conversationId);
  } catch {
    return { conversations: [], notes: [] };
  }
}
