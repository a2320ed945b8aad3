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
  let failure: AppError | null = null;
  const fail = (error: AppError) => {
    failure ??= error;
    source.destroy();
    // Ends a file being read without an 'error' event nobody may be listening to; the reader then reports `failure`.
    fileStream?.destroy();
    part.reject(error);
    form.reject(error);
  };
  parser.on("file", (name: string, stream: Readable, info: busboy.FileInfo) => {
    if (name !== options.field) {
      stream.resume();
      return fail(invalid(`unexpected file field "${name}": send the file in the "${options.field}" field`));
    }
    fileStream = stream;
    // busboy may fail the stream before anyone reads it (a truncated form); the reader sees that
    // failure through iteration and `failure`, so an unobserved 'error' event must not crash the process.
    stream.on("error", () => undefined);
    part.resolve({ fileName: info.filename ?? "", mimeType: info.mimeType, content: fileBytes(stream, { form: form.promise, failure: () => failure, abort: () => source.destroy() }, options.maxFileBytes) });
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

/** How a file's byte stream learns about the rest of the form. */
interface FormState {
  /** Settles when the whole form has been parsed (rejects on a form-level failure). */
  readonly form: Promise<void>;
  /** The form-level failure, if one happened: it explains a file stream that ended early. */
  readonly failure: () => AppError | null;
  /** Stops reading the request body. */
  readonly abort: () => void;
}

/**
 * The file's bytes; throws `upload.too_large` if busboy truncated it, reports the form-level
 * failure (or `request.invalid`) when parsing breaks, and waits for the end of the form before
 * reporting completion.
 */
async function* fileBytes(stream: Readable, state: FormState, maxBytes: number): AsyncGenerator<Uint8Array> {
  let complete = false;
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
    if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
    await state.form;
    complete = true;
  } catch (error) {
    throw state.failure() ?? (error instanceof AppError ? error : invalid(`malformed multipart body: ${messageOf(error)}`));
  } finally {
    if (!complete) state.abort();
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
