/** SQLite implementation of the engine's `TransferRepository` (transfer requests, pending and resolved). */
import { eq } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { TransferRepository } from "../../core/conversation/conversation.ports";
import type { TransferRequest, TransferState } from "../../core/transfer/transfer.model";
import { conversationTransfers } from "../tables/conversation-transfers.table";

type Row = typeof conversationTransfers.$inferSelect;

const fromRow = (r: Row): TransferRequest => ({ ...r, state: r.state as TransferState });

/** A `TransferRepository` over Parley's database. */
export function createTransferRepository(db: BunSQLiteDatabase): TransferRepository {
  return {
    insert(request) {
      db.insert(conversationTransfers).values(request).run();
    },
    update(request) {
      db.update(conversationTransfers).set({ state: request.state, resolvedAt: request.resolvedAt }).where(eq(conversationTransfers.id, request.id)).run();
    },
    listPending() {
      return db.select().from(conversationTransfers).where(eq(conversationTransfers.state, "pending")).orderBy(conversationTransfers.createdAt).all().map(fromRow);
    },
  };
}
