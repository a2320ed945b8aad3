/**
 * The conversation list's filters and orderings, as a live chat inbox offers them: Unread /
 * Unresolved / Done / All, assigned to me, department, priority, tag, a visitor search, sorted by
 * newest activity or by priority then SLA due time. Pure, so the list and its tests agree.
 */
import type { Priority } from "../../shared/protocol";
import type { ConversationEntry } from "../state/console.model";
import { isUnread, visitorLabel, waitingSince } from "../state/conversation.derive";

/** Status folders of the list. */
export const STATUS_FOLDERS = ["unread", "unresolved", "done", "all"] as const;
export type StatusFolder = (typeof STATUS_FOLDERS)[number];
/** Orderings of the list. */
export type SortOrder = "newest" | "priority";

/** What the operator chose in the filter bar. */
export interface ListFilter {
  readonly folder: StatusFolder;
  readonly mine: boolean;
  readonly department: string | null;
  readonly priority: Priority | null;
  readonly tag: string | null;
  readonly search: string;
  readonly sort: SortOrder;
}

/** The list as it opens: everything not done, newest first. */
export const DEFAULT_FILTER: ListFilter = { folder: "unresolved", mine: false, department: null, priority: null, tag: null, search: "", sort: "newest" };

const PRIORITY_RANK: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };

/** Whether a conversation belongs in a status folder. */
export function inFolder(entry: ConversationEntry, folder: StatusFolder): boolean {
  switch (folder) {
    case "unread":
      return isUnread(entry);
    case "unresolved":
      return entry.view.state !== "ended";
    case "done":
      return entry.view.state === "ended";
    case "all":
      return true;
  }
}

/** Whether a conversation passes every filter. */
export function matches(entry: ConversationEntry, filter: ListFilter, me: string | null): boolean {
  const v = entry.view;
  if (!inFolder(entry, filter.folder)) return false;
  if (filter.mine && (me === null || v.operatorId !== me)) return false;
  if (filter.department !== null && v.department !== filter.department) return false;
  if (filter.priority !== null && v.priority !== filter.priority) return false;
  if (filter.tag !== null && !v.tags.includes(filter.tag)) return false;
  const q = filter.search.trim().toLowerCase();
  if (q) {
    const haystack = [visitorLabel(entry), v.visitor.email ?? "", ...v.tags].join(" ").toLowerCase();
    if (!haystack.includes(q)) return false;
  }
  return true;
}

/** Newest activity first. */
function byNewest(a: ConversationEntry, b: ConversationEntry): number {
  return b.view.lastMessageAt - a.view.lastMessageAt || b.view.createdAt - a.view.createdAt;
}

/** Highest priority first; then the SLA due soonest; then the visitor waiting longest. */
function byPriority(a: ConversationEntry, b: ConversationEntry): number {
  const rank = PRIORITY_RANK[b.view.priority] - PRIORITY_RANK[a.view.priority];
  if (rank) return rank;
  const dueA = a.view.slaDueAt ?? Number.POSITIVE_INFINITY;
  const dueB = b.view.slaDueAt ?? Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  const waitA = waitingSince(a) ?? Number.POSITIVE_INFINITY;
  const waitB = waitingSince(b) ?? Number.POSITIVE_INFINITY;
  if (waitA !== waitB) return waitA < waitB ? -1 : 1;
  return byNewest(a, b);
}

/** The conversations to list, filtered and sorted. Conversations asking for attention come first. */
export function visibleConversations(entries: Iterable<ConversationEntry>, filter: ListFilter, me: string | null): ConversationEntry[] {
  const order = filter.sort === "priority" ? byPriority : byNewest;
  return [...entries]
    .filter((e) => matches(e, filter, me))
    .sort((a, b) => Number(b.attention) - Number(a.attention) || order(a, b));
}

/** Every tag used by the held conversations, for the tag filter. */
export function knownTags(entries: Iterable<ConversationEntry>): string[] {
  const tags = new Set<string>();
  for (const e of entries) for (const t of e.view.tags) tags.add(t);
  return [...tags].sort((a, b) => a.localeCompare(b));
}

/** Counts per folder, shown next to the folder names. */
export function folderCounts(entries: Iterable<ConversationEntry>): Record<StatusFolder, number> {
  const counts: Record<StatusFolder, number> = { unread: 0, unresolved: 0, done: 0, all: 0 };
  for (const e of entries) for (const folder of STATUS_FOLDERS) if (inFolder(e, folder)) counts[folder]++;
  return counts;
}
