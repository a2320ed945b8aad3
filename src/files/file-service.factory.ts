/**
 * Builds the production file service from the server's parts, so the composition root wires files
 * in one call and the on-disk layout (`<dataDir>/files`) is decided in exactly one place.
 */
import { join } from "node:path";
import { retryAfterSeconds, type TokenBucketLimiter } from "../auth/rate-limiter";
import type { Config } from "../config/schema";
import type { Clock } from "../core/clock";
import { AppError } from "../core/errors";
import type { Db } from "../storage/db";
import { createFileRepository } from "../storage/repositories/file.repository";
import { BlobStore } from "./blob.store";
import type { FindConversation, UploadRateLimit } from "./file.model";
import { FileService } from "./file.service";

/** What the server hands over to get a working file service. */
export interface FileServiceParts {
  readonly db: Db;
  /** `config.storage.dataDir`, already resolved to an absolute path. */
  readonly dataDir: string;
  /** The live configuration (read on each upload, so reloads apply). */
  readonly config: () => Config;
  readonly clock: Clock;
  readonly findConversation: FindConversation;
  /** The shared `upload` bucket (`auth.limiters.upload`, config.rateLimits.upload); omitted = no limit. */
  readonly uploadLimiter?: TokenBucketLimiter;
}

/** The blob directory inside a data directory. */
export function filesDirectory(dataDir: string): string {
  return join(dataDir, "files");
}

/**
 * Creates the file service and clears temporary files a previous crash left behind.
 * Call once at startup, after `openDatabase`.
 */
export async function openFileService(parts: FileServiceParts): Promise<FileService> {
  const blobs = new BlobStore(filesDirectory(parts.dataDir));
  await blobs.sweepTemporary(parts.clock.now());
  return new FileService({
    repository: createFileRepository(parts.db),
    blobs,
    settings: () => parts.config().files,
    clock: parts.clock,
    findConversation: parts.findConversation,
    rateLimit: parts.uploadLimiter ? uploadRateLimit(parts.uploadLimiter) : undefined,
  });
}

/**
 * Spends one upload token per upload, keyed per visitor or per operator (not per IP: visitors
 * behind one office NAT must not share a budget). Refusals carry `retryAfterSeconds` for the
 * `Retry-After` header.
 */
export function uploadRateLimit(limiter: TokenBucketLimiter): UploadRateLimit {
  return (principal) => {
    const who = principal.kind === "visitor" ? `v:${principal.visitorId}` : `op:${principal.id}`;
    const decision = limiter.take(`upload:${who}`);
    if (decision.allowed) return;
    const seconds = retryAfterSeconds(decision.retryAfterMs);
    throw new AppError("rate.limited", `Too many uploads; try again in ${seconds} s.`, { retryAfterSeconds: seconds });
  };
}
