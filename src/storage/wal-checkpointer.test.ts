import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type OpenDatabase } from "./db";
import { ManualClock } from "../core/clock";
import { ManualTimers } from "../jobs/timer-driver";
import { FIRST_WRITE_POLL_MS, startWalCheckpointer, startWalCheckpointerOnFirstWrite, type CheckpointReport, type WalCheckpointer } from "./wal-checkpointer";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDatabase(): { database: OpenDatabase; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "parley-ckpt-"));
  const file = join(dir, "parley.db");
  const database = openDatabase(file);
  database.sqlite.run("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  cleanups.push(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { database, file };
}

/** Writes `pages` pages' worth of rows in one transaction. */
function write(database: OpenDatabase, pages: number): void {
  const insert = database.sqlite.prepare("INSERT INTO filler (body) VALUES (?)");
  database.sqlite.transaction(() => {
    for (let i = 0; i < pages * 2; i++) insert.run("x".repeat(1800));
  })();
}

const autocheckpoint = (database: OpenDatabase) => (database.sqlite.query("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number }).wal_autocheckpoint;

/** Starts a checkpointer whose reports can be awaited one by one. */
function checkpointer(database: OpenDatabase, file: string, maxWalFrames?: number) {
  const reports: CheckpointReport[] = [];
  let waiting: ((report: CheckpointReport) => void) | null = null;
  const errors: string[] = [];
  const debug: { message: string; fields?: Record<string, unknown> }[] = [];
  const running: WalCheckpointer = startWalCheckpointer(database.sqlite, file, {
    intervalMs: 1,
    maxWalFrames,
    logger: { debug: (message, fields) => debug.push({ message, fields }), warn: () => {}, error: (message) => errors.push(message) },
    onCheckpoint: (report) => {
      reports.push(report);
      waiting?.(report);
    },
  });
  cleanups.push(() => running.stop());
  /** The first report that satisfies `accept`, from now on. */
  const next = (accept: (report: CheckpointReport) => boolean) =>
    new Promise<CheckpointReport>((resolve) => {
      waiting = (report) => {
        if (!accept(report)) return;
        waiting = null;
        resolve(report);
      };
    });
  return { running, reports, next, errors, debug };
}

describe("WAL checkpoints on a worker thread", () => {
  test("commits no longer checkpoint; the worker copies every committed page back into the database file", async () => {
    const { database, file } = tempDatabase();
    const { next } = checkpointer(database, file);
    expect(autocheckpoint(database)).toBe(0);
    write(database, 50);
    const report = await next((r) => r.logFrames >= 50 && r.checkpointedFrames === r.logFrames);
    expect(report.busy).toBe(false);
    // Everything is in the database file: a fresh connection reads it even after the WAL restarts.
    write(database, 1);
    expect((database.sqlite.query("SELECT count(*) AS n FROM filler").get() as { n: number }).n).toBe(102);
  });

  test("a WAL past maxWalFrames is checkpointed by the main connection too, so the next commit restarts it", async () => {
    const { database, file } = tempDatabase();
    const { next, debug } = checkpointer(database, file, 20);
    write(database, 40);
    await next((r) => r.handOver);
    expect(debug.map((d) => d.message)).toContain("WAL over its limit: checkpointed on the main connection so the next commit restarts it");
    write(database, 2);
    expect((await next(() => true)).logFrames).toBeLessThan(20);
  });

  test("past the limit the worker catches up once more before it hands over, and keeps the WAL file's size", async () => {
    const { database, file } = tempDatabase();
    const { next, reports } = checkpointer(database, file, 20);
    write(database, 40);
    const handOver = await next((r) => r.handOver);
    const before = reports[reports.indexOf(handOver) - 1]!;
    expect(before.logFrames).toBeGreaterThan(20);
    expect(before.handOver).toBe(false);
    const limit = (database.sqlite.query("PRAGMA journal_size_limit").get() as { journal_size_limit: number }).journal_size_limit;
    expect(limit).toBeGreaterThan(40 * 4096);
  });

  test("under the limit the main connection leaves every checkpoint to the worker", async () => {
    const { database, file } = tempDatabase();
    const { next, debug } = checkpointer(database, file, 1000);
    write(database, 40);
    await next((r) => r.logFrames >= 40 && r.checkpointedFrames === r.logFrames);
    expect(debug).toEqual([]);
  });

  test("stop: the worker closes its connection and commits checkpoint by themselves again", async () => {
    const { database, file } = tempDatabase();
    const { running, next } = checkpointer(database, file);
    await next(() => true);
    await running.stop();
    expect(autocheckpoint(database)).toBe(1000);
    await running.stop(); // idempotent
  });

  test("a worker that cannot open the database gives the checkpoints back to the commits and says why", async () => {
    const { database } = tempDatabase();
    const { running, errors } = checkpointer(database, join(tmpdir(), "parley-no-such-dir", "x", "parley.db"));
    await running.stop();
    expect(autocheckpoint(database)).toBe(1000);
    expect(errors).toEqual(["WAL checkpointer failed; the database checkpoints on commit again"]);
  });
});

describe("a server that has not written yet runs no checkpointer", () => {
  test("the worker starts at the first look after the first write, and not before", async () => {
    const { database, file } = tempDatabase();
    const timers = new ManualTimers(new ManualClock());
    let reported!: () => void;
    const firstReport = new Promise<void>((resolve) => (reported = resolve));
    const running = startWalCheckpointerOnFirstWrite(database.sqlite, file, {
      intervalMs: 1,
      logger: { debug: () => {}, warn: () => {}, error: () => {} },
      onCheckpoint: () => reported(),
      timers,
    });
    cleanups.push(() => running.stop());
    await timers.advance(2 * FIRST_WRITE_POLL_MS);
    expect(autocheckpoint(database)).toBe(1000); // the commits still checkpoint by themselves
    database.sqlite.query("SELECT count(*) FROM filler").get(); // reading is not writing
    await timers.advance(FIRST_WRITE_POLL_MS);
    expect(autocheckpoint(database)).toBe(1000);
    expect(running.last).toBeNull();

    write(database, 5);
    await timers.advance(FIRST_WRITE_POLL_MS);
    expect(autocheckpoint(database)).toBe(0); // the worker checkpoints now
    expect(timers.pending).toBe(0); // and nothing is watched any more
    await firstReport;
    expect(running.last).not.toBeNull();
    await running.stop();
    expect(autocheckpoint(database)).toBe(1000);
  });

  test("stopped before any write: nothing was started, nothing is watched any more", async () => {
    const { database, file } = tempDatabase();
    const timers = new ManualTimers(new ManualClock());
    const running = startWalCheckpointerOnFirstWrite(database.sqlite, file, { logger: { debug: () => {}, warn: () => {}, error: () => {} }, timers });
    expect(timers.pending).toBe(1);
    await running.stop();
    expect(timers.pending).toBe(0);
    expect(autocheckpoint(database)).toBe(1000);
  });
});
