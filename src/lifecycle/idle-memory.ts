/**
 * Memory an idle appliance does not need, given back once the main connection has written nothing
 * for a quiet period (once per quiet spell), and once right after the start's deferred work:
 * - SQLite's page cache, which may grow to 32 MiB under load (src/storage/db.ts): `PRAGMA
 *   shrink_memory` frees its unused memory. Nothing is lost (dirty pages are only ever in committed
 *   transactions' WAL frames, never only in the cache); the cache fills again with the next work.
 * - The runtime's compiled code and free heap: `Bun.shrink()` is JavaScriptCore's
 *   `shrinkFootprintWhenIdle` (what Bun itself runs under memory pressure): it drops every function's
 *   compiled code — rebuilt from the bytecode embedded in the binary when the function next runs —
 *   then collects fully and returns free malloc memory to the system. At start that is the code of
 *   everything that ran once (module evaluation, config reading, migrations): 2.5–4 MB
 *   (scripts/bench-startup.ts, docs/operations.md).
 */
import type { Database } from "bun:sqlite";

/** What the caller can stop. */
export interface IdleRelease {
  stop(): void;
}

/** How often the connection's write counter is looked at, and so the quiet period. */
export const IDLE_RELEASE_EVERY_MS = 5_000;

/**
 * Decides, from successive readings of the connection's `total_changes()`, when to release: after a
 * reading equal to the previous one (no write in a whole period), once until the next write.
 */
export class QuietDetector {
  private last = -1;
  private released = false;

  /** Feeds a reading; true when memory should be released now. */
  tick(totalChanges: number): boolean {
    const quiet = totalChanges === this.last;
    this.last = totalChanges;
    if (!quiet) {
      this.released = false;
      return false;
    }
    if (this.released) return false;
    this.released = true;
    return true;
  }
}

/** Gives SQLite's unused page cache and the runtime's compiled code and free heap back (see the module comment). */
export function releaseIdleMemory(sqlite: Database): void {
  try {
    sqlite.run("PRAGMA shrink_memory");
  } catch {
    // the database is already closed (a shutdown under way): it holds no cache any more
  }
  // Runs once the current JavaScript has returned to the event loop (JavaScriptCore's "when idle").
  Bun.shrink();
}

/** Releases idle memory after each quiet period of {@link IDLE_RELEASE_EVERY_MS}. */
export function startIdleRelease(sqlite: Database, everyMs = IDLE_RELEASE_EVERY_MS): IdleRelease {
  const detector = new QuietDetector();
  const changes = sqlite.query<{ n: number }, []>("SELECT total_changes() AS n");
  const timer = setInterval(() => {
    if (detector.tick(changes.get()?.n ?? 0)) releaseIdleMemory(sqlite);
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
