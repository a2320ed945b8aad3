import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../core/errors";
import { BlobStore } from "./blob.store";

let root: string;
let store: BlobStore;
beforeEach(() => {
  root = join(mkdtempSync(join(tmpdir(), "parley-blobs-")), "files");
  store = new BlobStore(root);
});
afterEach(() => rmSync(join(root, ".."), { recursive: true, force: true }));

/** Yields `chunks` and records how many were pulled, to prove a refusal stops reading. */
function source(chunks: Uint8Array[]) {
  const pulled = { count: 0 };
  async function* generate() {
    for (const chunk of chunks) {
      pulled.count++;
      yield chunk;
    }
  }
  return { iterable: generate(), pulled };
}

const sha256 = (text: string) => new Bun.CryptoHasher("sha256").update(text).digest("hex");
const chunk = (text: string) => new TextEncoder().encode(text);
const tempFiles = () => readdirSync(join(root, "tmp"));

describe("BlobStore", () => {
  test("stores content at files/ab/cd/<sha256> and leaves no temporary file", async () => {
    const pending = await store.receive(source([chunk("hello "), chunk("world")]).iterable, { maxBytes: 100 });
    expect(pending).toMatchObject({ sha256: sha256("hello world"), size: 11 });
    expect(await store.commit(pending)).toEqual({ deduplicated: false });
    const hash = sha256("hello world");
    const path = join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
    expect(store.pathOf(hash)).toBe(path);
    expect(readFileSync(path, "utf8")).toBe("hello world");
    expect(tempFiles()).toEqual([]);
  });

  test("identical content is stored once", async () => {
    await store.commit(await store.receive(source([chunk("same")]).iterable, { maxBytes: 100 }));
    const second = await store.receive(source([chunk("sa"), chunk("me")]).iterable, { maxBytes: 100 });
    expect(await store.commit(second)).toEqual({ deduplicated: true });
    expect(tempFiles()).toEqual([]);
    const hash = sha256("same");
    expect(readdirSync(join(root, hash.slice(0, 2), hash.slice(2, 4)))).toEqual([hash]);
  });

  test("stops reading and removes the partial file the moment the limit is crossed", async () => {
    const { iterable, pulled } = source([chunk("12345"), chunk("67890"), chunk("abcde"), chunk("fghij")]);
    const error = await store.receive(iterable, { maxBytes: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("upload.too_large");
    expect(pulled.count).toBe(2);
    expect(tempFiles()).toEqual([]);
  });

  test("exactly the limit is accepted", async () => {
    const pending = await store.receive(source([chunk("12345678")]).iterable, { maxBytes: 8 });
    expect(pending.size).toBe(8);
  });

  test("every chunk is shown to the observer", async () => {
    const seen: string[] = [];
    await store.receive(source([chunk("a"), chunk("b")]).iterable, { maxBytes: 10, onChunk: (c) => seen.push(new TextDecoder().decode(c)) });
    expect(seen).toEqual(["a", "b"]);
  });

  test("a hash that is not a SHA-256 never becomes a path", () => {
    expect(() => store.pathOf("../../etc/passwd")).toThrow();
    expect(() => store.pathOf("A".repeat(64))).toThrow();
  });

  test("remove is idempotent and has() follows it", async () => {
    const pending = await store.receive(source([chunk("x")]).iterable, { maxBytes: 10 });
    await store.commit(pending);
    expect(await store.has(pending.sha256)).toBe(true);
    await store.remove(pending.sha256);
    await store.remove(pending.sha256);
    expect(await store.has(pending.sha256)).toBe(false);
  });

  test("startup sweep removes stale leftovers of a crash but not uploads in progress", async () => {
    mkdirSync(join(root, "tmp"), { recursive: true });
    writeFileSync(join(root, "tmp", "old.part"), "x");
    writeFileSync(join(root, "tmp", "fresh.part"), "y");
    const now = Date.now();
    const twoHoursAgo = new Date(now - 2 * 60 * 60 * 1000);
    utimesSync(join(root, "tmp", "old.part"), twoHoursAgo, twoHoursAgo);
    expect(await store.sweepTemporary(now)).toBe(1);
    expect(tempFiles()).toEqual(["fresh.part"]);
  });
});
