/**
 * The size limit of non-file request bodies. Every JSON body of the API is small (the longest field is
 * a 10,000-character message), yet without a limit Elysia would read and parse whatever a client
 * sends, up to Bun's 128 MB default, before any schema could refuse it. Declared sizes above the limit
 * are refused up front with `413 request.too_large`; file uploads (multipart) have their own limit
 * (`files.maxBytes`), checked while streaming.
 */
import { Elysia } from "elysia";
import { AppError } from "../../core/errors";

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
