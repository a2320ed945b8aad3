/**
 * The vocabulary of chat attachments: what is stored about a file, what clients see of it, and the
 * small ports the file service needs from the rest of Parley (conversations, auth, rate limits).
 * Ports are structural so the file domain stays independent of how those parts are built.
 */
import type { ConversationAccess } from "../auth/authorization.policy";
import type { Principal } from "../auth/principal.model";

/** Who put a file into a conversation; kept so transcripts and audits can say who sent what. */
export type UploaderKind = "visitor" | "operator";

/** One uploaded file as stored: metadata row pointing at a content-addressed blob. */
export interface StoredFile {
  /** Random, unguessable id: the URL of a file is its only handle, so it must not be enumerable. */
  readonly id: string;
  /** Hex SHA-256 of the bytes; also the blob's address on disk and the download ETag. */
  readonly sha256: string;
  readonly size: number;
  /** The uploader's file name, sanitised so it is safe in headers, file systems and UIs. */
  readonly name: string;
  /** The type sniffed from the bytes (never the one the client declared). */
  readonly contentType: string;
  readonly conversationId: string;
  readonly uploaderKind: UploaderKind;
  readonly uploaderId: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** What clients see of a file (upload response, message attachment). */
export interface FileMetadata {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  /** Relative download URL; the client prefixes its API origin. */
  readonly url: string;
}

/** The public view of a stored file, so every layer builds URLs the same way. */
export function toFileMetadata(file: StoredFile): FileMetadata {
  return { id: file.id, name: file.name, size: file.size, contentType: file.contentType, url: fileUrl(file.id) };
}

/** The download path of a file id (mirrors the route in src/transport/http/files.routes.ts). */
export function fileUrl(id: string): string {
  return `/api/files/${encodeURIComponent(id)}`;
}

/** The authenticated caller: the auth layer's principal, passed straight through. */
export type FilePrincipal = Principal;

/**
 * The facts about a conversation that decide who may upload to and download from it: the auth
 * layer's {@link ConversationAccess} plus who handled it before, since an operator keeps access to
 * the files exchanged in a conversation they have transferred away.
 */
export interface FileConversationView extends ConversationAccess {
  readonly id: string;
  /** Operators who handled the conversation before (transfers, re-escalation). */
  readonly previousOperatorIds: readonly string[];
}

/** Port to the conversation engine: look a conversation up by id (null when unknown). */
export type FindConversation = (conversationId: string) => FileConversationView | null | Promise<FileConversationView | null>;

/**
 * Port to the auth layer's rate limiter for uploads; must throw `AppError("rate.limited")` when the
 * caller is over its budget (config.rateLimits.upload, keyed per visitor or operator).
 */
export type UploadRateLimit = (principal: FilePrincipal) => void | Promise<void>;

/** Persistence of file metadata rows (implemented in src/storage/repositories/file.repository.ts). */
export interface FileRepository {
  insert(file: StoredFile): void;
  findById(id: string): StoredFile | null;
  /** Files of a conversation, oldest first (transcripts, exports). */
  listByConversation(conversationId: string): StoredFile[];
  /** Deletes rows created strictly before `createdBefore` and returns what was deleted. */
  deleteCreatedBefore(createdBefore: number): StoredFile[];
  /** Deletes every row of a conversation (conversation retention) and returns what was deleted. */
  deleteByConversation(conversationId: string): StoredFile[];
  /** Whether any row still points at this blob, so shared (deduplicated) content is kept. */
  isBlobReferenced(sha256: string): boolean;
}
