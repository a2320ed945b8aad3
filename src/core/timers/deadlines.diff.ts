/**
 * The smallest change from the deadlines a conversation has to the ones it should have, so callers
 * touch the store only for what moved (most messages change one deadline, not nine).
 */
import type { Deadline } from "./timeouts.model";

/** What to write: deadlines to (re)set, and kinds to cancel. */
export interface DeadlineDiff<K extends string> {
  readonly set: Deadline<K>[];
  readonly cancel: K[];
}

/**
 * Compares by kind (one deadline per kind per conversation): a wanted kind that is missing or has
 * another due time is set; a current kind no longer wanted is cancelled; equal ones are left alone.
 */
export function diffDeadlines<K extends string>(current: readonly Deadline<K>[], wanted: readonly Deadline<K>[]): DeadlineDiff<K> {
  const existing = new Map(current.map((d) => [d.kind, d.dueAt]));
  const wantedKinds = new Set(wanted.map((d) => d.kind));
  return {
    set: wanted.filter((d) => existing.get(d.kind) !== d.dueAt),
    cancel: [...existing.keys()].filter((kind) => !wantedKinds.has(kind)),
  };
}
