/**
 * Consecutive failed sign-ins per account key (the normalised e-mail, known or not, so a lockout
 * never reveals whether an address exists). Persisted so a restart does not reset an attacker's budget.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Throttle state of one account key; deleted on a successful sign-in. */
export const authLoginFailures = sqliteTable(
  "auth_login_failures",
  {
    accountKey: text("account_key").primaryKey(),
    failures: integer("failures").notNull(),
    lastFailureAt: integer("last_failure_at").notNull(),
    lockedUntil: integer("locked_until"),
  },
  (table) => [index("auth_login_failures_last_idx").on(table.lastFailureAt)],
);
