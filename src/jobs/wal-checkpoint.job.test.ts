import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../observability/logger";
import { openDatabase } from "../storage/db";
import { runWalCheckpoint, sqliteWalCheckpoint } from "./wal-checkpoint.job";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("a checkpoint copies the WAL back into the database and truncates the -wal file", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-wal-"));
  dirs.push(dir);
  const file = join(dir, "parley.db");
  const db = openDatabase(file);
  db.sqlite.run("PRAGMA wal_autocheckpoint = 0"); // let the WAL grow, as it can under constant readers
  db.sqlite.run("CREATE TABLE filler (x TEXT)");
  for (let i = 0; i < 200; i++) db.sqlite.run("INSERT INTO filler VALUES (?)", ["x".repeat(2000)]);
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(100_000);

  const lines: string[] = [];
  const result = runWalCheckpoint(sqliteWalCheckpoint(db.sqlite), createLogger({ level: "debug", sink: (l) => lines.push(l) }));
  expect(result.busy).toBe(false);
  expect(result.checkpointedFrames).toBe(result.logFrames);
  expect(statSync(`${file}-wal`).size).toBe(0);
  expect(lines.some((l) => l.includes("WAL checkpoint done"))).toBe(true);
  db.close();
});

test("a busy checkpoint is a warning, not a failure", () => {
  const lines: string[] = [];
  const result = runWalCheckpoint({ checkpointWal: () => ({ busy: true, logFrames: 10, checkpointedFrames: 3 }) }, createLogger({ sink: (l) => lines.push(l) }));
  expect(result.busy).toBe(true);
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: "warn", busy: true, logFrames: 10 });
});
