/**
 * Stable error codes shared by HTTP and WebSocket. Clients branch on `code`, humans read `message`;
 * the code list is part of the public API (documented in README's API section), so codes are only
 * ever added, never renamed.
 */
export const ERROR_STATUS = {
  "request.invalid": 400,
  "request.too_large": 413,
  "auth.required": 401,
  "auth.invalid_credentials": 401,
  "auth.locked": 429,
  "auth.session_expired": 401,
  "auth.forbidden": 403,
  "auth.csrf": 403,
  "auth.origin": 403,
  "auth.identity_invalid": 403,
  "permission.disabled": 403,
  "rate.limited": 429,
  "not_found": 404,
  "conversation.not_found": 404,
  "conversation.invalid_state": 409,
  "conversation.ended": 409,
  "operator.not_found": 404,
  "operator.unavailable": 409,
  "operator.at_capacity": 409,
  "department.not_found": 404,
  "queue.full": 503,
  "queue.closed": 503,
  "hours.closed": 503,
  "transfer.not_found": 404,
  "transfer.invalid": 409,
  "file.not_found": 404,
  "upload.too_large": 413,
  "upload.type_not_allowed": 415,
  "upload.type_mismatch": 415,
  "questionnaire.not_found": 404,
  "questionnaire.invalid_answers": 400,
  "field.unknown": 400,
  "field.required": 400,
  "field.invalid": 400,
  "plugin.failed": 500,
  "internal": 500,
} as const;

/** A stable, documented error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type the domain throws for expected failures. Transport turns it into
 * `{type:"error", code, message}` (WS) or `{error:{code, message}}` with `ERROR_STATUS[code]` (HTTP).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
