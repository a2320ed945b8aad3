/**
 * A transfer request: the `/t Name` … `/a` flow. Unlike a direct transfer it waits for the target
 * operator, who accepts, declines or lets it expire; until then the conversation stays where it is.
 */

/** Where a request is in its life; everything but `pending` is final. */
export type TransferState = "pending" | "accepted" | "declined" | "expired" | "cancelled";

/** One request to hand a conversation to another operator. */
export interface TransferRequest {
  readonly id: string;
  readonly conversationId: string;
  /** The operator handling the conversation when the request was made. */
  readonly fromOperatorId: string;
  readonly toOperatorId: string;
  /** Shown to the receiving operator, never to the visitor. */
  readonly message: string | null;
  /** Who asked (the handling operator or a manager). */
  readonly requestedBy: string;
  state: TransferState;
  readonly createdAt: number;
  /** When it lapses; null when requests never expire (`timeouts.transferRequestSeconds: 0`). */
  readonly expiresAt: number | null;
  resolvedAt: number | null;
}
