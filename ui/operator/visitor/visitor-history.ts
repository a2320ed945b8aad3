/**
 * A visitor's past: their earlier conversations (newest first) and the internal notes staff left
 * on the most recent of them, so the operator knows the story before answering.
 */
import type { ConsoleServices } from "../state/console.context";
import type { StaffConversationViewT } from "../../shared/protocol";

/** Past conversations and their notes. */
export interface VisitorHistory {
  readonly conversations: readonly StaffConversationViewT[];
  readonly notes: readonly { readonly text: string; readonly author: string; readonly at: number }[];
}

const NOTES_FROM = 3;

/** Loads the visitor's other conversations and the notes of the latest few; empty on failure. */
export async function loadVisitorHistory(services: ConsoleServices, visitorId: string, currentId: string): Promise<VisitorHistory> {
  try {
    const page = await services.api.conversations({ visitorId, limit: 20 });
    const conversations = page.conversations.filter((c) => c.id !== currentId).sort((a, b) => b.createdAt - a.createdAt);
    const notes: { text: string; author: string; at: number }[] = [];
    for (const c of conversations.slice(0, NOTES_FROM)) {
      const history = await services.api.history(c.id, null, 200).catch(() => null);
      for (const f of history?.events ?? []) if (f.event.type === "note") notes.push({ text: f.event.text, author: f.event.author.name, at: f.event.at });
    }
    return { conversations, notes: notes.sort((a, b) => b.at - a.at) };
  } catch {
    return { conversations: [], notes: [] };
  }
}
