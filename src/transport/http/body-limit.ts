/**
 * The size limit of non-file request bodies. Every JSON body of the API is small (the longest field is
 * a 10,000-character message), yet without a limit Elysia would read and parse whatever a client
 * sends, up to Bun's 128 MB default, before any schema could refuse it. Declared sizes above the limit
 * are refused up front with `413 request.too_large`; file uploads (multipart) have their own limit
 * (`files.maxBytes`), checked while streaming. A chunked body declares no length, so the server
 * itself is capped too (`serverBodyCap`, Bun's `maxRequestBodySize`): past it Bun answers 413 and
 * closes the connection, and a handler still reading the body sees `isServerBodyCapError`.
 */
import { Elysia } from "elysia";
import { AppError } from "../../core/errors";
import { MULTIPART_OVERHEAD_BYTES } from "../../files/file.service";

/** 256 KiB: a maximal message JSON-escaped to `\uXXXX` is about 60 KB, so no valid request comes near it. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** Elysia plugin: refuses non-multipart bodies whose Content-Length is above `maxBytes`. Install once, early. */
export function bodyLimit(maxBytes = MAX_JSON_BODY_BYTES) {
  return new Elysia({ name: "body-limit" }).onRequest(({ request }) => {
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (!(declared > maxBytes)) return;
    if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) return;
    throw new AppError("request.too_large", `request bodies are limited to ${maxBytes} bytes (files are uploaded as multipart/form-data)`, { maxBytes });
  });
}

/**
 * The largest body the HTTP server accepts at all, whatever its framing: the largest legitimate
 * request is an upload of `files.maxBytes` plus its multipart envelope, and no JSON body comes near
 * it. Bun reads the value once, when it listens; a later raise of `files.maxBytes` needs a restart to
 * admit files above the old cap (a lowered limit applies at once, in the upload service).
 */
export function serverBodyCap(filesMaxBytes: number): number {
  return Math.max(filesMaxBytes + MULTIPART_OVERHEAD_BYTES, MAX_JSON_BODY_BYTES);
}

/** The error a handler's body read fails with once Bun has refused the body over `serverBodyCap` (the client already got 413). */
export function isServerBodyCapError(error: unknown): boolean {
  return error instanceof Error && error.message.includes("maxRequestBodySize");
}

/** The message of the `request.too_large` answer to a body over the server cap. */
export const SERVER_BODY_CAP_MESSAGE = "the request body is larger than this server accepts";
