/**
 * The embedded migration registry. The compiled binary contains only what is imported, so every
 * SQL file drizzle-kit writes must be listed here (a test fails if one is forgotten). Migrations are
 * applied through drizzle's own bookkeeping table (`__drizzle_migrations`), exactly as
 * `drizzle-orm/bun-sqlite/migrator` would from disk, so the two ways stay interchangeable.
 */
import type { Database } from "bun:sqlite";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { MigrationMeta } from "drizzle-orm/migrator";
import journal from "./migrations/meta/_journal.json" with { type: "json" };
import m0000 from "./migrations/0000_meta.sql" with { type: "text" };
import m0001 from "./migrations/0001_auth.sql" with { type: "text" };
import m0002 from "./migrations/0002_files.sql" with { type: "text" };
import m0003 from "./migrations/0003_deadlines.sql" with { type: "text" };
import m0004 from "./migrations/0004_engine.sql" with { type: "text" };
import m0005 from "./migrations/0005_engine_fired_deadlines.sql" with { type: "text" };
import m0006 from "./migrations/0006_offline_messages.sql" with { type: "text" };
import m0007 from "./migrations/0007_console.sql" with { type: "text" };
import m0008 from "./migrations/0008_events_drop_created_idx.sql" with { type: "text" };
import m0009 from "./migrations/0009_operator_messages.sql" with { type: "text" };
import m0010 from "./migrations/0010_operator_questionnaire_dues.sql" with { type: "text" };
import m0011 from "./migrations/0011_visitor_additional_info.sql" with { type: "text" };
import m0012 from "./migrations/0012_operator_preferences.sql" with { type: "text" };
import m0013 from "./migrations/0013_command_acks.sql" with { type: "text" };

/** SQL text of each migration, keyed by its drizzle-kit tag (file name without `.sql`). Add new files here. */
export const MIGRATION_SQL: Readonly<Record<string, string>> = {
  "0000_meta": m0000,
  "0001_auth": m0001,
  "0002_files": m0002,
  "0003_deadlines": m0003,
  "0004_engine": m0004,
  "0005_engine_fired_deadlines": m0005,
  "0006_offline_messages": m0006,
  "0007_console": m0007,
  "0008_events_drop_created_idx": m0008,
  "0009_operator_messages": m0009,
  "0010_operator_questionnaire_dues": m0010,
  "0011_visitor_additional_info": m0011,
  "0012_operator_preferences": m0012,
  "0013_command_acks": m0013,
};

/** drizzle-kit's separator between statements of one migration file. */
const STATEMENT_BREAKPOINT = "--> statement-breakpoint";

/** The bookkeeping table drizzle uses; also read by the readiness check. */
export const MIGRATIONS_TABLE = "__drizzle_migrations";

/** drizzle's migration metadata for every journal entry, built from the embedded SQL (same shape and hash as `readMigrationFiles`). */
export function embeddedMigrations(): MigrationMeta[] {
  return journal.entries.map((entry) => {
    const text = MIGRATION_SQL[entry.tag];
    if (text === undefined) throw new Error(`migration ${entry.tag} is in the journal but not registered in src/storage/migrations.ts`);
    return {
      sql: text.split(STATEMENT_BREAKPOINT),
      bps: entry.breakpoints,
      folderMillis: entry.when,
      hash: new Bun.CryptoHasher("sha256").update(text).digest("hex"),
    };
  });
}

/**
 * Applies the migrations not yet recorded in the database, in one transaction (drizzle's dialect
 * logic: everything newer than the last applied one). Idempotent: re-running is a no-op.
 * `upTo` limits how many are considered — tests use it to build databases at older schema versions.
 */
export function applyMigrations(db: BunSQLiteDatabase, upTo?: number): void {
  const all = embeddedMigrations();
  const metas = upTo === undefined ? all : all.slice(0, upTo);
  // `dialect` and `session` are internal on drizzle's public type but are exactly what its own migrator calls.
  const internals = db as unknown as { dialect: { migrate(m: MigrationMeta[], s: unknown, c: object): void }; session: unknown };
  internals.dialect.migrate(metas, internals.session, { migrationsTable: MIGRATIONS_TABLE });
}

/** How far the database schema is: applied vs. embedded migration counts (for /readyz and diagnostics). */
export function migrationStatus(sqlite: Database): { applied: number; expected: number; upToDate: boolean } {
  const expected = journal.entries.length;
  const exists = sqlite.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
  const latest = journal.entries.at(-1)?.when ?? 0;
  if (!exists) return { applied: 0, expected, upToDate: expected === 0 };
  const row = sqlite.query(`SELECT count(*) AS n, max(created_at) AS last FROM ${MIGRATIONS_TABLE}`).get() as { n: number; last: number | null };
  return { applied: row.n, expected, upToDate: Number(row.last ?? 0) >= latest };
}
