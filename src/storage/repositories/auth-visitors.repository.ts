/**
 * Persistence of visitor identities and their bearer tokens (see auth-visitors.table.ts). Tokens
 * are addressed by SHA-256 only.
 */
import { eq, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { visitors, visitorTokens } from "../tables/auth-visitors.table";

/** A stored visitor. */
export type VisitorRow = typeof visitors.$inferSelect;

/** Profile fields a bootstrap may set. */
export interface VisitorProfilePatch {
  readonly name?: string;
  readonly email?: string;
}

/** Reads and writes visitors and visitor_tokens. */
export class AuthVisitorRepository {
  /** Every visitor connection and widget request looks its token up: prepared once. */
  private readonly byTokenHash;
  /**
   * Every widget bootstrap creates a visitor and a token: prepared once too (a statement compiled per
   * call is native memory held until the garbage collector finalizes it; 2,500 bootstraps in a burst
   * left megabytes behind).
   */
  private readonly insertVisitor;
  private readonly insertToken;

  constructor(private readonly db: BunSQLiteDatabase) {
    const p = sql.placeholder;
    this.insertVisitor = db
      .insert(visitors)
      .values({ id: p("id"), createdAt: p("createdAt"), lastSeenAt: p("lastSeenAt"), name: p("name"), email: p("email"), identityUserId: p("identityUserId") })
      .prepare();
    this.insertToken = db.insert(visitorTokens).values({ tokenHash: p("tokenHash"), visitorId: p("visitorId"), createdAt: p("createdAt"), lastUsedAt: p("lastUsedAt") }).prepare();
    this.byTokenHash = db
      .select({ visitor: visitors })
      .from(visitorTokens)
      .innerJoin(visitors, eq(visitors.id, visitorTokens.visitorId))
      .where(eq(visitorTokens.tokenHash, sql.placeholder("hash")))
      .prepare();
  }

  /** Creates a visitor together with its first token, atomically. */
  createWithToken(visitor: VisitorRow, tokenHash: string): void {
    this.db.transaction(() => {
      this.insertVisitor.run({ id: visitor.id, createdAt: visitor.createdAt, lastSeenAt: visitor.lastSeenAt, name: visitor.name, email: visitor.email, identityUserId: visitor.identityUserId });
      this.insertToken.run({ tokenHash, visitorId: visitor.id, createdAt: visitor.createdAt, lastUsedAt: visitor.createdAt });
    });
  }

  /** Issues another token for an existing visitor (a new device of a verified user). */
  addToken(visitorId: string, tokenHash: string, now: number): void {
    this.db.insert(visitorTokens).values({ tokenHash, visitorId, createdAt: now, lastUsedAt: now }).run();
  }

  /** The visitor owning a token hash, if the token exists. */
  findByTokenHash(tokenHash: string): VisitorRow | undefined {
    return this.byTokenHash.get({ hash: tokenHash })?.visitor;
  }

  /** The visitor a host-site user id was verified for. */
  findByIdentity(userId: string): VisitorRow | undefined {
    return this.db.select().from(visitors).where(eq(visitors.identityUserId, userId)).get();
  }

  /** A visitor by id. */
  findById(id: string): VisitorRow | undefined {
    return this.db.select().from(visitors).where(eq(visitors.id, id)).get();
  }

  /** Records that a token (and its visitor) was just used; optionally updates the profile. */
  touch(visitorId: string, tokenHash: string, now: number, patch: VisitorProfilePatch = {}): void {
    this.db.transaction((tx) => {
      tx.update(visitorTokens).set({ lastUsedAt: now }).where(eq(visitorTokens.tokenHash, tokenHash)).run();
      tx.update(visitors).set({ lastSeenAt: now, ...definedOnly(patch) }).where(eq(visitors.id, visitorId)).run();
    });
  }

  /** Links an anonymous visitor to a verified host-site user id. */
  linkIdentity(visitorId: string, userId: string): void {
    this.db.update(visitors).set({ identityUserId: userId }).where(eq(visitors.id, visitorId)).run();
  }

  /** Moves a token to another visitor (the browser now belongs to a verified user). */
  reassignToken(tokenHash: string, visitorId: string, now: number): void {
    this.db.update(visitorTokens).set({ visitorId, lastUsedAt: now }).where(eq(visitorTokens.tokenHash, tokenHash)).run();
  }
}

function definedOnly(patch: VisitorProfilePatch): VisitorProfilePatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}
