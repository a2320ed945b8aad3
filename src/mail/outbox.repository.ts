/**
 * The outbox repository now lives with the other drizzle code in src/storage. This path stays only
 * because src/runtime/mail.step.ts (owned elsewhere) still imports it; delete it once that import
 * points at src/storage/repositories/mail-outbox.repository.ts.
 */
export { MailOutboxRepository } from "../storage/repositories/mail-outbox.repository";
