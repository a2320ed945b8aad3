/**
 * Chat attachments end to end: who may upload, receiving the bytes within limits, deciding what
 * they really are, storing them once, who may download them, and forgetting them on retention.
 * Transport-agnostic: HTTP (files.routes.ts) feeds it a byte stream; announcing the file in the
 * conversation (`postMessage(conversationId, sender, { file })`) is the caller's next step, with
 * the {@link FileMetadata} this service returns.
 */
import { randomBytes } from "node:crypto";
import type { Config } from "../config/schema";
import type { Clock } from "../core/clock";
import { AppError } from "../core/errors";
import { type BlobStore, tooLarge } from "./blob.store";
import { sniffUpload, TextProbe } from "./content-type.sniffer";
import { assertCanUpload, canReadConversationFiles } from "./file-access.policy";
import { sanitizeFileName } from "./file-name.sanitizer";
import type { FileConversationView, FilePrincipal, FileRepository, FindConversation, StoredFile, UploadRateLimit } from "./file.model";
import { KeyedLock } from "./keyed.lock";

/**
 * Bytes a multipart body may carry beyond the file itself (boundaries, part headers, a long
 * file name) before its Content-Length alone proves the file too large.
 */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** What the file service is built from; ports are injected so it runs without the rest of Parley in tests. */
export interface FileServiceDeps {
  readonly repository: FileRepository;
  readonly blobs: BlobStore;
  readonly findConversation: FindConversation;
  /** The current `config.files` (a getter, so a hot-reloaded limit applies to the next upload). */
  readonly settings: () => Config["files"];
  readonly clock: Clock;
  readonly rateLimit?: UploadRateLimit;
  /** Unguessable file ids; defaults to 128 random bits, base64url. */
  readonly newFileId?: () => string;
}

/** One file as it arrives: what the client says about it and its bytes, streamed. */
export interface IncomingFile {
  readonly fileName: string;
  readonly mimeType?: string;
  readonly content: AsyncIterable<Uint8Array>;
}

/** Proof that an upload was authorised, handed from {@link FileService.authorizeUpload} to {@link FileService.receive}. */
export interface UploadGrant {
  readonly principal: FilePrincipal;
  readonly conversation: FileConversationView;
}

/** A file the caller may read, with a lazy handle on its bytes. */
export interface DownloadableFile {
  readonly file: StoredFile;
  readonly body: ReturnType<typeof Bun.file>;
}

/** What a retention pass removed. */
export interface PruneResult {
  readonly files: number;
  readonly blobs: number;
}

/** 128 random bits: file URLs are bearer-like handles, so ids must not be guessable or ordered. */
export function randomFileId(): string {
  return randomBytes(16).toString("base64url");
}

/** The file domain's entry point; one instance per running server. */
export class FileService {
  private readonly blobLock = new KeyedLock();
  private readonly newFileId: () => string;

  constructor(private readonly deps: FileServiceDeps) {
    this.newFileId = deps.newFileId ?? randomFileId;
  }

  /** The size limit in force, for clients and for the early Content-Length check. */
  get maxBytes(): number {
    return this.deps.settings().maxBytes;
  }

