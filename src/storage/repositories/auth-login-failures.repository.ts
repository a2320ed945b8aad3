/** Persistence of per-account sign-in throttle state (see auth-login-failures.table.ts). */
import { eq, lt } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { LoginThrottleState } from "../../auth/login-throttle.policy";
import { authLoginFailures } from "../tables/auth-login-failures.table";

/** Reads and writes auth_login_failures. */
export class AuthLoginFailureRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  /** The throttle state of an account key, or null when it has no recent failure. */
  find(accountKey: string): LoginThrottleState | null {
    const row = this.db.select().from(authLoginFailures).where(eq(authLoginFailures.accountKey, accountKey)).get();
    return row ? { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil } : null;
  }

  /** Stores the new state after a failure. */
  save(accountKey: string, state: LoginThrottleState): void {
    this.db
      .insert(authLoginFailures)
      .values({ accountKey, ...state })
      .onConflictDoUpdate({ target: authLoginFailures.accountKey, set: { ...state } })
      .run();
  }

  /** Forgets an account's failures (successful sign-in). */
  clear(accountKey: string): void {
    this.db.delete(authLoginFailures).where(eq(authLoginFailures.accountKey, accountKey)).run();
  }

  /** Drops rows whose last failure is older than `before` (bounded growth under e-mail spraying). */
  purgeOlderThan(before: number): number {
    return this.db.delete(authLoginFailures).where(lt(authLoginFailures.lastFailureAt, before)).returning({ key: authLoginFailures.accountKey }).all().length;
  }
}
