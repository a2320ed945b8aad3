/**
 * Persistence of operator sessions (see auth-sessions.table.ts). Rows are addressed by the token's
 * SHA-256 only; the plain token never reaches this layer.
 */
import { and, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { authSessions } from "../tables/auth-sessions.table";

/** A stored session row. */
export type SessionRow = typeof authSessions.$inferSelect;

/** Who holds live sessions, to compare against a reloaded config. */
export interface SessionHolder {
  readonly operatorId: string;
  readonly role: string;
}

/** Reads and writes auth_sessions. */
export class AuthSessionRepository {
  /** Every staff request looks its session up: prepared once. */
  private readonly byHash;

  constructor(private readonly db: BunSQLiteDatabase) {
    this.byHash = db.select().from(authSessions).where(eq(authSessions.tokenHash, sql.placeholder("hash"))).prepare();
  }

  /** Stores a new session. */
  insert(row: SessionRow): void {
    this.db.insert(authSessions).values(row).run();
  }

  /** The session for a token hash, revoked or not. */
  findByHash(tokenHash: string): SessionRow | undefined {
    return this.byHash.get({ hash: tokenHash });
  }

  /** Sliding renewal: pushes the expiry and records activity. */
  renew(tokenHash: string, lastSeenAt: number, expiresAt: number): void {
    this.db.update(authSessions).set({ lastSeenAt, expiresAt }).where(eq(authSessions.tokenHash, tokenHash)).run();
  }

  /** Deletes one session (sign-out, or an expired one found in use). */
  delete(tokenHash: string): void {
    this.db.delete(authSessions).where(eq(authSessions.tokenHash, tokenHash)).run();
  }

  /** Revokes one session, keeping the row so its holder learns why. */
  revokeOne(tokenHash: string, reason: string, at: number): void {
    this.db.update(authSessions).set({ revokedAt: at, revokedReason: reason }).where(eq(authSessions.tokenHash, tokenHash)).run();
  }

  /**
   * Revokes the live sessions of an operator, optionally sparing the caller's own session or the
   * sessions opened under the operator's current role. Returns how many.
   */
  revokeOperator(operatorId: string, reason: string, at: number, spare: { tokenHash?: string; role?: string } = {}): number {
    const conditions = [eq(authSessions.operatorId, operatorId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, at)];
    if (spare.tokenHash) conditions.push(ne(authSessions.tokenHash, spare.tokenHash));
    if (spare.role) conditions.push(ne(authSessions.role, spare.role));
    return this.db.update(authSessions).set({ revokedAt: at, revokedReason: reason }).where(and(...conditions)).returning({ id: authSessions.tokenHash }).all().length;
  }

  /** Distinct (operator, role) pairs holding live sessions at `now`. */
  liveHolders(now: number): SessionHolder[] {
    return this.db
      .selectDistinct({ operatorId: authSessions.operatorId, role: authSessions.role })
      .from(authSessions)
      .where(and(isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
      .all();
  }

  /** Deletes sessions that expired before `before`. Returns how many. */
  purgeExpiredBefore(before: number): number {
    return this.db.delete(authSessions).where(lt(authSessions.expiresAt, before)).returning({ id: authSessions.tokenHash }).all().length;
  }
}
