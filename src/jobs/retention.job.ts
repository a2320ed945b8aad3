/**
 * Data retention: deletes conversations and uploaded files older than `storage.retention`
 * allows (0 = keep forever); chat between operators follows the conversations' retention. Runs daily at 03:00 server time from the job registry; the deletions
 * themselves are a port the storage layer implements, so this file only decides *what* is old.
 */
import type { Clock } from "../core/clock";
import type { Config } from "../config/schema";
import type { Logger } from "../observability/logger";

/** What the storage layer provides for retention. Each returns how many rows it removed. */
export interface RetentionPort {
  /** Deletes conversations that ended before `endedBefore` (epoch ms), with their messages, events and files. */
  pruneConversationsEndedBefore(endedBefore: number): number | Promise<number>;
  /** Deletes uploaded files created before `createdBefore`, whatever their conversation's state. */
  pruneFilesOlderThan(createdBefore: number): number | Promise<number>;
  /** Deletes operator-to-operator messages sent before `createdBefore` (same cutoff as conversations). */
  pruneOperatorMessagesOlderThan(createdBefore: number): number | Promise<number>;
}

/** What one run removed; `null` where that retention is disabled. */
export interface RetentionResult {
  readonly conversations: number | null;
  readonly files: number | null;
  readonly operatorMessages: number | null;
}

/** The dependencies of a retention run. */
export interface RetentionDeps {
  readonly config: () => Pick<Config, "storage">;
  readonly clock: Clock;
  readonly port: RetentionPort;
  readonly logger: Pick<Logger, "info">;
}

const DAY_MS = 86_400_000;

/** The cutoff instant for a retention of `days` (null when disabled). */
export function retentionCutoff(now: number, days: number): number | null {
  return days > 0 ? now - days * DAY_MS : null;
}

/** Applies the retention settings of the current config once. */
export async function runRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const { conversationsDays, filesDays } = deps.config().storage.retention;
  const now = deps.clock.now();
  const conversationsBefore = retentionCutoff(now, conversationsDays);
  const filesBefore = retentionCutoff(now, filesDays);
  const result: RetentionResult = {
    conversations: conversationsBefore === null ? null : await deps.port.pruneConversationsEndedBefore(conversationsBefore),
    files: filesBefore === null ? null : await deps.port.pruneFilesOlderThan(filesBefore),
    operatorMessages: conversationsBefore === null ? null : await deps.port.pruneOperatorMessagesOlderThan(conversationsBefore),
  };
  if (result.conversations !== null || result.files !== null) deps.logger.info("retention pruned old data", { ...result });
  return result;
}
