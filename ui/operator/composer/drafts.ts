/**
 * Unsent replies survive a reload: each conversation's draft is kept in localStorage under the
 * operator's id (two colleagues sharing a browser never see each other's drafts). Writes are
 * cheap, so every input saves; an empty draft removes the key. Drafts older than a week are pruned.
 */

/** The part of `Storage` drafts use (tests pass a Map-backed fake). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

const PREFIX = "parley.console.draft.";
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

interface StoredDraft {
  readonly text: string;
  readonly savedAt: number;
}

/** Per-operator drafts. */
export class Drafts {
  constructor(
    private readonly storage: DraftStorage | null,
    private readonly operatorId: string,
    private readonly now: () => number = Date.now,
  ) {}

  private key(conversationId: string): string {
    return `${PREFIX}${this.operatorId}.${conversationId}`;
  }

  /** The saved draft of a conversation, or "". */
  load(conversationId: string): string {
    const raw = this.safe(() => this.storage?.getItem(this.key(conversationId)) ?? null);
    if (!raw) return "";
    try {
      const draft = JSON.parse(raw) as StoredDraft;
      return typeof draft.text === "string" ? draft.text : "";
    } catch {
      return "";
    }
  }

  /** Saves (or, when blank, removes) a conversation's draft. */
  save(conversationId: string, text: string): void {
    if (!text.trim()) return this.clear(conversationId);
    this.safe(() => this.storage?.setItem(this.key(conversationId), JSON.stringify({ text, savedAt: this.now() } satisfies StoredDraft)));
  }

  /** Removes a conversation's draft (after sending). */
  clear(conversationId: string): void {
    this.safe(() => this.storage?.removeItem(this.key(conversationId)));
  }

  /** Removes this operator's drafts older than a week. */
  prune(): void {
    const storage = this.storage;
    if (!storage) return;
    const mine = `${PREFIX}${this.operatorId}.`;
    const stale: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(mine)) continue;
      try {
        const draft = JSON.parse(storage.getItem(key) ?? "null") as StoredDraft | null;
        if (!draft || this.now() - draft.savedAt > MAX_AGE_MS) stale.push(key);
      } catch {
        stale.push(key);
      }
    }
    for (const key of stale) this.safe(() => storage.removeItem(key));
  }

  /** Storage may throw (quota, privacy mode): a draft is a convenience, never an error. */
  private safe<T>(fn: () => T): T | null {
    try {
      return fn();
    } catch {
      return null;
    }
  }
}
