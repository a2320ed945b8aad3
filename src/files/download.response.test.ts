import { describe, expect, test } from "bun:test";
import { contentDisposition, downloadResponse, ifNoneMatchHits, parseRange } from "./download.response";
import type { StoredFile } from "./file.model";
import { PDF, PNG } from "./file-fixtures.testing";

const sha = "a".repeat(64);
const stored = (overrides: Partial<StoredFile>): StoredFile => ({
  id: "f1",
  sha256: sha,
  size: PNG.byteLength,
  name: "photo.png",
  contentType: "image/png",
  conversationId: "c1",
  uploaderKind: "visitor",
  uploaderId: "v1",
  createdAt: 0,
  ...overrides,
});
const blobOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

describe("downloadResponse", () => {
  test("a safe image is shown inline, with every protective header", async () => {
    const res = downloadResponse(stored({}), blobOf(PNG), {});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="photo.png"; filename*=UTF-8''photo.png`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("cache-control")).toBe("private, max-age=86400");
    expect(res.headers.get("etag")).toBe(`"${sha}"`);
    expect(res.headers.get("content-length")).toBe(String(PNG.byteLength));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(PNG));
  });

  test("?download=1 saves even a safe image", () => {
    const res = downloadResponse(stored({}), blobOf(PNG), { forceAttachment: true });
    expect(res.headers.get("content-disposition")).toStartWith("attachment;");
  });

  test("a PDF is always an attachment", () => {
    const res = downloadResponse(stored({ name: "invoice.pdf", contentType: "application/pdf", size: PDF.byteLength }), blobOf(PDF), {});
    expect(res.headers.get("content-disposition")).toStartWith("attachment;");
    expect(res.headers.get("content-type")).toBe("application/pdf");
  });

  test("text declares its charset (we verified it is UTF-8 at upload)", () => {
    const res = downloadResponse(stored({ name: "notes.txt", contentType: "text/plain", size: 3 }), blobOf(new Uint8Array([0x61, 0x62, 0x63])), {});
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toStartWith("attachment;");
  });

  test("a matching If-None-Match gets 304 without a body", async () => {
    const res = downloadResponse(stored({}), blobOf(PNG), { ifNoneMatch: `"other", "${sha}"` });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe(`"${sha}"`);
    expect(await res.text()).toBe("");
  });

  test("a different ETag gets the file", () => {
    expect(downloadResponse(stored({}), blobOf(PNG), { ifNoneMatch: '"stale"' }).status).toBe(200);
  });

  test("a byte range gets 206 with exactly those bytes", async () => {
    const res = downloadResponse(stored({}), blobOf(PNG), { range: "bytes=1-3" });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 1-3/${PNG.byteLength}`);
    expect(res.headers.get("content-length")).toBe("3");
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe("PNG");
  });

  test("a range past the end gets 416 naming the size", () => {
    const res = downloadResponse(stored({}), blobOf(PNG), { range: `bytes=${PNG.byteLength}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${PNG.byteLength}`);
  });

  test("If-Range with a stale ETag ignores the range and sends the whole file", () => {
    const res = downloadResponse(stored({}), blobOf(PNG), { range: "bytes=0-1", ifRange: '"stale"' });
    expect(res.status).toBe(200);
  });
});

describe("parseRange", () => {
  test.each([
    ["bytes=0-9", 100, { start: 0, end: 9 }],
    ["bytes=90-", 100, { start: 90, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=-500", 100, { start: 0, end: 99 }],
    ["bytes=95-500", 100, { start: 95, end: 99 }],
    ["bytes=100-", 100, "unsatisfiable"],
    ["bytes=-0", 100, "unsatisfiable"],
    ["bytes=5-1", 100, null],
    ["bytes=0-1,5-6", 100, null],
    ["items=0-1", 100, null],
    [undefined, 100, null],
  ] as const)("%s of %d bytes", (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe("headers", () => {
  test("Content-Disposition carries the exact UTF-8 name and an ASCII fallback", () => {
    expect(contentDisposition("Relevé (mars) 'v2'.pdf", false)).toBe(
      `attachment; filename="Relev_ (mars) 'v2'.pdf"; filename*=UTF-8''Relev%C3%A9%20%28mars%29%20%27v2%27.pdf`,
    );
  });

  test("If-None-Match: weak tags and * match", () => {
    expect(ifNoneMatchHits(`W/"${sha}"`, `"${sha}"`)).toBe(true);
    expect(ifNoneMatchHits("*", `"${sha}"`)).toBe(true);
    expect(ifNoneMatchHits(null, `"${sha}"`)).toBe(false);
  });
});
