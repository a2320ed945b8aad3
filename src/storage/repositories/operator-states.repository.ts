/** SQLite implementation of the engine's `OperatorStateRepository` (status, presence flag, last assignment). */
import { sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { OperatorStateRepository } from "../../core/conversation/conversation.ports";
import { operatorStates } from "../tables/operator-states.table";

const p = sql.placeholder;

/** An `OperatorStateRepository` over Parley's database; the upsert runs on every assignment, so it is prepared. */
export function createOperatorStateRepository(db: BunSQLiteDatabase): OperatorStateRepository {
  const upsert = db
    .insert(operatorStates)
    .values({ operatorId: p("operatorId"), status: p("status"), statusSince: p("statusSince"), present: p("present"), lastAssignedAt: p("lastAssignedAt") })
    .onConflictDoUpdate({
      target: operatorStates.operatorId,
      set: { status: sql`excluded.status`, statusSince: sql`excluded.status_since`, present: sql`excluded.present`, lastAssignedAt: sql`excluded.last_assigned_at` },
    })
    .prepare();
  return {
    save(state) {
      upsert.run({ ...state });
    },
    all() {
      return db.select().from(operatorStates).all();
    },
  };
}
