/**
 * The page cache may grow to 32 MiB under load (src/storage/db.ts), which an idle appliance does not
 * need to keep: once the main connection has written nothing for a quiet period, SQLite is asked to
 * free its unused cache memory (`PRAGMA shrink_memory`), once per quiet spell. The cache fills again
 * as soon as work comes back; nothing is lost (dirty pages are only ever in committed transactions'
 * WAL frames, never only in the cache).
 */
import type { Database } from "bun:sqlite";

/** What the caller can stop. */
export interface IdleShrink {
  stop(): void;
}

/** How often the connection's write counter is looked at, and so the quiet period. */
export const IDLE_SHRINK_EVERY_MS = 5_000;

/**
 * Decides, from successive readings of the connection's `total_changes()`, when to shrink: after a
 * reading equal to the previous one (no write in a whole period), once until the next write.
 */
export class QuietDetector {
  private last = -1;
  private shrunk = false;

  /** Feeds a reading; true when the cache should be shrunk now. */
  tick(totalChanges: number): boolean {
    const quiet = totalChanges === this.last;
    this.last = totalChanges;
    if (!quiet) {
      this.shrunk = false;
      return false;
    }
    if (this.shrunk) return false;
    this.shrunk = true;
    return true;
  }
}

/** Shrinks `sqlite`'s page cache after each quiet period of {@link IDLE_SHRINK_EVERY_MS}. */
export function startIdleShrink(sqlite: Database, everyMs = IDLE_SHRINK_EVERY_MS): IdleShrink {
  const detector = new QuietDetector();
  const changes = sqlite.query<{ n: number }, []>("SELECT total_changes() AS n");
  const timer = setInterval(() => {
    if (detector.tick(changes.get()?.n ?? 0)) sqlite.run("PRAGMA shrink_memory");
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
