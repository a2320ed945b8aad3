/**
 * Opens Parley's one SQLite database (bun:sqlite behind drizzle) with the pragmas a concurrent
 * chat server needs, and brings its schema up to date from the embedded migrations. Every
 * repository receives the `db` returned here; tests call `openDatabase(":memory:")`.
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { drizzle, type BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { applyMigrations } from "./migrations";

/**
 * The drizzle handle every repository and query takes. Named here so modules outside src/storage
 * can pass it along without importing drizzle themselves.
 */
export type Db = BunSQLiteDatabase;

/**
 * The bun:sqlite handle behind a drizzle handle, for the few statements on the per-message path that
 * run raw (prepared once, positional values): drizzle's own per-call work costs more than SQLite's there.
 */
export function sqliteOf(db: BunSQLiteDatabase): Database {
  return (db as BunSQLiteDatabase & { readonly $client: Database }).$client;
}

/** The database file's name inside `storage.dataDir`. */
export const DATABASE_FILE_NAME = "parley.db";

/** Where the database of a data directory lives (the server, `parley backup` and tests agree on it). */
export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}

/** An open database: the raw handle (pragmas, prepared hot paths, backup), the drizzle wrapper, and a closer. */
export interface OpenDatabase {
  readonly sqlite: Database;
  readonly db: BunSQLiteDatabase;
  /** Checkpoints the WAL into the main file (so a copied .db is complete) and closes. Safe to call twice. */
  close(): void;
}

/** Options mostly for tests: build a database at an older schema version. */
export interface OpenDatabaseOptions {
  /** Apply only the first N embedded migrations (default: all). */
  migrateUpTo?: number;
}

/**
 * WAL lets readers (dashboards, backups) run while one writer commits; NORMAL sync is durable
 * across process crashes in WAL mode; busy_timeout makes a second process (e.g. `parley backup`)
 * wait instead of failing with SQLITE_BUSY. The page cache holds up to 32 MiB (SQLite's default is
 * 2 MiB): every message writes the last leaf of its conversation in two indexes of the event log, so
 * 2,500 busy conversations touch ~20 MiB of pages, and with 2 MiB nearly each one was read back
 * from the OS (a pread per page) — the bench's saturation 17.7–19.7k → 19.9–21.1k msg/s. The cache
 * fills only as pages are used, and the server gives it back after 5 s without a write
 * (src/lifecycle/idle-memory.ts): without that, the pages the 2,500 bench conversations' creation
 * touched stayed cached, ~3 KB more per idle connection (20–21 KB vs 17–18).
 */
const PRAGMAS = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000", "PRAGMA cache_size = -32768"];

/** Opens (creating if needed) the database file, or an in-memory one, and applies pending migrations. */
export function openDatabase(file: string | ":memory:", options: OpenDatabaseOptions = {}): OpenDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { create: true, strict: true });
  for (const pragma of PRAGMAS) sqlite.run(pragma);
  const db = drizzle({ client: sqlite });
  try {
    applyMigrations(db, options.migrateUpTo);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  let closed = false;
  return {
    sqlite,
    db,
    close() {
      if (closed) return;
      closed = true;
      if (file !== ":memory:") sqlite.run("PRAGMA wal_checkpoint(TRUNCATE)");
      sqlite.close();
    },
  };
}
