/**
 * The team chat's REST calls (docs/api.md, "Team chat"): a page of my thread with a colleague and
 * marking it read. Sending and live delivery go through the operator socket (`op.message`).
 */
import type { ApiClient } from "../api/api.client";

/** One stored message between two operators, as the server shows it. */
export interface TeamMessageItem {
  readonly id: string;
  readonly clientId: string;
  readonly from: { readonly id: string; readonly name: string };
  readonly to: string;
  readonly text: string;
  readonly at: number;
  readonly readAt: number | null;
}

/** A page of a thread, oldest first; `olderCursor` fetches the page before it (null: the start). */
export interface TeamThreadPage {
  readonly items: readonly TeamMessageItem[];
  readonly olderCursor: string | null;
}

/** Messages a page asks for. */
export const TEAM_PAGE_SIZE = 50;

/** The newest page of my thread with `operatorId`, or the one before `cursor`. */
export function teamThread(http: ApiClient, operatorId: string, cursor: string | null = null): Promise<TeamThreadPage> {
  return http.get<TeamThreadPage>(`/api/team-chat/threads/${encodeURIComponent(operatorId)}/messages`, { cursor, limit: TEAM_PAGE_SIZE });
}
