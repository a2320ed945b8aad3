import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { conversation, PDF, PNG, refusal, staff, TEXT, visitor, zip } from "./file-fixtures.testing";
import { createFileHarness, type FileHarness } from "./file-service.testing";
import { toFileMetadata } from "./file.model";
import type { IncomingFile } from "./file.service";

let h: FileHarness;
beforeEach(() => {
  h = createFileHarness();
  h.conversations.set("c1", conversation());
  h.conversations.set("c2", conversation({ id: "c2", visitorId: "v2", operatorId: "op2", previousOperatorIds: [] }));
});
afterEach(() => h.close());

/** An incoming file whose bytes arrive in small chunks, counting how many were read. */
function incoming(content: Uint8Array, fileName: string, mimeType?: string, chunkSize = 64): IncomingFile & { pulled: () => number } {
  let pulled = 0;
  async function* chunks() {
    for (let i = 0; i < content.length; i += chunkSize) {
      pulled++;
      yield content.subarray(i, i + chunkSize);
    }
  }
  return { fileName, mimeType, content: chunks(), pulled: () => pulled };
}

describe("upload", () => {
  test("a visitor's picture is stored with its sniffed type, sanitised name and uploader", async () => {
    h.clock.set(Date.UTC(2026, 2, 1));
    const file = await h.service.upload(visitor("v1"), "c1", incoming(PNG, "../My photo.png", "image/png"));
    expect(file).toEqual({
      id: "file_1",
      sha256: new Bun.CryptoHasher("sha256").update(PNG).digest("hex"),
      size: PNG.byteLength,
      name: "My photo.png",
      contentType: "image/png",
      conversationId: "c1",
      uploaderKind: "visitor",
      uploaderId: "v1",
      createdAt: Date.UTC(2026, 2, 1),
    });
    expect(h.repository.findById("file_1")).toEqual(file);
    expect(toFileMetadata(file)).toEqual({ id: "file_1", name: "My photo.png", size: PNG.byteLength, contentType: "image/png", url: "/api/files/file_1" });
    expect(h.storedBlobs()).toEqual([file.sha256]);
    expect(h.temporaryFiles()).toEqual([]);
  });

  test("the assigned operator's upload records the operator as sender", async () => {
    const file = await h.service.upload(staff("op1"), "c1", incoming(PDF, "invoice.pdf", "application/pdf"));
    expect(file).toMatchObject({ uploaderKind: "operator", uploaderId: "op1", contentType: "application/pdf" });
  });

  test("the same bytes uploaded twice are two files sharing one blob", async () => {
    const first = await h.service.upload(visitor("v1"), "c1", incoming(PNG, "a.png", "image/png"));
    const second = await h.service.upload(visitor("v2"), "c2", incoming(PNG, "b.png", "image/png"));
    expect(first.id).not.toBe(second.id);
    expect(first.sha256).toBe(second.sha256);
    expect(h.storedBlobs()).toHaveLength(1);
    expect(h.temporaryFiles()).toEqual([]);
  });

  test("a refused upload leaves no row, no blob and no temporary file", async () => {
    expect((await refusal(h.service.upload(visitor("v1"), "c1", incoming(zip(), "a.png", "image/png")))).code).toBe("upload.type_mismatch");
    expect((await refusal(h.service.upload(visitor("v1"), "c1", incoming(new Uint8Array(2000), "big.txt", "text/plain")))).code).toBe("upload.too_large");
    expect(h.repository.listByConversation("c1")).toEqual([]);
    expect(h.storedBlobs()).toEqual([]);
    expect(h.temporaryFiles()).toEqual([]);
  });

  test("an empty file is refused", async () => {
    const error = await refusal(h.service.upload(visitor("v1"), "c1", incoming(new Uint8Array(0), "empty.txt", "text/plain")));
    expect(error.code).toBe("request.invalid");
    expect(error.message).toContain("empty");
  });

  test("a file over the limit is refused without reading the rest of the stream", async () => {
    const upload = incoming(new Uint8Array(10_000).fill(0x61), "big.txt", "text/plain", 100);
    const error = await refusal(h.service.upload(visitor("v1"), "c1", upload));
    expect(error.code).toBe("upload.too_large");
    expect(error.details).toEqual({ maxBytes: 1024 });
    expect(upload.pulled()).toBe(11);
  });

  test("a Content-Length already over the limit is refused before any byte is read", async () => {
    const error = await refusal(h.service.authorizeUpload(visitor("v1"), "c1", 10 * 1024 * 1024));
    expect(error.code).toBe("upload.too_large");
  });

  test("a limit changed by a config reload applies to the next upload", async () => {
    h.settings.maxBytes = 10;
    expect((await refusal(h.service.upload(visitor("v1"), "c1", incoming(PNG, "a.png")))).code).toBe("upload.too_large");
    h.settings.maxBytes = 1024;
    expect((await h.service.upload(visitor("v1"), "c1", incoming(PNG, "a.png"))).contentType).toBe("image/png");
  });

  test("every upload passes the rate limit, whose refusal stops it before access checks", async () => {
    await h.service.upload(visitor("v1"), "c1", incoming(TEXT, "a.txt"));
    expect(h.rateLimit.seen).toEqual([visitor("v1")]);
    h.rateLimit.refuse = true;
    expect((await refusal(h.service.upload(visitor("v1"), "c1", incoming(TEXT, "a.txt")))).code).toBe("rate.limited");
  });

  test("another visitor's conversation does not exist as far as they can tell", async () => {
    const stranger = await refusal(h.service.upload(visitor("v2"), "c1", incoming(PNG, "a.png")));
    const unknown = await refusal(h.service.upload(visitor("v2"), "nope", incoming(PNG, "a.png")));
    expect(stranger.code).toBe("conversation.not_found");
    expect(unknown.code).toBe("conversation.not_found");
  });
});

