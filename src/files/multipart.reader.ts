/**
 * Streams the one file of a `multipart/form-data` request body with busboy, so an upload is never
 * buffered in memory (Request.formData() would hold the whole body). The file's bytes are handed
 * out as an async iterable that only completes once the rest of the form has parsed cleanly, so a
 * malformed tail rejects the upload before it is stored.
 */
import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { AppError } from "../core/errors";
import { tooLarge } from "./blob.store";
import type { IncomingFile } from "./file.service";

/** Options of {@link readMultipartFile}. */
export interface MultipartOptions {
  /** Name of the form field that carries the file. */
  readonly field: string;
  /** Largest accepted file; the parser stops reading one byte past it. */
  readonly maxFileBytes: number;
}

/** Text fields tolerated next to the file (clients may add a caption or client id); more is abuse. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 8 * 1024;

/**
 * Resolves with the file part as soon as its headers are parsed; rejects with `request.invalid`
 * when the body is not multipart, is malformed, has no such file, or has more than one file.
 */
export function readMultipartFile(body: ReadableStream<Uint8Array> | null, contentType: string, options: MultipartOptions): Promise<IncomingFile> {
  if (!body) return Promise.reject(invalid("the request has no body"));
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1, headerPairs: 20, fileSize: options.maxFileBytes + 1 },
    });
  } catch (error) {
    return Promise.reject(invalid(`expected a multipart/form-data body: ${messageOf(error)}`));
  }
  const source = Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
  const form = settleable<void>();
  const part = settleable<IncomingFile>();
  let fileStream: Readable | null = null;
  const fail = (error: AppError) => {
    source.destroy();
    fileStream?.destroy(error);
    part.reject(error);
    form.reject(error);
  };
  parser.on("file", (name: string, stream: Readable, info: busboy.FileInfo) => {
    if (name !== options.field) {
      stream.resume();
      return fail(invalid(`unexpected file field "${name}": send the file in the "${options.field}" field`));
    }
    fileStream = stream;
    part.resolve({ fileName: info.filename ?? "", mimeType: info.mimeType, content: fileBytes(stream, form.promise, options.maxFileBytes, () => source.destroy()) });
  });
  parser.on("filesLimit", () => fail(invalid("send exactly one file per request")));
  parser.on("partsLimit", () => fail(invalid(`a form may carry at most ${MAX_FIELDS} fields besides the file`)));
  parser.on("fieldsLimit", () => fail(invalid(`a form may carry at most ${MAX_FIELDS} fields besides the file`)));
  parser.on("error", (error: unknown) => fail(invalid(`malformed multipart body: ${messageOf(error)}`)));
  parser.on("close", () => {
    part.reject(invalid(`the form has no file in the "${options.field}" field`));
    form.resolve();
  });
  source.on("error", (error) => fail(invalid(`the upload was interrupted: ${messageOf(error)}`)));
  source.pipe(parser);
  return part.promise;
}

/**
 * The file's bytes; throws `upload.too_large` if busboy truncated it, maps parser failures to
 * `request.invalid`, and waits for the end of the form before reporting completion.
 */
async function* fileBytes(stream: Readable, form: Promise<void>, maxBytes: number, abort: () => void): AsyncGenerator<Uint8Array> {
  let complete = false;
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
    if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
    await form;
    complete = true;
  } catch (error) {
    throw error instanceof AppError ? error : invalid(`malformed multipart body: ${messageOf(error)}`);
  } finally {
    if (!complete) abort();
  }
}

/** A promise settled from outside; settling twice is ignored, and an unobserved rejection is not reported. */
function settleable<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

function invalid(message: string): AppError {
  return new AppError("request.invalid", message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
