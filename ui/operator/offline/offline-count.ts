/**
 * Keeps the header's offline-messages badge right: the store bumps it at once on a pushed `offline`
 * frame, and this counter re-reads the authoritative count over REST on sign-in, after every
 * reconnection, after each pushed frame, and every few minutes (a colleague handling a message
 * sends no frame).
 */
import type { ConsoleStore } from "../state/console.store";
import type { OfflineMessagesApi } from "./offline-messages.api";

/** How often the count is re-read while nothing else asked for it. */
export const OFFLINE_COUNT_REFRESH_MS = 120_000;

/** The badge's counter for one signed-in console. */
export class OfflineCounter {
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly api: Pick<OfflineMessagesApi, "countOpen">,
    private readonly store: Pick<ConsoleStore, "setOfflineCount">,
  ) {}

  /** First read, then every {@link OFFLINE_COUNT_REFRESH_MS}. */
  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), OFFLINE_COUNT_REFRESH_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Re-reads the count (one request at a time; a failure keeps the last figure). */
  refresh(): Promise<void> {
    this.inFlight ??= this.api
      .countOpen()
      .then((n) => this.store.setOfflineCount(n))
      .catch(() => undefined)
      .finally(() => (this.inFlight = null));
    return this.inFlight;
  }
}
