import { afterEach, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backupDatabase, backupDatabaseFile, verifyIntegrity } from "./backup";
import { openDatabase } from "./db";
import { migrationStatus } from "./migrations";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-backup-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const insert = (db: Database, key: string) => db.query("INSERT INTO app_meta (key, value, updated_at) VALUES (?, 'v', 1)").run(key);
const count = (db: Database) => (db.query("SELECT count(*) AS n FROM app_meta").get() as { n: number }).n;

test("a backup taken while the database is open holds every committed row, including rows still in the WAL", () => {
  const dir = tempDir();
  const live = openDatabase(join(dir, "parley.db"));
  for (let i = 0; i < 50; i++) insert(live.sqlite, `k${i}`);
  const result = backupDatabase(live.sqlite, join(dir, "backups", "b1.db"));
  insert(live.sqlite, "after-backup");
  const copy = new Database(result.file, { readonly: true });
  expect(count(copy)).toBe(50);
  expect(migrationStatus(copy).upToDate).toBe(true);
  expect(result.bytes).toBeGreaterThan(0);
  copy.close();
  live.close();
});

test("another process can back up the file while the server holds a write transaction open", () => {
  const dir = tempDir();
  const live = openDatabase(join(dir, "parley.db"));
  insert(live.sqlite, "committed");
  live.sqlite.run("BEGIN IMMEDIATE");
  insert(live.sqlite, "uncommitted");
  const result = backupDatabaseFile(join(dir, "parley.db"), join(dir, "b.db"));
  live.sqlite.run("COMMIT");
  const copy = new Database(result.file, { readonly: true });
  expect(copy.query("SELECT key FROM app_meta").all()).toEqual([{ key: "committed" }]);
  copy.close();
  live.close();
});

test("an existing backup file is replaced atomically and no partial file is left behind", () => {
  const dir = tempDir();
  const live = openDatabase(join(dir, "parley.db"));
  insert(live.sqlite, "one");
  backupDatabase(live.sqlite, join(dir, "b.db"));
  insert(live.sqlite, "two");
  backupDatabase(live.sqlite, join(dir, "b.db"));
  const copy = new Database(join(dir, "b.db"), { readonly: true });
  expect(count(copy)).toBe(2);
  copy.close();
  expect(readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
  live.close();
});

test("refuses a missing source and a target equal to the source", () => {
  const dir = tempDir();
  expect(() => backupDatabaseFile(join(dir, "nope.db"), join(dir, "b.db"))).toThrow("no database");
  const live = openDatabase(join(dir, "parley.db"));
  expect(() => backupDatabaseFile(join(dir, "parley.db"), join(dir, "parley.db"))).toThrow("the database itself");
  live.close();
  expect(existsSync(join(dir, "b.db"))).toBe(false);
});

test("integrity verification rejects a file that is not a sound database", () => {
  const dir = tempDir();
  const bad = join(dir, "bad.db");
  writeFileSync(bad, "this is not sqlite".repeat(100));
  expect(() => verifyIntegrity(bad)).toThrow();
});
