/**
 * Turns whatever a command handler threw into the `error` frame the client gets. Expected failures
 * (AppError) keep their stable code and message; anything else is logged with its stack and becomes
 * `internal`, so a bug costs one command, never the connection.
 */
import { AppError } from "../../core/errors";
import type { Logger } from "../../observability/logger";
import type { ErrorFrameT } from "./protocol";

/** The error frame for a failure of command `id`. */
export function errorFrameFor(id: string | undefined, error: unknown, logger: Logger, context: Record<string, unknown> = {}): ErrorFrameT {
  if (error instanceof AppError) {
    const frame: ErrorFrameT = { type: "error", ...(id !== undefined ? { id } : {}), code: error.code, message: error.message };
    const details = error.details;
    if (details) {
      const seconds = details.retryAfterSeconds;
      if (typeof seconds === "number") frame.retryAfterMs = Math.ceil(seconds * 1000);
      const ms = details.retryAfterMs;
      if (typeof ms === "number") frame.retryAfterMs = Math.ceil(ms);
      frame.details = details;
    }
    return frame;
  }
  logger.error("realtime command failed", { err: error, commandId: id, ...context });
  return { type: "error", ...(id !== undefined ? { id } : {}), code: "internal", message: "an unexpected error occurred; the command had no effect" };
}
