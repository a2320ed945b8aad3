/**
 * The logging surface auth needs. Structural, so the observability logger (or a test spy) fits
 * without auth importing it. Never pass a password, token or hash in `fields`.
 */
export interface AuthLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}
