/**
 * Test support for visitor erasure: one in-memory database shared by the engine (SQLite stores),
 * the file service (blobs in a temporary directory) and the erasure store, and `seedVisitor`, which
 * leaves a visitor with everything a real one accumulates.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Config } from "../config/schema";
import { ManualClock } from "../core/clock";
import { harness, type Harness } from "../core/conversation/engine.testkit";
import { BlobStore } from "../files/blob.store";
import { FileService } from "../files/file.service";
import { openDatabase, type OpenDatabase } from "../storage/db";
import { createEngineStores } from "../storage/repositories/conversation-stores";
import { createFileRepository } from "../storage/repositories/file.repository";
import { MailJobRepository } from "../storage/repositories/mail-jobs.repository";
import { OfflineMessageRepository } from "../storage/repositories/offline-messages.repository";
import { VisitorAdditionalInfoRepository } from "../storage/repositories/visitor-additional-info.repository";
import { VisitorErasureRepository } from "../storage/repositories/visitor-erasure.repository";
import { visitors, visitorTokens } from "../storage/tables/auth-visitors.table";
import { questionnaireResponses } from "../storage/tables/questionnaire-responses.table";

/** The shared pieces. */
export interface ErasureWorld {
  readonly database: OpenDatabase;
  readonly engine: Harness;
  readonly files: FileService;
  readonly blobs: BlobStore;
  readonly store: VisitorErasureRepository;
  readonly clock: ManualClock;
  /** Gives `visitorId` two ended conversations (messages, a note, a file, a survey answer), an offline message, additional info, a token and an outbox e-mail; returns their ids and blob hashes. */
  seedVisitor(visitorId: string, fileBytes: string): Promise<{ conversationIds: string[]; sha256: string }>;
  /** A conversation of `visitorId` left open (waiting or active). */
  openConversation(visitorId: string): string;
  close(): void;
}

/** Builds the world on `config` (an operator "olga" in department "support" must exist). */
export function erasureWorld(config: Config, database: OpenDatabase = openDatabase(":memory:"), clock = new ManualClock()): ErasureWorld {
  const db = database.db;
  const engine = harness(config, { clock, stores: createEngineStores(database) });
  const dataDir = mkdtempSync(join(tmpdir(), "parley-erasure-"));
  const blobs = new BlobStore(join(dataDir, "files"));
  const fileRows = createFileRepository(db);
  const files = new FileService({ repository: fileRows, blobs, clock, settings: () => config.files, findConversation: () => null, rateLimit: () => {}, newFileId: () => crypto.randomUUID() });
  let n = 0;
  const start = (visitorId: string) => {
    const out = engine.engine.startConversation({ visitor: { id: visitorId, name: "Vera Visitor", email: "vera@mail.example" }, department: "support" });
    if (out.outcome === "refused") throw new Error(out.reason);
    return out.conversation.id;
  };
  return {
    database,
    engine,
    files,
    blobs,
    clock,
    store: new VisitorErasureRepository(db),
    async seedVisitor(visitorId, fileBytes) {
      engine.engine.operatorConnected("olga");
      const sha256 = new Bun.CryptoHasher("sha256").update(fileBytes).digest("hex");
      await mkdir(dirname(blobs.pathOf(sha256)), { recursive: true });
      await Bun.write(blobs.pathOf(sha256), fileBytes);
      const conversationIds: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = start(visitorId);
        n++;
        engine.engine.postMessage(id, { kind: "visitor", id: visitorId }, { text: "My order 4521 is late", file: null, clientId: `m-${n}` });
        engine.engine.addNote(id, { kind: "operator", id: "olga", role: "operator" }, { text: "Vera's address changed", clientId: `n-${n}` });
        fileRows.insert({ id: `f-${n}`, sha256, size: fileBytes.length, name: "invoice.txt", contentType: "text/plain", conversationId: id, uploaderKind: "visitor", uploaderId: visitorId, createdAt: clock.now() });
        db.insert(questionnaireResponses).values({ id: `q-${n}`, conversationId: id, questionnaireId: "exit", respondentKind: "visitor", respondentId: visitorId, answers: "{}", score: 5, summary: "5/5", createdAt: clock.now() }).run();
        engine.engine.endConversation(id, { kind: "visitor", id: visitorId }, "visitor");
        conversationIds.push(id);
      }
      db.insert(visitors).values({ id: visitorId, createdAt: clock.now(), lastSeenAt: clock.now(), name: "Vera", email: "vera@mail.example" }).run();
      db.insert(visitorTokens).values({ tokenHash: `hash-${visitorId}`, visitorId, createdAt: clock.now(), lastUsedAt: clock.now() }).run();
      new OfflineMessageRepository(db).insert({ id: `off-${visitorId}`, visitorId, name: "Vera", email: "vera@mail.example", message: "Call me", departmentId: null, pageUrl: null, reason: "after_hours", createdAt: clock.now(), handledAt: null, handledBy: null });
      new VisitorAdditionalInfoRepository(db).apply(visitorId, [{ visitorId, fieldId: "account", value: "A-42", updatedAt: clock.now(), updatedBy: "olga" }], []);
      const outbox = new MailJobRepository(db);
      outbox.enqueue({ id: `mail-t-${visitorId}`, kind: "transcript", toAddress: "olga@example.com", subject: "Transcript", bodyText: "Vera: My order", createdAt: clock.now(), payload: { conversationId: conversationIds[0] } });
      outbox.enqueue({ id: `mail-o-${visitorId}`, kind: "offline-message", toAddress: "olga@example.com", subject: "Offline", bodyText: "Call me", createdAt: clock.now(), payload: { offlineMessageId: `off-${visitorId}` } });
      return { conversationIds, sha256 };
    },
    openConversation(visitorId) {
      engine.engine.operatorConnected("olga");
      return start(visitorId);
    },
    close() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
