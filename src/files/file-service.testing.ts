/**
 * A real file service for tests: in-memory SQLite with the real migrations, a temporary data
 * directory, a manual clock and a hand-held conversation table. Test support only.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../config/schema";
import { ManualClock } from "../core/clock";
import { AppError } from "../core/errors";
import { openDatabase } from "../storage/db";
import { createFileRepository } from "../storage/repositories/file.repository";
import { BlobStore } from "./blob.store";
import type { FileConversationView, FilePrincipal, FileRepository } from "./file.model";
import { FileService } from "./file.service";

/** Everything a test may poke at. */
export interface FileHarness {
  readonly service: FileService;
  readonly repository: FileRepository;
  readonly blobs: BlobStore;
  readonly clock: ManualClock;
  readonly conversations: Map<string, FileConversationView>;
  /** Mutable `config.files`, read on every upload like the hot-reloaded config. */
  readonly settings: Config["files"];
  /** Principals the rate limit saw, and whether to refuse the next ones. */
  readonly rateLimit: { seen: FilePrincipal[]; refuse: boolean };
  /** Files currently stored under files/ (blobs only, not the temporary area). */
  storedBlobs(): string[];
  /** Files in the temporary area. */
  temporaryFiles(): string[];
  close(): void;
}

/** Builds a harness; call `close()` in afterEach. */
export function createFileHarness(settings: Partial<Config["files"]> = {}): FileHarness {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-files-"));
  const database = openDatabase(":memory:");
  const repository = createFileRepository(database.db);
  const blobs = new BlobStore(join(dataDir, "files"));
  const clock = new ManualClock();
  const conversations = new Map<string, FileConversationView>();
  const files: Config["files"] = {
    maxBytes: 1024,
    allowedTypes: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"],
    ...settings,
  };
  const rateLimit = { seen: [] as FilePrincipal[], refuse: false };
  let ids = 0;
  const service = new FileService({
    repository,
    blobs,
    clock,
    settings: () => files,
    findConversation: (id) => conversations.get(id) ?? null,
    rateLimit: (principal) => {
      rateLimit.seen.push(principal);
      if (rateLimit.refuse) throw new AppError("rate.limited", "too many uploads");
    },
    newFileId: () => `file_${++ids}`,
  });
  const list = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  return {
    service,
    repository,
    blobs,
    clock,
    conversations,
    settings: files,
    rateLimit,
    storedBlobs: () => list(blobs.root).filter((name) => /^[0-9a-f]{64}$/.test(name)),
    temporaryFiles: () => {
      try {
        return list(join(blobs.root, "tmp"));
      } catch {
        return [];
      }
    },
    close() {
      database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