describe("download access", () => {
  test("participants open the file; strangers get the same not-found as for an unknown id", async () => {
    const file = await h.service.upload(visitor("v1"), "c1", incoming(PNG, "a.png"));
    const opened = await h.service.openDownload(visitor("v1"), file.id);
    expect(new Uint8Array(await opened.body.arrayBuffer())).toEqual(new Uint8Array(PNG));
    expect((await h.service.openDownload(staff("op1"), file.id)).file.id).toBe(file.id);
    const stranger = await refusal(h.service.openDownload(visitor("v2"), file.id));
    const unknown = await refusal(h.service.openDownload(visitor("v2"), "file_999"));
    expect(stranger.code).toBe("file.not_found");
    expect(unknown.code).toBe("file.not_found");
  });

  test("a file whose blob went missing is not found rather than a server error", async () => {
    const file = await h.service.upload(visitor("v1"), "c1", incoming(PNG, "a.png"));
    await h.blobs.remove(file.sha256);
    expect((await refusal(h.service.openDownload(visitor("v1"), file.id))).code).toBe("file.not_found");
  });
});

describe("retention", () => {
  test("pruning forgets old files and deletes blobs nobody references any more", async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = await h.service.upload(visitor("v1"), "c1", incoming(PNG, "old.png"));
    const oldShared = await h.service.upload(visitor("v1"), "c1", incoming(TEXT, "shared.txt"));
    h.clock.advance(10 * day);
    const recentShared = await h.service.upload(visitor("v2"), "c2", incoming(TEXT, "again.txt"));

    const result = await h.service.pruneFilesOlderThan(h.clock.now() - 5 * day);

    expect(result).toEqual({ files: 2, blobs: 1 });
    expect(h.repository.findById(old.id)).toBeNull();
    expect(h.repository.findById(oldShared.id)).toBeNull();
    expect(h.repository.findById(recentShared.id)).not.toBeNull();
    expect(h.storedBlobs()).toEqual([recentShared.sha256]);
    expect((await refusal(h.service.openDownload(visitor("v1"), old.id))).code).toBe("file.not_found");
    expect(await (await h.service.openDownload(visitor("v2"), recentShared.id)).body.text()).toBe(new TextDecoder().decode(TEXT));
  });

  test("pruning with nothing old is a no-op", async () => {
    await h.service.upload(visitor("v1"), "c1", incoming(PNG, "a.png"));
    expect(await h.service.pruneFilesOlderThan(h.clock.now() - 1)).toEqual({ files: 0, blobs: 0 });
    expect(h.storedBlobs()).toHaveLength(1);
  });

  test("deleting a conversation's files keeps blobs other conversations still use", async () => {
    await h.service.upload(visitor("v1"), "c1", incoming(PNG, "a.png"));
    await h.service.upload(visitor("v1"), "c1", incoming(PDF, "b.pdf"));
    await h.service.upload(visitor("v2"), "c2", incoming(PNG, "c.png"));
    expect(await h.service.deleteConversationFiles("c1")).toEqual({ files: 2, blobs: 1 });
    expect(h.repository.listByConversation("c2")).toHaveLength(1);
    expect(h.storedBlobs()).toHaveLength(1);
  });
});
