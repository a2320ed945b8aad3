/** Persistence of database-held operator passwords (see auth-credentials.table.ts). */
import { eq } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { authCredentials } from "../tables/auth-credentials.table";

/** A stored credential row. */
export type CredentialRow = typeof authCredentials.$inferSelect;

/** Reads and writes auth_credentials. */
export class AuthCredentialRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  /** The stored credential of an operator, if any. */
  find(operatorId: string): CredentialRow | undefined {
    return this.db.select().from(authCredentials).where(eq(authCredentials.operatorId, operatorId)).get();
  }

  /** Creates or replaces an operator's stored credential. */
  upsert(row: CredentialRow): void {
    const { passwordHash, source, configHashBasis, updatedAt } = row;
    this.db
      .insert(authCredentials)
      .values(row)
      .onConflictDoUpdate({ target: authCredentials.operatorId, set: { passwordHash, source, configHashBasis, updatedAt } })
      .run();
  }

  /** Inserts only if the operator has no stored credential yet; returns whether it was inserted (first-start races). */
  insertIfAbsent(row: CredentialRow): boolean {
    return this.db.insert(authCredentials).values(row).onConflictDoNothing().returning({ id: authCredentials.operatorId }).all().length === 1;
  }
}
