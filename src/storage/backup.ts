/**
 * Online, consistent backups of the live database. `VACUUM INTO` reads one snapshot inside a read
 * transaction, so in WAL mode it runs while the server keeps writing, from the server itself or
 * from a second process (`parley backup`). The copy is written under a temporary name, verified
 * with `PRAGMA integrity_check`, and only then renamed into place, so a backup file that exists is
 * always complete and valid.
 */
import { Database } from "bun:sqlite";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** What a finished backup produced. */
export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly durationMs: number;
}

/** Backs up an already open database (the server's own handle) to `target`, atomically. */
export function backupDatabase(sqlite: Database, target: string): BackupResult {
  const started = performance.now();
  const file = resolve(target);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.partial-${process.pid}-${Date.now()}`;
  try {
    sqlite.query("VACUUM INTO ?").run(temp);
    verifyIntegrity(temp);
    renameSync(temp, file);
  } finally {
    if (existsSync(temp)) rmSync(temp, { force: true });
  }
  return { file, bytes: statSync(file).size, durationMs: Math.round(performance.now() - started) };
}

/**
 * Backs up a database file that another process (the running server) may be using. Opens its own
 * connection, read-only so it can never change the source, and waits on locks rather than failing.
 */
export function backupDatabaseFile(source: string, target: string): BackupResult {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  if (resolve(source) === resolve(target)) throw new Error("the backup target is the database itself");
  const sqlite = new Database(source, { readonly: true });
  try {
    sqlite.run("PRAGMA busy_timeout = 5000");
    return backupDatabase(sqlite, target);
  } finally {
    sqlite.close();
  }
}

/** Throws unless SQLite's own integrity check of `file` answers exactly "ok". */
export function verifyIntegrity(file: string): void {
  const copy = new Database(file, { readonly: true });
  try {
    const rows = copy.query("PRAGMA integrity_check").values().map((row) => String(row[0]));
    if (rows.length !== 1 || rows[0] !== "ok") throw new Error(`backup failed its integrity check: ${rows.slice(0, 5).join("; ")}`);
  } finally {
    copy.close();
  }
}
