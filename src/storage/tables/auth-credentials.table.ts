/**
 * Operator passwords kept in the database rather than the YAML: the generated first-start admin
 * password and passwords operators changed themselves. Such a row overrides the YAML `passwordHash`
 * until an administrator writes a *different* hash in the YAML (that is the reset path).
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** At most one stored credential per operator id. */
export const authCredentials = sqliteTable("auth_credentials", {
  operatorId: text("operator_id").primaryKey(),
  /** argon2id PHC string from Bun.password. */
  passwordHash: text("password_hash").notNull(),
  /** `generated` (first start) or `changed` (by the operator). */
  source: text("source").notNull(),
  /** The YAML passwordHash in effect when this row was written (null if none): a different YAML hash later wins. */
  configHashBasis: text("config_hash_basis"),
  updatedAt: integer("updated_at").notNull(),
});
