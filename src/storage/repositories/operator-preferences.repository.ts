/** SQLite implementation of the engine's `OperatorPreferenceRepository` (an operator's own capacity limit). */
import { sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { OperatorPreferenceRepository } from "../../core/conversation/conversation.ports";
import { operatorPreferences } from "../tables/operator-preferences.table";

/** An `OperatorPreferenceRepository` over Parley's database: written when an operator changes a preference, read at start. */
export function createOperatorPreferenceRepository(db: BunSQLiteDatabase): OperatorPreferenceRepository {
  return {
    save(record) {
      db.insert(operatorPreferences)
        .values({ ...record })
        .onConflictDoUpdate({ target: operatorPreferences.operatorId, set: { maxConversations: sql`excluded.max_conversations`, updatedAt: sql`excluded.updated_at` } })
        .run();
    },
    all() {
      return db.select().from(operatorPreferences).all();
    },
  };
}
