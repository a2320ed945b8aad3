/**
 * SQLite store of socket command acks (see command-acks.table.ts). The realtime ledger writes here
 * inside the group-commit transaction of the command itself, so an ack is stored exactly when the
 * effect is, and reads here when its in-memory cache misses (after a restart).
 */
import { and, eq, gte, lt } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { commandAcks } from "../tables/command-acks.table";

/** Who sent a command: acks are per principal, so two clients reusing an id never see each other's. */
export interface AckPrincipal {
  readonly kind: "visitor" | "operator";
  readonly id: string;
}

/** The durable side of the command ledger (an interface so the transport layer does not import drizzle). */
export interface CommandAckStore {
  /** The stored ack of this principal's command, if it was stored at or after `notBefore` (epoch ms). */
  find(principal: AckPrincipal, clientId: string, notBefore: number): string | undefined;
  /** Store an ack; a second save of the same key keeps the first (the original ack is the answer). */
  save(principal: AckPrincipal, clientId: string, ack: string, at: number): void;
  /** Delete acks stored before `cutoff` (epoch ms): one indexed range delete. */
  pruneBefore(cutoff: number): void;
}

/** A `CommandAckStore` over Parley's database. */
export function createCommandAckRepository(db: BunSQLiteDatabase): CommandAckStore {
  return {
    find(principal, clientId, notBefore) {
      const row = db
        .select({ ack: commandAcks.ack })
        .from(commandAcks)
        .where(and(eq(commandAcks.principalKind, principal.kind), eq(commandAcks.principalId, principal.id), eq(commandAcks.clientId, clientId), gte(commandAcks.createdAt, notBefore)))
        .get();
      return row?.ack;
    },
    save(principal, clientId, ack, at) {
      db.insert(commandAcks).values({ principalKind: principal.kind, principalId: principal.id, clientId, ack, createdAt: at }).onConflictDoNothing().run();
    },
    pruneBefore(cutoff) {
      db.delete(commandAcks).where(lt(commandAcks.createdAt, cutoff)).run();
    },
  };
}
