/**
 * Instance metadata (see meta.table.ts): a stable instance id, minted on the very first start and
 * kept across restarts and backups, and when this installation first started — useful in support
 * requests, metrics labels and "since" figures.
 */
import { eq } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Clock, IdGenerator } from "../../core/clock";
import { appMeta, META_KEYS } from "../tables/meta.table";

/** Who this installation is. */
export interface InstanceInfo {
  readonly instanceId: string;
  /** Epoch ms of the first start of this database. */
  readonly firstStartedAt: number;
}

/** Reads one metadata value, or null. */
export function readMeta(db: BunSQLiteDatabase, key: string): string | null {
  return db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, key)).get()?.value ?? null;
}

/** Returns the instance identity, creating it on first start (idempotent; existing values never change). */
export function ensureInstance(db: BunSQLiteDatabase, clock: Clock, ids: IdGenerator): InstanceInfo {
  const now = clock.now();
  db.insert(appMeta)
    .values([
      { key: META_KEYS.instanceId, value: ids.next("inst"), updatedAt: now },
      { key: META_KEYS.firstStartedAt, value: String(now), updatedAt: now },
    ])
    .onConflictDoNothing()
    .run();
  return { instanceId: readMeta(db, META_KEYS.instanceId)!, firstStartedAt: Number(readMeta(db, META_KEYS.firstStartedAt)) };
}
