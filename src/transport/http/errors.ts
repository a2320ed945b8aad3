/**
 * The one place where failures become HTTP responses. Clients always get JSON
 * `{error:{code, message}}` with a stable code from `core/errors.ts` — never an HTML page, never a
 * stack trace. Expected failures (AppError, bad input, unknown routes) are answered precisely;
 * anything unexpected is a 500 `internal` carrying the request id, logged with its stack so an
 * admin can match a user's report to the log line.
 */
import { Elysia, ValidationError } from "elysia";
import type { ValueError } from "@sinclair/typebox/errors";
import { TransformDecodeError } from "@sinclair/typebox/value";
import { AppError, ERROR_STATUS, type ErrorCode } from "../../core/errors";
import type { Logger } from "../../observability/logger";
import { isServerBodyCapError, SERVER_BODY_CAP_MESSAGE } from "./body-limit";
import { requestIdOf } from "./request-context";

/** The JSON body of every error response. `path` names the offending input field of a validation failure. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; path?: string; requestId?: string; details?: Record<string, unknown> };
}

/** Builds an error body (for handlers that answer with an error without throwing). */
export function errorBody(code: ErrorCode, message: string, extra: Omit<ErrorBody["error"], "code" | "message"> = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

/** Where a validation failure happened and what was wrong, phrased for the API user. */
export function describeValidationError(error: ValidationError): { path: string; message: string } {
  const leaf = deepestError(error.valueError);
  const pointer = leaf?.path ?? error.valueError?.path ?? "";
  const path = [error.type, ...pointer.split("/").filter(Boolean)].join(".");
  const custom = typeof error.customError === "string" ? error.customError : undefined;
  const reason = custom ?? leaf?.message ?? "is invalid";
  return { path, message: `${path}: ${reason}` };
}

/**
 * A union failure (Elysia wraps numbers in "numeric string or number" unions) says only "Expected
 * union value"; the branch matching the value's JS type explains what is really wrong.
 */
function deepestError(error: ValueError | undefined): ValueError | undefined {
  if (!error || error.errors.length === 0) return error;
  const branches = error.errors.map((iterator) => iterator.First()).filter((e): e is ValueError => e !== undefined);
  const sameType = branches.find((b) => jsonTypeMatches(b.schema.type, b.value));
  return deepestError(sameType ?? branches.at(-1)) ?? error;
}

function jsonTypeMatches(schemaType: unknown, value: unknown): boolean {
  if (schemaType === "integer") return typeof value === "number";
  if (schemaType === "array") return Array.isArray(value);
  if (schemaType === "null") return value === null;
  return typeof schemaType === "string" && schemaType === typeof value;
}

/** The error code that best names a bare HTTP status (from `status(n)` responses or Elysia internals). */
function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([code, s]) => s === status && !code.includes("."));
  if (match) return match[0];
  if (status === 401) return "auth.required";
  if (status === 403) return "auth.forbidden";
  if (status === 413) return "request.too_large";
  if (status === 429) return "rate.limited";
  return status >= 500 ? "internal" : "request.invalid";
}

/**
 * Elysia's generated handlers recognise a failed decode (a query number out of range, a bad boolean)
 * by `error.constructor.name === "TransformDecodeError"`. The binary is minified, which renames the
 * class, so the failure was swallowed and the handler ran with the raw, undecoded text (`limit=0`
 * reached it as the string "0"). Pinning the name keeps the check true in every build.
 */
export function pinDecodeErrorName(): void {
  if (TransformDecodeError.name !== "TransformDecodeError") Object.defineProperty(TransformDecodeError, "name", { value: "TransformDecodeError" });
}

/** Elysia plugin: global error mapping. Install once, before the route plugins. */
export function httpErrors(logger: Logger) {
  pinDecodeErrorName();
  return new Elysia({ name: "http-errors" }).onError({ as: "global" }, ({ code, error, set, request }) => {
    const reply = (status: number, body: ErrorBody) => {
      set.status = status;
      set.headers["content-type"] = "application/json; charset=utf-8";
      set.headers["cache-control"] = "no-store";
      return body;
    };

    // Bun already answered 413 to a body over its cap; the handler that was reading it must not log a 500.
    if (isServerBodyCapError(error)) return reply(413, errorBody("request.too_large", SERVER_BODY_CAP_MESSAGE));
    if (error instanceof AppError) return reply(error.status, errorBody(error.code, error.message, error.details ? { details: error.details } : {}));
    if (error instanceof ValidationError) {
      const { path, message } = describeValidationError(error);
      return reply(400, errorBody("request.invalid", message, { path }));
    }
    switch (code) {
      case "NOT_FOUND":
        return reply(404, errorBody("not_found", `no route for ${request.method} ${new URL(request.url).pathname}`));
      case "PARSE":
        return reply(400, errorBody("request.invalid", "the request body could not be parsed (malformed JSON or form data, or a content type the route does not accept)"));
      case "INVALID_FILE_TYPE":
        return reply(415, errorBody("upload.type_not_allowed", error.message));
      case "INVALID_COOKIE_SIGNATURE":
        return reply(401, errorBody("auth.required", "the session cookie is invalid; sign in again"));
    }
    if (typeof code === "number") {
      const response = (error as { response?: unknown }).response;
      if (isErrorBody(response)) return reply(code, response);
      const message = typeof response === "string" && response !== "" ? response : `request failed with status ${code}`;
      return reply(code, errorBody(codeForStatus(code), message));
    }

    const requestId = requestIdOf(request);
    logger.error("unhandled error", { err: error, method: request.method, path: new URL(request.url).pathname });
    return reply(500, errorBody("internal", `an unexpected error occurred; quote request id ${requestId} when reporting it`, { requestId }));
  });
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === "object" && value !== null && "error" in value && typeof (value as ErrorBody).error?.code === "string";
}
