/**
 * The keyset cursor every paged list hands out (`nextCursor`, `olderCursor`): the sort key and id of
 * the last row of a page, base64url JSON, opaque to clients. Reading one back is strict: a cursor the
 * server did not issue is refused with `400 request.invalid` rather than silently restarting at the
 * first page, where a paging client would loop or show duplicates without ever noticing.
 */
import { AppError } from "../../core/errors";

/** A position in a list: the sort key of the last row seen and its id (the tie-breaker). */
export interface KeysetCursor {
  readonly k: number;
  readonly id: string;
}

/** Encodes a position in a list (opaque to clients). */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify({ k: cursor.k, id: cursor.id })).toString("base64url");
}

/** Decodes a cursor; null when it is not one of ours. */
export function decodeCursor(text: string): KeysetCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<KeysetCursor> | null;
    if (typeof value !== "object" || value === null) return null;
    return Number.isFinite(value.k) && typeof value.id === "string" && value.id !== "" ? { k: value.k as number, id: value.id } : null;
  } catch {
    return null;
  }
}

/**
 * The cursor a client passed back, or null when it passed none; `request.invalid` naming `param`
 * when the text is not a cursor this server issued.
 */
export function readCursor(text: string | undefined, param = "query.cursor"): KeysetCursor | null {
  if (text === undefined) return null;
  const cursor = decodeCursor(text);
  if (!cursor) throw new AppError("request.invalid", `${param}: not a cursor this server issued (pass back the cursor of the previous page, or none for the first page)`);
  return cursor;
}
