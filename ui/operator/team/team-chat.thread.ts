/**
 * A team chat thread in the console: lines from the server's history merged with the ones that
 * arrived live — each message once (by its stored id), in the order they were sent.
 */
import type { OperatorChatLine } from "../state/console.model";
import type { TeamMessageItem } from "./team-chat.api";

/** Most lines a thread keeps in memory (older ones are fetched again with "Earlier messages"). */
export const MAX_THREAD_LINES = 1000;

/** A history item as a thread line, seen by operator `meId`. */
export function lineOf(item: TeamMessageItem, meId: string | undefined): OperatorChatLine {
  return { id: item.id, fromId: item.from.id, fromName: item.from.name, text: item.text, at: item.at, mine: item.from.id === meId };
}

/** The thread with `incoming` merged in: no line twice, oldest first (stable for lines of the same instant). */
export function mergeLines(known: readonly OperatorChatLine[], incoming: readonly OperatorChatLine[]): OperatorChatLine[] {
  const ids = new Set(known.map((l) => l.id));
  const added = incoming.filter((l) => !ids.has(l.id) && (ids.add(l.id), true));
  if (added.length === 0) return [...known];
  const merged = [...added, ...known].map((line, index) => ({ line, index }));
  merged.sort((a, b) => a.line.at - b.line.at || a.index - b.index);
  return merged.map((m) => m.line).slice(-MAX_THREAD_LINES);
}
