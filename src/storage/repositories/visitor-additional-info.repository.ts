/**
 * The visitor's additional information in SQLite: read a visitor's values, apply an operator's
 * edit (sets and clears together, in one transaction), forget a visitor.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { visitorAdditionalInfo } from "../tables/visitor-additional-info.table";

/** One stored value. */
export type AdditionalInfoRow = typeof visitorAdditionalInfo.$inferSelect;

/** The repository. */
export class VisitorAdditionalInfoRepository {
  constructor(private readonly db: BunSQLiteDatabase) {}

  /** Every stored value of a visitor (fields no longer configured included). */
  list(visitorId: string): AdditionalInfoRow[] {
    return this.db.select().from(visitorAdditionalInfo).where(eq(visitorAdditionalInfo.visitorId, visitorId)).all();
  }

  /** Writes `set` (insert or replace) and removes the `clear` field ids, all or nothing. */
  apply(visitorId: string, set: readonly AdditionalInfoRow[], clear: readonly string[]): void {
    this.db.transaction((tx) => {
      for (const row of set) {
        tx.insert(visitorAdditionalInfo)
          .values(row)
          .onConflictDoUpdate({ target: [visitorAdditionalInfo.visitorId, visitorAdditionalInfo.fieldId], set: { value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy } })
          .run();
      }
      if (clear.length > 0) tx.delete(visitorAdditionalInfo).where(and(eq(visitorAdditionalInfo.visitorId, visitorId), inArray(visitorAdditionalInfo.fieldId, [...clear]))).run();
    });
  }
}
