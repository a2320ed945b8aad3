/**
 * The REST calls of the offline-messages screen (`/api/offline-messages`, docs/api.md): list a page
 * by status and department, count the unhandled ones for the header's badge, mark one handled.
 */
import type { ApiClient } from "../api/api.client";

/** One message a visitor left through the widget's offline form. */
export interface OfflineMessage {
  readonly id: string;
  readonly visitorId: string | null;
  readonly name: string;
  readonly email: string;
  readonly message: string;
  readonly department: string | null;
  readonly pageUrl: string | null;
  /** Why the form was offered: after_hours, queue_full, no_operator, queue_closed, queue_timeout. */
  readonly reason: string | null;
  readonly createdAt: number;
  readonly handledAt: number | null;
  readonly handledBy: string | null;
  readonly handledByName: string | null;
}

/** Which messages the list shows. */
export type OfflineStatus = "open" | "handled" | "all";

/** A page of messages, newest first. */
export interface OfflinePage {
  readonly items: readonly OfflineMessage[];
  readonly nextCursor: string | null;
}

/** Typed calls over the console's {@link ApiClient}. */
export class OfflineMessagesApi {
  constructor(private readonly http: ApiClient) {}

  list(query: { status: OfflineStatus; department?: string | null; cursor?: string | null; limit?: number }): Promise<OfflinePage> {
    return this.http.get<OfflinePage>("/api/offline-messages", { status: query.status, department: query.department, cursor: query.cursor, limit: query.limit ?? 25 });
  }

  async countOpen(): Promise<number> {
    return (await this.http.get<{ open: number }>("/api/offline-messages/count")).open;
  }

  markHandled(id: string): Promise<OfflineMessage> {
    return this.http.post<OfflineMessage>(`/api/offline-messages/${encodeURIComponent(id)}/handled`);
  }
}
