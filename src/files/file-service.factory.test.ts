import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../config/schema";
import { ManualClock } from "../core/clock";
import { openDatabase, type OpenDatabase } from "../storage/db";
import { conversation, PNG, visitor } from "./file-fixtures.testing";
import { filesDirectory, openFileService } from "./file-service.factory";

let dataDir: string;
let database: OpenDatabase;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "parley-factory-"));
  database = openDatabase(":memory:");
});
afterEach(() => {
  database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const config = (filesDays: number) =>
  ({ files: { maxBytes: 1024, allowedTypes: ["image/png"] }, storage: { dataDir, retention: { conversationsDays: 0, filesDays } } }) as unknown as Config;

test("the service stores blobs under <dataDir>/files and clears a crash's leftovers at startup", async () => {
  const clock = new ManualClock(Date.now());
  const leftover = join(filesDirectory(dataDir), "tmp", "crashed.part");
  mkdirSync(join(filesDirectory(dataDir), "tmp"), { recursive: true });
  writeFileSync(leftover, "half an upload");
  const yesterday = new Date(clock.now() - 24 * 60 * 60 * 1000);
  utimesSync(leftover, yesterday, yesterday);

  const service = await openFileService({ db: database.db, dataDir, config: () => config(0), clock, findConversation: () => conversation() });
  expect(existsSync(leftover)).toBe(false);

  async function* bytes() {
    yield PNG;
  }
  const file = await service.upload(visitor("v1"), "c1", { fileName: "a.png", content: bytes() });
  expect(existsSync(join(dataDir, "files", file.sha256.slice(0, 2), file.sha256.slice(2, 4), file.sha256))).toBe(true);
});
