/**
 * The waiting queues: one ordered set per queue key, each an order-statistic red-black tree
 * (js-sdsl `OrderedSet` with indexing), so insert, remove and "what is my position" are O(log n)
 * whatever the queue length. That is what keeps one queue change from costing n per-visitor updates:
 * the engine emits one `queue.changed` and visitors' positions are read lazily from here.
 */
import { OrderedSet } from "js-sdsl";
import { compareEntries, type QueueEntry } from "./queue.model";

/** Where a conversation was when it left its queue. */
export interface QueueRemoval {
  readonly queueKey: string;
  /** 1-based position it had. */
  readonly position: number;
}

/** All waiting conversations, by queue. */
export class WaitingQueue {
  private readonly queues = new Map<string, OrderedSet<QueueEntry>>();
  private readonly byConversation = new Map<string, QueueEntry>();

  /** Adds a conversation (replacing a previous entry for it) and returns its 1-based position. */
  add(entry: QueueEntry): number {
    this.remove(entry.conversationId);
    let set = this.queues.get(entry.queueKey);
    if (!set) {
      set = new OrderedSet<QueueEntry>([], compareEntries, true);
      this.queues.set(entry.queueKey, set);
    }
    set.insert(entry);
    this.byConversation.set(entry.conversationId, entry);
    return set.find(entry).index + 1;
  }

  /** Removes a conversation; null when it was not waiting. */
  remove(conversationId: string): QueueRemoval | null {
    const entry = this.byConversation.get(conversationId);
    if (!entry) return null;
    const set = this.queues.get(entry.queueKey)!;
    const iterator = set.find(entry);
    const position = iterator.index + 1;
    set.eraseElementByIterator(iterator);
    this.byConversation.delete(conversationId);
    if (set.size() === 0) this.queues.delete(entry.queueKey);
    return { queueKey: entry.queueKey, position };
  }

  has(conversationId: string): boolean {
    return this.byConversation.has(conversationId);
  }

  /** The entry a waiting conversation was queued with. */
  entry(conversationId: string): QueueEntry | undefined {
    return this.byConversation.get(conversationId);
  }

  /** 1-based position in its own queue, or null when not waiting. O(log n). */
  position(conversationId: string): number | null {
    const entry = this.byConversation.get(conversationId);
    if (!entry) return null;
    return this.queues.get(entry.queueKey)!.find(entry).index + 1;
  }

  /** Number of conversations waiting in one queue. */
  length(queueKey: string): number {
    return this.queues.get(queueKey)?.size() ?? 0;
  }

  /** Number of conversations waiting in all queues. */
  get size(): number {
    return this.byConversation.size;
  }

  /** The conversation that would be served first in a queue. */
  head(queueKey: string): QueueEntry | undefined {
    return this.queues.get(queueKey)?.front();
  }

  /** Keys of the queues that have someone waiting. */
  keys(): IterableIterator<string> {
    return this.queues.keys();
  }

  /** A queue's entries in service order. O(n): for snapshots and restores, not the hot path. */
  *entries(queueKey: string): Generator<QueueEntry> {
    const set = this.queues.get(queueKey);
    if (set) yield* set;
  }

  /** Empties every queue (before a restore). */
  clear(): void {
    this.queues.clear();
    this.byConversation.clear();
  }
}
