/**
 * Content-addressed blob storage on the local disk: `<root>/ab/cd/<sha256>`. Addressing by hash
 * dedupes identical uploads for free and makes a blob immutable, so its hash is a perfect ETag.
 * Uploads are streamed to a temporary file in the same file system, fsynced, then renamed into
 * place, so a crash never leaves a half-written blob under a real address.
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { AppError } from "../core/errors";

/** A received upload, hashed and durable in the temporary area, not yet at its address. */
export interface PendingBlob {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
}

/** Options of {@link BlobStore.receive}. */
export interface ReceiveOptions {
  /** Abort with `upload.too_large` as soon as more than this many bytes arrived. */
  readonly maxBytes: number;
  /** Sees every chunk as it passes (content probes), so nothing needs a second read. */
  readonly onChunk?: (chunk: Uint8Array) => void;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Temporary files older than this at startup are leftovers of a crash. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The on-disk store for file contents. One instance per data directory. */
export class BlobStore {
  private readonly tempDir: string;

  /** `root` is `<dataDir>/files`. */
  constructor(readonly root: string) {
    this.tempDir = join(root, "tmp");
  }

  /** Where the blob with this hash lives. Rejects anything but a SHA-256 so no caller can escape `root`. */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** A lazily read handle on a stored blob (Bun.file supports slicing for Range requests). */
  file(sha256: string): ReturnType<typeof Bun.file> {
    return Bun.file(this.pathOf(sha256));
  }

  /**
   * Streams `source` into a new temporary file while hashing and counting it; never holds more
   * than one chunk in memory. Throws `upload.too_large` (and removes the partial file) the moment
   * the limit is crossed, without reading the rest.
   */
  async receive(source: AsyncIterable<Uint8Array>, options: ReceiveOptions): Promise<PendingBlob> {
    await mkdir(this.tempDir, { recursive: true });
    const tempPath = join(this.tempDir, `${randomUUID()}.part`);
    const handle = await open(tempPath, "wx", 0o600);
    const hasher = new Bun.CryptoHasher("sha256");
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > options.maxBytes) throw tooLarge(options.maxBytes);
        hasher.update(chunk);
        options.onChunk?.(chunk);
        for (let offset = 0; offset < chunk.byteLength; ) offset += (await handle.write(chunk, offset)).bytesWritten;
      }
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(tempPath, { force: true });
      throw error;
    }
    await handle.close();
    return { tempPath, sha256: hasher.digest("hex"), size };
  }

  /**
   * Moves a received blob to its address. When identical content is already stored the new copy
   * is dropped (`deduplicated: true`). The directory is fsynced so the rename survives a crash.
   */
  async commit(pending: PendingBlob): Promise<{ deduplicated: boolean }> {
    const target = this.pathOf(pending.sha256);
    if (await exists(target)) {
      await rm(pending.tempPath, { force: true });
      return { deduplicated: true };
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(pending.tempPath, target);
    await fsyncDirectory(dirname(target));
    return { deduplicated: false };
  }

  /** Throws a received blob away (rejected upload). */
  async discard(pending: PendingBlob): Promise<void> {
    await rm(pending.tempPath, { force: true });
  }

  /** Deletes a stored blob; a missing one is not an error (deletion is idempotent). */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Whether a blob is stored. */
  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  /** Removes temporary files a crash left behind; called at startup. Returns how many were removed. */
  async sweepTemporary(now: number): Promise<number> {
    const names = await readdir(this.tempDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.tempDir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** The one way this module says "over the limit", shared with the early Content-Length check. */
export function tooLarge(maxBytes: number): AppError {
  return new AppError("upload.too_large", `files may be at most ${maxBytes} bytes`, { maxBytes });
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/** Makes a rename durable: on Linux the new directory entry is only safe once the directory is fsynced. */
async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
