import { afterEach, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import journal from "./migrations/meta/_journal.json" with { type: "json" };
import { openDatabase } from "./db";
import { MIGRATION_SQL, MIGRATIONS_TABLE, embeddedMigrations, migrationStatus } from "./migrations";

const folder = join(import.meta.dir, "migrations");
const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-mig-"));
  dirs.push(dir);
  return join(dir, "parley.db");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const userTables = (db: ReturnType<typeof openDatabase>) =>
  (db.sqlite.query("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe("embedded migration registry", () => {
  test("registers exactly the SQL files drizzle-kit wrote, and the journal lists the same tags", () => {
    const onDisk = readdirSync(folder).filter((f) => f.endsWith(".sql")).map((f) => f.replace(/\.sql$/, "")).sort();
    expect(Object.keys(MIGRATION_SQL).sort()).toEqual(onDisk);
    expect(journal.entries.map((e) => e.tag).sort()).toEqual(onDisk);
  });

  test("builds the same metadata (statements, hash, timestamp) as drizzle's file-based migrator", () => {
    expect(embeddedMigrations()).toEqual(readMigrationFiles({ migrationsFolder: folder }));
  });
});

describe("openDatabase", () => {
  test("an empty database gets every migration and is reported up to date", () => {
    const db = openDatabase(tempDb());
    expect(userTables(db)).toContain("app_meta");
    expect(migrationStatus(db.sqlite)).toEqual({ applied: journal.entries.length, expected: journal.entries.length, upToDate: true });
    db.close();
  });

  test("a database left at any earlier migration is brought up to date on open", () => {
    const total = journal.entries.length;
    for (let k = 0; k < total; k++) {
      const file = tempDb();
      const old = openDatabase(file, { migrateUpTo: k });
      expect(migrationStatus(old.sqlite).upToDate).toBe(false);
      old.close();
      const current = openDatabase(file);
      expect(migrationStatus(current.sqlite)).toEqual({ applied: total, expected: total, upToDate: true });
      current.close();
    }
  });

  test("re-opening is a no-op: no migration runs twice and data survives", () => {
    const file = tempDb();
    const first = openDatabase(file);
    first.sqlite.run("INSERT INTO app_meta (key, value, updated_at) VALUES ('instance_id', 'abc', 1)");
    first.close();
    const again = openDatabase(file);
    const rows = again.sqlite.query(`SELECT count(*) AS n FROM ${MIGRATIONS_TABLE}`).get() as { n: number };
    expect(rows.n).toBe(journal.entries.length);
    expect(again.sqlite.query("SELECT value FROM app_meta WHERE key='instance_id'").get()).toEqual({ value: "abc" });
    again.close();
  });

  test("uses WAL, enforces foreign keys and waits on locks instead of failing", () => {
    const db = openDatabase(tempDb());
    expect(db.sqlite.query("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(db.sqlite.query("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    expect(db.sqlite.query("PRAGMA busy_timeout").get()).toEqual({ timeout: 5000 });
    db.close();
  });

  test("close() checkpoints the WAL so the main file alone holds the data, even while another process has it open", () => {
    const file = tempDb();
    const db = openDatabase(file);
    const otherProcess = new Database(file, { readonly: true });
    db.sqlite.run("INSERT INTO app_meta (key, value, updated_at) VALUES ('k', 'v', 1)");
    db.close();
    db.close();
    const copy = join(file, "..", "copy.db");
    copyFileSync(file, copy);
    const alone = new Database(copy, { readonly: true });
    expect(alone.query("SELECT value FROM app_meta WHERE key = 'k'").get()).toEqual({ value: "v" });
    alone.close();
    otherProcess.close();
  });
});