  /**
   * Everything that can be refused before reading a byte of the body: rate limit, access, the
   * conversation's state, and a Content-Length that already exceeds the limit.
   */
  async authorizeUpload(principal: FilePrincipal, conversationId: string, contentLength?: number): Promise<UploadGrant> {
    await this.deps.rateLimit?.(principal);
    const conversation = assertCanUpload(principal, await this.deps.findConversation(conversationId), conversationId);
    const { maxBytes } = this.deps.settings();
    if (contentLength !== undefined && contentLength > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(maxBytes);
    return { principal, conversation };
  }

  /**
   * Streams an authorised upload to disk, sniffs it, and records it. Any refusal (too large,
   * mismatched or disallowed type, empty) leaves nothing behind.
   */
  async receive(grant: UploadGrant, incoming: IncomingFile): Promise<StoredFile> {
    const { maxBytes, allowedTypes } = this.deps.settings();
    const probe = new TextProbe();
    const pending = await this.deps.blobs.receive(incoming.content, { maxBytes, onChunk: (chunk) => probe.feed(chunk) });
    try {
      if (pending.size === 0) throw new AppError("request.invalid", "the file is empty");
      const declared = { fileName: incoming.fileName, mimeType: incoming.mimeType };
      const sniffed = await sniffUpload({ blob: Bun.file(pending.tempPath), probe, declared, allowedTypes });
      const file: StoredFile = {
        id: this.newFileId(),
        sha256: pending.sha256,
        size: pending.size,
        name: sanitizeFileName(incoming.fileName, sniffed),
        contentType: sniffed.contentType,
        conversationId: grant.conversation.id,
        ...uploader(grant.principal),
        createdAt: this.deps.clock.now(),
      };
      await this.blobLock.run(pending.sha256, () => this.commit(pending, file));
      return file;
    } finally {
      await this.deps.blobs.discard(pending);
    }
  }

  /** {@link authorizeUpload} then {@link receive}, for callers that already hold the whole stream. */
  async upload(principal: FilePrincipal, conversationId: string, incoming: IncomingFile): Promise<StoredFile> {
    return this.receive(await this.authorizeUpload(principal, conversationId), incoming);
  }

  /**
   * The file, if `principal` may read it. Unknown ids and forbidden files are the same
   * `file.not_found`, so the answer never confirms that a file exists.
   */
  async openDownload(principal: FilePrincipal, fileId: string): Promise<DownloadableFile> {
    const notFound = new AppError("file.not_found", `file ${fileId} does not exist`);
    const file = this.deps.repository.findById(fileId);
    if (!file) throw notFound;
    const conversation = await this.deps.findConversation(file.conversationId);
    if (!conversation || !canReadConversationFiles(principal, conversation)) throw notFound;
    const body = this.deps.blobs.file(file.sha256);
    if (!(await body.exists())) throw notFound;
    return { file, body };
  }

  /** A stored file's row, without access checks (transcripts, exports built by trusted code). */
  findById(fileId: string): StoredFile | null {
    return this.deps.repository.findById(fileId);
  }

  /** Retention: forgets files created before `createdBefore` (epoch ms) and deletes blobs no longer referenced. */
  async pruneFilesOlderThan(createdBefore: number): Promise<PruneResult> {
    const deleted = this.deps.repository.deleteCreatedBefore(createdBefore);
    return { files: deleted.length, blobs: await this.removeUnreferencedBlobs(deleted) };
  }

  /** Conversation retention: forgets a conversation's files and their now-unreferenced blobs. */
  async deleteConversationFiles(conversationId: string): Promise<PruneResult> {
    const deleted = this.deps.repository.deleteByConversation(conversationId);
    return { files: deleted.length, blobs: await this.removeUnreferencedBlobs(deleted) };
  }

  /**
   * For a caller that deleted file rows in its own transaction (visitor erasure): after the commit,
   * removes each blob no remaining row references (a blob shared with another file stays).
   */
  async removeBlobsIfUnreferenced(sha256s: readonly string[]): Promise<number> {
    return this.removeUnreferencedBlobs(sha256s.map((sha256) => ({ sha256 })));
  }

  /** Moves the blob into place and records the row; a row that cannot be written leaves no orphan blob. */
  private async commit(pending: { tempPath: string; sha256: string; size: number }, file: StoredFile): Promise<void> {
    const { deduplicated } = await this.deps.blobs.commit(pending);
    try {
      this.deps.repository.insert(file);
    } catch (error) {
      if (!deduplicated && !this.deps.repository.isBlobReferenced(file.sha256)) await this.deps.blobs.remove(file.sha256);
      throw error;
    }
  }

  private async removeUnreferencedBlobs(deleted: readonly Pick<StoredFile, "sha256">[]): Promise<number> {
    let removed = 0;
    for (const sha256 of new Set(deleted.map((file) => file.sha256))) {
      await this.blobLock.run(sha256, async () => {
        if (this.deps.repository.isBlobReferenced(sha256)) return;
        await this.deps.blobs.remove(sha256);
        removed++;
      });
    }
    return removed;
  }
}

function uploader(principal: FilePrincipal): Pick<StoredFile, "uploaderKind" | "uploaderId"> {
  return principal.kind === "visitor" ? { uploaderKind: "visitor", uploaderId: principal.visitorId } : { uploaderKind: "operator", uploaderId: principal.id };
}
