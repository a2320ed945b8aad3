/**
 * The HTTP response for a file download. Uploads come from strangers, so the response is built to
 * be harmless whatever the bytes: the sniffed type with `nosniff`, a sandboxing CSP, and inline
 * display only for the raster image types a browser cannot execute; everything else downloads.
 * The blob is immutable and addressed by its SHA-256, which makes the hash a strong ETag.
 */
import type { StoredFile } from "./file.model";

/** Image types shown inline in the chat; nothing here can carry script (SVG deliberately absent). */
export const INLINE_SAFE_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Browsers may keep a file a day; it never changes under its id, and revalidation is a cheap 304. */
export const DOWNLOAD_CACHE_CONTROL = "private, max-age=86400";

/** The request facts a download response depends on. */
export interface DownloadRequest {
  readonly ifNoneMatch?: string | null;
  readonly range?: string | null;
  readonly ifRange?: string | null;
  /** `?download=1`: always save, even a safe image. */
  readonly forceAttachment?: boolean;
}

/** A byte range, both ends inclusive, as in `Content-Range`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** The strong ETag of a file: its content hash, quoted. */
export function etagOf(file: Pick<StoredFile, "sha256">): string {
  return `"${file.sha256}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, `*` matches), per RFC 9110 §13.1.2. */
export function ifNoneMatchHits(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const candidate = tag.trim();
    return candidate === "*" || candidate.replace(/^W\//, "") === opaque;
  });
}

/**
 * The single range a `Range` header asks for: a {@link ByteRange}, `"unsatisfiable"` (416), or null
 * when the header is absent, malformed or asks for several ranges (then the whole file is sent,
 * which RFC 9110 allows).
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | "unsatisfiable" | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? "").trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [first, last] = [match[1]!, match[2]!];
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266 + RFC 5987 `filename*`). */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The full response (200, 206, 304 or 416) for a file the caller is allowed to read. */
export function downloadResponse(file: StoredFile, body: Blob, request: DownloadRequest): Response {
  const etag = etagOf(file);
  const inline = !request.forceAttachment && INLINE_SAFE_TYPES.has(file.contentType);
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": DOWNLOAD_CACHE_CONTROL,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Referrer-Policy": "no-referrer",
    "Accept-Ranges": "bytes",
  });
  if (ifNoneMatchHits(request.ifNoneMatch, etag)) return new Response(null, { status: 304, headers });

  headers.set("Content-Type", file.contentType.startsWith("text/") ? `${file.contentType}; charset=utf-8` : file.contentType);
  headers.set("Content-Disposition", contentDisposition(file.name, inline));
  const rangeApplies = !request.ifRange || request.ifRange.trim() === etag;
  const range = rangeApplies ? parseRange(request.range, file.size) : null;
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${file.size}`);
    headers.delete("Content-Type");
    headers.delete("Content-Disposition");
    return new Response(null, { status: 416, headers });
  }
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${file.size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
    return new Response(body.slice(range.start, range.end + 1), { status: 206, headers });
  }
  headers.set("Content-Length", String(file.size));
  return new Response(body, { status: 200, headers });
}
